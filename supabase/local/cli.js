#!/usr/bin/env node
// `npm run supabase:local` — start the stand-in, print URL and keys, write them to .env.
//
// Options: --port <n> (default 54321), --data-dir <dir> (default .data/pglite),
// DATABASE_URL in the environment selects PostgreSQL instead of PGlite.

import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startStandIn } from './server.js';
import { projectRoot } from './db.js';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: process.env.STANDIN_PORT ?? '54321' },
		'data-dir': { type: 'string' },
		'no-env': { type: 'boolean', default: false },
		quiet: { type: 'boolean', default: false }
	}
});

/**
 * Set KEY=value lines in .env, keeping every other line (comments, other variables) as is.
 * @param {string} file
 * @param {Record<string, string>} vars
 */
export async function mergeEnv(file, vars) {
	const lines = existsSync(file) ? (await readFile(file, 'utf8')).split('\n') : [];
	const seen = new Set();
	const out = lines.map((line) => {
		const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
		if (m && m[1] in vars) {
			seen.add(m[1]);
			return `${m[1]}=${vars[m[1]]}`;
		}
		return line;
	});
	while (out.length && out[out.length - 1] === '') out.pop();
	for (const [k, v] of Object.entries(vars)) if (!seen.has(k)) out.push(`${k}=${v}`);
	await writeFile(file, out.join('\n') + '\n');
}

const standIn = await startStandIn({
	port: Number(values.port),
	dataDir: values['data-dir'] ?? path.join(projectRoot, '.data', 'pglite'),
	databaseUrl: process.env.DATABASE_URL || undefined,
	quiet: values.quiet
});

if (!values['no-env']) {
	await mergeEnv(path.join(projectRoot, '.env'), {
		PUBLIC_SUPABASE_URL: standIn.url,
		PUBLIC_SUPABASE_ANON_KEY: standIn.anonKey,
		SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey
	});
}

console.log(`
Supabase stand-in (${standIn.target}) running.
  API URL:          ${standIn.url}
  anon key:         ${standIn.anonKey}
  service_role key: ${standIn.serviceKey}
  Mailbox (OTP):    GET ${standIn.url}/__standin/mailbox  (service_role key)
${values['no-env'] ? '' : '  Written to .env: PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY\n'}`);

for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.once(sig, async () => {
		await standIn.stop();
		process.exit(0);
	});
}
