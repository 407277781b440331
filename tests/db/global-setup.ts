// Vitest globalSetup for the "db" project: a fresh Supabase stand-in per run.
//
//   STANDIN_TARGET=pglite (default)  a new PGlite database in a temporary directory
//   STANDIN_TARGET=postgres          a new database thads_test_<random> on DATABASE_URL's server
//                                    (default postgres://postgres@127.0.0.1:5432/postgres), dropped after
//   SUPABASE_URL + SUPABASE_ANON_KEY + SUPABASE_SERVICE_ROLE_KEY set: no stand-in, the tests run
//                                    against that real Supabase project (target 'supabase')
//   STANDIN_RESTORE_FROM=<file>      the fresh database is first restored from a backup: with
//                                    PGlite, an `npm run backup` archive (.tar.gz); with PostgreSQL,
//                                    a `pg_dump --format=custom` file (pg_restore). The backup test
//                                    (tests/db/durability.test.ts) runs db tests this way.
//
// Tests read the connection with `inject('standin')` (or the helpers in tests/db/helpers.ts).
import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { spawnSync } from 'node:child_process';

export type StandInInfo = {
	url: string;
	anonKey: string;
	serviceKey: string;
	/** Empty against a real project unless SUPABASE_JWT_SECRET is set. */
	jwtSecret: string;
	target: 'pglite' | 'postgres' | 'supabase';
	/** The key the app signs the client address with (x-thads-client), registered in the database. */
	clientAddressKey: string;
};

/** Register the client-address key as the app does (public.set_client_address_key, service role). */
async function registerClientAddressKey(url: string, serviceKey: string, key: string) {
	const res = await fetch(`${url}/rest/v1/rpc/set_client_address_key`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			apikey: serviceKey,
			authorization: `Bearer ${serviceKey}`
		},
		body: JSON.stringify({ p_key: key })
	});
	// 404: a database without the function (an older schema): requests are then keyed on the
	// gateway's address, which the tests that need the key will show.
	if (!res.ok && res.status !== 404)
		throw new Error(`set_client_address_key: HTTP ${res.status} ${await res.text()}`);
}

declare module 'vitest' {
	export interface ProvidedContext {
		standin: StandInInfo;
	}
}

export default async function setup(project: TestProject) {
	if (
		process.env.SUPABASE_URL &&
		process.env.SUPABASE_ANON_KEY &&
		process.env.SUPABASE_SERVICE_ROLE_KEY
	) {
		const clientAddressKey =
			process.env.THADS_CLIENT_ADDRESS_KEY ?? randomBytes(32).toString('hex');
		await registerClientAddressKey(
			process.env.SUPABASE_URL,
			process.env.SUPABASE_SERVICE_ROLE_KEY,
			clientAddressKey
		);
		project.provide('standin', {
			url: process.env.SUPABASE_URL,
			anonKey: process.env.SUPABASE_ANON_KEY,
			serviceKey: process.env.SUPABASE_SERVICE_ROLE_KEY,
			jwtSecret: process.env.SUPABASE_JWT_SECRET ?? '',
			target: 'supabase',
			clientAddressKey
		});
		return;
	}

	const target = process.env.STANDIN_TARGET === 'postgres' ? 'postgres' : 'pglite';
	const cleanups: Array<() => Promise<void> | void> = [];
	let databaseUrl: string | undefined;
	let dataDir: string | undefined;

	if (target === 'postgres') {
		const server = new URL(
			process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
		);
		const admin = new URL(server);
		admin.pathname = '/postgres';
		const name = `thads_test_${randomBytes(6).toString('hex')}`;
		const c = new pg.Client({ connectionString: admin.toString() });
		await c.connect();
		await c.query(`create database ${name}`);
		await c.end();
		const dbUrl = new URL(server);
		dbUrl.pathname = `/${name}`;
		databaseUrl = dbUrl.toString();
		if (process.env.STANDIN_RESTORE_FROM) {
			const r = spawnSync(
				'pg_restore',
				[
					'--no-owner',
					'--exit-on-error',
					'--dbname',
					databaseUrl,
					process.env.STANDIN_RESTORE_FROM
				],
				{ encoding: 'utf8' }
			);
			if (r.status !== 0) throw new Error(`pg_restore failed: ${r.stderr || r.error}`);
			const check = new pg.Client({ connectionString: databaseUrl });
			await check.connect();
			const { rows } = await check.query(
				'select count(*)::int as n from supabase_migrations.schema_migrations'
			);
			await check.end();
			// Before the stand-in starts (which would migrate an empty database itself).
			console.log(`[db] restored ${process.env.STANDIN_RESTORE_FROM}: ${rows[0].n} migrations`);
		}
		cleanups.push(async () => {
			const d = new pg.Client({ connectionString: admin.toString() });
			await d.connect();
			await d.query(`drop database if exists ${name} with (force)`);
			await d.end();
		});
	} else {
		dataDir = mkdtempSync(path.join(tmpdir(), 'thads-db-test-'));
		const dir = dataDir;
		cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
		if (process.env.STANDIN_RESTORE_FROM) {
			const { restore } = await import('../../supabase/local/backup.js');
			const r = await restore(process.env.STANDIN_RESTORE_FROM, path.join(dir, 'restored'));
			console.log(`[db] restored ${process.env.STANDIN_RESTORE_FROM}: ${r.migrations} migrations`);
			dataDir = path.join(dir, 'restored');
		}
	}

	// Plain JS module: imported by path so vitest does not need to transform it.
	const { startStandIn } = await import('../../supabase/local/index.js');
	let standin;
	try {
		standin = await startStandIn({
			port: 0,
			dataDir,
			databaseUrl,
			quiet: true,
			allowSqlEndpoint: true,
			// Tests request OTPs for fresh addresses; keep GoTrue's per-address cooldown short.
			otpCooldownMs: 1000
		});
	} catch (e) {
		for (const c of cleanups.reverse()) await c();
		throw e;
	}
	const clientAddressKey = randomBytes(32).toString('hex');
	try {
		await registerClientAddressKey(standin.url, standin.serviceKey, clientAddressKey);
	} catch (e) {
		await standin.stop();
		for (const c of cleanups.reverse()) await c();
		throw e;
	}
	project.provide('standin', {
		url: standin.url,
		anonKey: standin.anonKey,
		serviceKey: standin.serviceKey,
		jwtSecret: standin.jwtSecret,
		target,
		clientAddressKey
	});

	return async () => {
		await standin.stop();
		for (const c of cleanups.reverse()) await c();
	};
}
