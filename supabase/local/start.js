#!/usr/bin/env node
// `npm start`: the whole app on this machine, with no server to install.
//
//  1. builds the app when build/ is missing or older than the sources;
//  2. starts the Supabase stand-in on PGlite in .data/pglite (or PostgreSQL when DATABASE_URL is
//     set); migrations and demo seed are applied on first start;
//  3. writes the URL and keys to .env (for `vite dev` and scripts);
//  4. serves build/index.js on PORT (default 3000) and prints the URL and the demo log-ins.
//
// Runs on Node 22 through npm (node@22 is a dev dependency). Ctrl+C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandIn } from './server.js';
import { displayPath, startFailure } from './data-dir.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = Number(process.env.PORT ?? 3000);
const standInPort = Number(process.env.STANDIN_PORT ?? 54321);
const origin = process.env.ORIGIN ?? `http://localhost:${port}`;

/** Newest modification time under a path (files only), skipping generated folders. */
function newest(p) {
	if (!existsSync(p)) return 0;
	const stat = statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = 0;
	for (const entry of readdirSync(p)) {
		if (entry === 'paraglide' || entry === 'node_modules') continue;
		max = Math.max(max, newest(path.join(p, entry)));
	}
	return max;
}

const appEntry = path.join(root, 'build', 'index.js');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) =>
	newest(path.join(root, p))
);
if (!existsSync(appEntry) || Math.max(...sources) > statSync(appEntry).mtimeMs) {
	console.log('Building the app (vite build)…');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

// THADS_DATA_DIR: another place for the embedded database (tests, a second checkout).
const dataDir = process.env.THADS_DATA_DIR
	? path.resolve(process.env.THADS_DATA_DIR)
	: path.join(root, '.data', 'pglite');
const dataLabel = displayPath(dataDir);

let standIn;
try {
	standIn = await startStandIn({
		port: standInPort,
		dataDir,
		databaseUrl: process.env.DATABASE_URL || undefined,
		quiet: true
	});
} catch (e) {
	// One line, not a stack: what is wrong and what to do (issue 15, part 6).
	console.error(startFailure(e, dataLabel));
	process.exit(1);
}

/** Set KEY=value lines in .env, keeping the other lines. */
function mergeEnv(file, vars) {
	const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
	const seen = new Set();
	const out = lines.map((line) => {
		const key = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
		if (key && key in vars) {
			seen.add(key);
			return `${key}=${vars[key]}`;
		}
		return line;
	});
	while (out.length && out[out.length - 1] === '') out.pop();
	for (const [k, v] of Object.entries(vars)) if (!seen.has(k)) out.push(`${k}=${v}`);
	writeFileSync(file, out.join('\n') + '\n');
}

/** A value already in .env (kept across restarts), else undefined. */
function envValue(file, key) {
	if (!existsSync(file)) return undefined;
	const m = new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=\\s*(\\S+)`, 'm').exec(
		readFileSync(file, 'utf8')
	);
	return m?.[1];
}

const env = {
	PUBLIC_SUPABASE_URL: standIn.url,
	PUBLIC_SUPABASE_ANON_KEY: standIn.anonKey,
	SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey,
	// Signs the citizen's address for the database's per-client limits (src/lib/server/client-address.ts).
	THADS_CLIENT_ADDRESS_KEY:
		process.env.THADS_CLIENT_ADDRESS_KEY ??
		envValue(path.join(root, '.env'), 'THADS_CLIENT_ADDRESS_KEY') ??
		randomBytes(32).toString('hex')
};
mergeEnv(path.join(root, '.env'), env);

const app = spawn(process.execPath, [appEntry], {
	cwd: root,
	stdio: 'inherit',
	env: {
		...process.env,
		...env,
		PORT: String(port),
		ORIGIN: origin
		// The dev mailbox (/staff/hop-thu) stays off unless THADS_DEV_MAILBOX=1 is set by the caller.
	}
});

const demo = [
	['admin@thads.local', 'quản trị (admin), Cục Quản lý THADS'],
	['lanhdao.hn@thads.local', 'lãnh đạo THADS TP Hà Nội (unit_head)'],
	['tiepdan.hn1@thads.local', 'tiếp công dân, Phòng THADS khu vực 1 – Hà Nội'],
	['khieunai.hn1@thads.local', 'giải quyết khiếu nại, tố cáo, HN-KV1'],
	['motcua.hn1@thads.local', 'một cửa (thủ tục), HN-KV1'],
	['truongphong.hn1@thads.local', 'trưởng phòng (unit_head), HN-KV1'],
	['phapche@thads.local', 'pháp chế (legal_officer): quy tắc thời hạn, Cục'],
	['…gl1@thads.local, …ct1@thads.local', 'the same roles in Gia Lai and Cần Thơ']
];
console.log(`
  THADS trực tuyến is running.

  App:        ${origin}            (English: ${origin}/en, staff: ${origin}/staff)
  Stand-in:   ${standIn.url}   (${standIn.target}, data in ${standIn.target === 'pglite' ? dataLabel : 'DATABASE_URL'})
  Dev mailbox (notifications, OTP codes): ${origin}/staff/hop-thu

  Demo staff log-ins (password Thads@2026):
${demo.map(([email, role]) => `    ${email.padEnd(36)} ${role}`).join('\n')}

  Demo tracking codes (${origin}/tra-cuu, secret THADS234): KN-HNAA-2222 … KN-HNAC-2222 (complaints), TC-HNAD-2222 (denunciation),
  HS-HNAA-2222 … HS-HNAD-2222 (one-stop applications), KN-GAAA-2222 (Gia Lai).

  Ctrl+C to stop.
`);

let stopping = false;
let appExited = false;
const appExit = new Promise((resolve) =>
	app.on('exit', (code) => {
		appExited = true;
		resolve(code);
	})
);
/**
 * Stop the app first and wait for it (adapter-node finishes in-flight requests, the job runner its
 * sends; SHUTDOWN_TIMEOUT, default 30 s), and only then the database under it.
 */
async function stop(code = 0) {
	if (stopping) return;
	stopping = true;
	if (!appExited) {
		app.kill('SIGTERM');
		const limit = (Number(process.env.SHUTDOWN_TIMEOUT ?? 30) + 5) * 1000;
		const timer = setTimeout(() => app.kill('SIGKILL'), limit);
		await appExit;
		clearTimeout(timer);
	}
	await standIn.stop();
	process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
app.on('exit', (code) => {
	if (!stopping) {
		console.error(`The app stopped (exit code ${code}).`);
		void stop(code ?? 1);
	}
});
