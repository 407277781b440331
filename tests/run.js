// `npm test`: every check, in order, stopping at the first failure with a banner saying which.
//
//   1 types      svelte-kit sync + svelte-check
//   2 lint       prettier --check + eslint
//   3 unit       vitest project "unit"
//   4 db         vitest project "db" on the embedded stand-in (PGlite)
//   5 db:pg      the same on PostgreSQL, when 127.0.0.1:5432 answers (STANDIN_TARGET=postgres)
//   6 build      vite build
//   7 e2e        Playwright (Debian Chromium) against the built app + a fresh stand-in
//
// `node tests/run.js --from build` starts at a later step; `--only unit` runs one.
import { spawnSync } from 'node:child_process';
// supabase-js and the stand-in need Node 22 (a dev dependency): under the system's Node 20 every
// database test would fail for a reason that has nothing to do with the code.
if (Number(process.versions.node.split('.')[0]) < 22) {
	console.error(
		`npm test needs Node 22 or newer; this is Node ${process.versions.node}. ` +
			'Run `npm test` or `npx node tests/run.js` (Node 22 is a dev dependency).'
	);
	process.exit(2);
}
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (/** @type {string} */ name) => path.join(root, 'node_modules', '.bin', name);

/**
 * Does something listen on host:port? (PostgreSQL for step 5.)
 * @param {string} host
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function answers(host, port, timeoutMs = 1000) {
	return new Promise((resolve) => {
		const socket = net.connect({ host, port });
		const done = (/** @type {boolean} */ ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}

const hasPostgres = await answers('127.0.0.1', 5432);

/** @type {Array<{ id: string, title: string, commands: Array<[string, string[], Record<string,string>?]>, skip?: string }>} */
const steps = [
	{
		id: 'types',
		title: 'Type check (svelte-check)',
		commands: [
			[
				bin('paraglide-js'),
				[
					'compile',
					'--project',
					'./src/lib/i18n/project.inlang',
					'--outdir',
					'./src/lib/paraglide',
					// Same strategy as vite.config.ts, so the generated runtime matches the build's.
					'--strategy',
					'url',
					'cookie',
					'baseLocale',
					'--silent'
				]
			],
			[bin('svelte-kit'), ['sync']],
			[bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--threshold', 'error']]
		]
	},
	{
		id: 'lint',
		title: 'Format and lint (prettier, eslint)',
		commands: [
			[bin('prettier'), ['--check', '.', '--log-level', 'warn']],
			[bin('eslint'), ['.']]
		]
	},
	{
		id: 'unit',
		title: 'Unit tests (vitest)',
		commands: [[bin('vitest'), ['run', '--project', 'unit']]]
	},
	{
		id: 'db',
		title: 'Database tests on the embedded stand-in (PGlite)',
		commands: [[bin('vitest'), ['run', '--project', 'db'], { STANDIN_TARGET: 'pglite' }]]
	},
	{
		id: 'db:pg',
		title: 'Database tests on PostgreSQL (127.0.0.1:5432)',
		commands: [[bin('vitest'), ['run', '--project', 'db'], { STANDIN_TARGET: 'postgres' }]],
		skip: hasPostgres ? undefined : 'no PostgreSQL server on 127.0.0.1:5432'
	},
	{ id: 'build', title: 'Production build (vite build)', commands: [[bin('vite'), ['build']]] },
	{
		id: 'e2e',
		title: 'End-to-end tests (Playwright, Chromium)',
		commands: [[bin('playwright'), ['test', '-c', 'tests/e2e/playwright.config.ts']]]
	}
];

const args = process.argv.slice(2);
const from = args.includes('--from') ? args[args.indexOf('--from') + 1] : undefined;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
let started = !from;

// The browser first: on a bare machine, get one (or say what to run) in seconds, not after ten
// minutes of other steps and a wall of failing end-to-end tests.
if (!only || only === 'e2e') {
	const chromium = ensureChromium();
	if (!chromium) process.exit(2);
	process.env.CHROMIUM_PATH = chromium;
}

const bold = (/** @type {string} */ s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const red = (/** @type {string} */ s) => (process.stdout.isTTY ? `\x1b[1;31m${s}\x1b[0m` : s);
const green = (/** @type {string} */ s) => (process.stdout.isTTY ? `\x1b[1;32m${s}\x1b[0m` : s);
const line = '═'.repeat(72);
const t0 = Date.now();
const timings = [];

for (const [index, step] of steps.entries()) {
	if (from && step.id === from) started = true;
	if (!started || (only && step.id !== only)) continue;
	const label = `[${index + 1}/${steps.length}] ${step.title}`;
	if (step.skip) {
		console.log(`\n${bold(`── ${label}: skipped (${step.skip})`)}`);
		continue;
	}
	console.log(`\n${bold(line)}\n${bold(`▶ ${label}`)}\n${bold(line)}`);
	const s0 = Date.now();
	for (const [command, commandArgs, env] of step.commands) {
		// process.execPath: the Node 22 that npm put first on PATH (node@22 dev dependency).
		const result = spawnSync(process.execPath, [command, ...commandArgs], {
			cwd: root,
			stdio: 'inherit',
			env: { ...process.env, ...env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' }
		});
		if (result.status !== 0) {
			console.error(
				`\n${red(line)}\n${red(`✗ npm test FAILED at ${label}`)}\n${red(`  command: ${path.basename(command)} ${commandArgs.join(' ')}`)}\n${red(line)}`
			);
			process.exit(result.status ?? 1);
		}
	}
	timings.push(`${step.id} ${Math.round((Date.now() - s0) / 1000)}s`);
}

console.log(
	`\n${green(line)}\n${green(`✓ npm test passed in ${Math.round((Date.now() - t0) / 1000)} s (${timings.join(', ')})`)}\n${green(line)}`
);
