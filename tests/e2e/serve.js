// Starts a fresh Supabase stand-in and the built app, for Playwright's webServer and the benches.
//
//   node tests/e2e/serve.js            (port from E2E_PORT, default 4173; stand-in on port + 1)
//
// Every start uses a brand-new database: a temporary PGlite directory, or, with
// STANDIN_TARGET=postgres, a new database on the PostgreSQL server (DATABASE_ADMIN_URL, default
// postgres://postgres@127.0.0.1:5432/postgres) that is dropped on exit. Migrations and seeds are
// applied by the stand-in. Needs a build (`vite build`) first.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import webpush from 'web-push';

/** A VAPID key pair for one run (web-push's generator). */
function vapidKeys() {
	const { publicKey, privateKey } = webpush.generateVAPIDKeys();
	return { THADS_VAPID_PUBLIC_KEY: publicKey, THADS_VAPID_PRIVATE_KEY: privateKey };
}

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function freshPostgres() {
	const { default: pg } = await import('pg');
	const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = `thads_e2e_${process.pid}_${Date.now().toString(36)}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		databaseUrl: url.toString(),
		async drop() {
			const c = new pg.Client({ connectionString: adminUrl });
			await c.connect();
			await c.query(`drop database if exists ${name} with (force)`);
			await c.end();
		}
	};
}

/**
 * Start stand-in + app. Resolves once the app answers; returns its URL, the stand-in's keys and stop().
 * @param {{ port?: number, env?: Record<string, string>, quiet?: boolean }} [options]
 */
export async function serve(options = {}) {
	const port = options.port ?? Number(process.env.E2E_PORT ?? 4173);
	const appEntry = path.join(root, 'build', 'index.js');
	if (!existsSync(appEntry)) throw new Error('No build/index.js: run `npx vite build` first.');

	const target = process.env.STANDIN_TARGET === 'postgres' ? 'postgres' : 'pglite';
	const dataDir = mkdtempSync(path.join(tmpdir(), 'thads-e2e-'));
	const pgdb = target === 'postgres' ? await freshPostgres() : null;

	const { startStandIn } = await import(
		pathToFileURL(path.join(root, 'supabase', 'local', 'index.js')).href
	);
	const standin = await startStandIn({
		port: port + 1,
		dataDir,
		databaseUrl: pgdb?.databaseUrl,
		quiet: options.quiet ?? !process.env.STANDIN_VERBOSE,
		// One browser on 127.0.0.1 signs in as every role, hundreds of times a run: GoTrue's per-IP
		// budget (30 sign-ins, 150 refreshes per 5 minutes) is for one person, not a test suite.
		// The limit itself is tested in tests/db (staff-sign-in, conformance/auth).
		authRateLimits: { signInSignUps: 100_000, tokenRefresh: 100_000, mfaPerMinute: 10_000 }
	});

	const origin = `http://127.0.0.1:${port}`;
	// Every app server of one deployment shares the key (it is registered in the database).
	const clientAddressKey = options.env?.THADS_CLIENT_ADDRESS_KEY ?? randomBytes(32).toString('hex');
	const app = spawn(process.execPath, [appEntry], {
		cwd: root,
		stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: origin,
			PUBLIC_SUPABASE_URL: standin.url,
			PUBLIC_SUPABASE_ANON_KEY: standin.anonKey,
			SUPABASE_SERVICE_ROLE_KEY: standin.serviceKey,
			...(standin.jwtSecret ? { SUPABASE_JWT_SECRET: standin.jwtSecret } : {}),
			// The dev mailbox is off by default; e2e turns it on (admins only).
			THADS_DEV_MAILBOX: '1',
			// Signed client addresses, as in production (src/lib/server/client-address.ts).
			THADS_CLIENT_ADDRESS_KEY: clientAddressKey,
			// A number for the footer's tap-to-call link (none is shown when unset, as under npm start).
			PUBLIC_THADS_HOTLINE: '1900 1234',
			// Messages (tests/e2e/messages.spec.ts): e-mail goes over SMTP to the server the test
			// starts on port + 2; jobs run when a test calls /api/jobs/run (with a moved clock), not
			// on a timer, so no test depends on when the scheduler last ran.
			THADS_SMTP_URL: `smtp://127.0.0.1:${port + 2}`,
			THADS_MAIL_FROM: 'THADS <no-reply@thads.local>',
			THADS_JOBS_INTERVAL_SECONDS: '0',
			THADS_JOBS_CLOCK: '1',
			JOBS_SECRET: e2eJobsSecret(port),
			// Web push (tests/e2e/push.spec.ts): keys for this run, so the receipt pages offer it.
			...vapidKeys(),
			...options.env
		}
	});

	let stopped = false;
	async function stop() {
		if (stopped) return;
		stopped = true;
		app.kill('SIGTERM');
		await standin.stop?.();
		await pgdb?.drop().catch(() => {});
		rmSync(dataDir, { recursive: true, force: true });
	}

	// Wait until the app answers (adapter-node starts in well under a second).
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (app.exitCode !== null) {
			await stop();
			throw new Error(`The app exited with code ${app.exitCode}`);
		}
		try {
			const res = await fetch(`${origin}/ngoai-tuyen`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error('The app did not start within 30 s');
		}
		await new Promise((r) => setTimeout(r, 200));
	}

	return {
		url: origin,
		standin: {
			url: standin.url,
			anonKey: standin.anonKey,
			serviceKey: standin.serviceKey,
			jwtSecret: standin.jwtSecret,
			clientAddressKey
		},
		target,
		stop
	};
}

/** The JOBS_SECRET of the e2e app (tests call /api/jobs/run with it). */
export function e2eJobsSecret(port = Number(process.env.E2E_PORT ?? 4173)) {
	return `e2e-jobs-secret-${port}`;
}

/** Where the webServer process leaves the stand-in's URL and keys for the test process. */
export function standinInfoFile() {
	return path.join(tmpdir(), `thads-e2e-standin-${Number(process.env.E2E_PORT ?? 4173)}.json`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const server = await serve();
	// Tests that must arrange data no page can (e.g. an appointment that is today, whatever the
	// hour the suite runs) read the stand-in's keys from here: see `serviceClient()` in helpers.ts.
	writeFileSync(standinInfoFile(), JSON.stringify(server.standin));
	console.log(`[serve] app ${server.url} · stand-in ${server.standin.url} (${server.target})`);
	const shutdown = async () => {
		await server.stop();
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}
