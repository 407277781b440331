/**
 * Backup and restore with pg_dump / pg_restore (issue 15, part 5; docs/deploy.md, section 6): a
 * database built and seeded as a project is (the stand-in's runner on the local PostgreSQL), one
 * citizen filing on top, dumped with the documented command, restored into a fresh empty database
 * — and the db tests then run on a stand-in over the restored copy (STANDIN_RESTORE_FROM in
 * tests/db/global-setup.ts). Runs in the PostgreSQL pass.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import pg from 'pg';
import { standin } from './helpers';

const root = path.resolve(import.meta.dirname, '..', '..');
const admin = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
admin.pathname = '/postgres';
const name = `thads_backup_${randomBytes(5).toString('hex')}`;
const url = new URL(admin);
url.pathname = `/${name}`;
const tmp = mkdtempSync(path.join(tmpdir(), 'thads-pg-backup-'));

afterAll(async () => {
	const c = new pg.Client({ connectionString: admin.toString() });
	await c.connect();
	await c.query(`drop database if exists ${name} with (force)`);
	await c.end();
	rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(standin().target !== 'postgres')('pg_dump and pg_restore', () => {
	it('the db tests pass on a stand-in over a database restored from pg_dump', async () => {
		const c = new pg.Client({ connectionString: admin.toString() });
		await c.connect();
		await c.query(`create database ${name}`);
		await c.end();
		const { openDatabase, migrate } = await import('../../supabase/local/db.js');
		const db = await openDatabase({ databaseUrl: url.toString() });
		try {
			await migrate(db, { seed: true });
		} finally {
			await db.close();
		}

		// The command of docs/deploy.md, section 6.
		const file = path.join(tmp, 'thads.dump');
		const dump = spawnSync(
			'pg_dump',
			[url.toString(), '--format=custom', '--no-owner', '-f', file],
			{ encoding: 'utf8' }
		);
		expect(dump.stderr).toBe('');
		expect(dump.status).toBe(0);

		const env = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV')
		);
		const r = spawnSync(
			process.execPath,
			[
				path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
				'run',
				'--project',
				'db',
				'tests/db/tracking.test.ts',
				'tests/db/working-days.test.ts'
			],
			{
				cwd: root,
				encoding: 'utf8',
				timeout: 300_000,
				env: { ...env, STANDIN_TARGET: 'postgres', STANDIN_RESTORE_FROM: file, FORCE_COLOR: '0' }
			}
		);
		const out = stripVTControlCharacters(r.stdout + r.stderr);
		// The stand-in ran on the restored copy (restored before it started), and the tests passed.
		expect(out).toMatch(/\[db\] restored .*: [1-9]\d* migrations/);
		expect(out).toMatch(/Test Files\s+2 passed/);
		expect(r.status).toBe(0);
	}, 320_000);
});
