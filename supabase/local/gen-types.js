#!/usr/bin/env node
// `npm run types` — regenerate src/lib/database.types.ts with Supabase's own generator.
//
// `supabase gen types` needs Docker; the generator itself is the npm package
// @supabase/postgres-meta, which prints the `Database` type when started with
// PG_META_GENERATE_TYPES=typescript. This script applies the migrations to a throwaway database on
// the local PostgreSQL server (postgres-meta speaks the wire protocol, which PGlite does not serve),
// runs the generator against it, writes the file and drops the database.
//
//   node supabase/local/gen-types.js           write src/lib/database.types.ts
//   node supabase/local/gen-types.js --check   exit 1 if the checked-in file is stale
//
// DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server.

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, migrate, projectRoot } from './db.js';

const OUT = path.join(projectRoot, 'src', 'lib', 'database.types.ts');

/** @param {string} dbUrl */
function runGenerator(dbUrl) {
	const server = path.join(
		projectRoot,
		'node_modules',
		'@supabase',
		'postgres-meta',
		'dist',
		'server',
		'server.js'
	);
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [server], {
			env: {
				...process.env,
				PG_META_DB_URL: dbUrl,
				PG_META_GENERATE_TYPES: 'typescript',
				PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: 'public',
				PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: 'true',
				PG_META_PORT: '0'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0 && out.includes('export type Database')) resolve(out);
			else
				reject(
					new Error(
						`postgres-meta exited with ${code}: ${err.slice(0, 2000) || out.slice(0, 2000)}`
					)
				);
		});
	});
}

/** Generate the types text from a fresh database with all migrations applied. */
export async function generateTypes() {
	const admin = new URL(
		process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
	);
	const name = `thads_types_${randomBytes(5).toString('hex')}`;
	const c = new pg.Client({ connectionString: admin.toString() });
	await c.connect();
	await c.query(`create database ${name}`);
	await c.end();
	const dbUrl = new URL(admin);
	dbUrl.pathname = `/${name}`;
	try {
		const db = await openDatabase({ databaseUrl: dbUrl.toString() });
		try {
			await migrate(db, { seed: false });
		} finally {
			await db.close();
		}
		return /** @type {string} */ (await runGenerator(dbUrl.toString()));
	} finally {
		const d = new pg.Client({ connectionString: admin.toString() });
		await d.connect();
		await d.query(`drop database if exists ${name} with (force)`);
		await d.end();
	}
}

const isMain =
	process.argv[1] &&
	path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
	const check = process.argv.includes('--check');
	const text = await generateTypes();
	if (check) {
		const current = existsSync(OUT) ? await readFile(OUT, 'utf8') : '';
		if (current !== text) {
			console.error(
				`${path.relative(projectRoot, OUT)} is stale: run \`npm run types\` and commit the result.`
			);
			process.exit(1);
		}
		console.log(`${path.relative(projectRoot, OUT)} is up to date.`);
	} else {
		await writeFile(OUT, text);
		console.log(`wrote ${path.relative(projectRoot, OUT)} (${text.length} bytes)`);
	}
}
