#!/usr/bin/env node
// `npm run supabase:local` — start the stand-in, print URL and keys, write them to .env.
//
// Options: --port <n> (default 54321), --data-dir <dir> (default .data/pglite),
// DATABASE_URL in the environment selects PostgreSQL instead of PGlite.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { startStandIn } from './server.js';
import { projectRoot } from './db.js';
import { mergeEnv } from './env.js';
import { displayPath, startFailure } from './data-dir.js';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: process.env.STANDIN_PORT ?? '54321' },
		'data-dir': { type: 'string' },
		'no-env': { type: 'boolean', default: false },
		quiet: { type: 'boolean', default: false }
	}
});

const dataDir = values['data-dir'] ?? path.join(projectRoot, '.data', 'pglite');
/** @type {Awaited<ReturnType<typeof startStandIn>>} */
let standIn;
try {
	standIn = await startStandIn({
		port: Number(values.port),
		dataDir,
		databaseUrl: process.env.DATABASE_URL || undefined,
		quiet: values.quiet
	});
} catch (e) {
	console.error(startFailure(e, displayPath(dataDir)));
	process.exit(1);
}

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
