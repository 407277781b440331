/**
 * supabase/schema.sql must match the migrations (regenerate with `npm run schema`), and the drift
 * check (`npm run db:drift -- <DATABASE_URL>`) tells a database built by the migrations from one
 * that was changed by hand or misses a migration. Both on throwaway databases of the local
 * PostgreSQL, like tests/db/types-fresh.test.ts; no Docker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const script = fileURLToPath(new URL('../../supabase/local/schema.js', import.meta.url));
const admin = new URL(
	process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
);

function run(args: string[]) {
	return new Promise<{ code: number; out: string }>((resolve) => {
		execFile(process.execPath, [script, ...args], { timeout: 170_000 }, (err, stdout, stderr) => {
			resolve({
				code: err ? Number((err as { code?: unknown }).code ?? 1) : 0,
				out: stdout + stderr
			});
		});
	});
}

describe('the schema snapshot', () => {
	it('supabase/schema.sql is fresh (npm run schema)', async () => {
		const r = await run(['--check']);
		expect(r.out).toContain('up to date');
		expect(r.code).toBe(0);
	}, 180_000);
});

describe('the drift check', () => {
	const name = `thads_drift_${randomBytes(5).toString('hex')}`;
	const url = new URL(admin);
	url.pathname = `/${name}`;
	const sql = async (text: string) => {
		const c = new pg.Client({ connectionString: url.toString() });
		await c.connect();
		try {
			await c.query(text);
		} finally {
			await c.end();
		}
	};

	beforeAll(async () => {
		const c = new pg.Client({ connectionString: admin.toString() });
		await c.connect();
		await c.query(`create database ${name}`);
		await c.end();
		// Built the way `supabase db push` builds a project: every migration, recorded in
		// supabase_migrations.schema_migrations (the stand-in's runner does as the CLI does).
		const { openDatabase, migrate } = await import('../../supabase/local/db.js');
		const db = await openDatabase({ databaseUrl: url.toString() });
		try {
			await migrate(db, { seed: false });
		} finally {
			await db.close();
		}
	}, 120_000);

	afterAll(async () => {
		const c = new pg.Client({ connectionString: admin.toString() });
		await c.connect();
		await c.query(`drop database if exists ${name} with (force)`);
		await c.end();
	});

	it('finds none in a database built by the migrations', async () => {
		const r = await run(['drift', url.toString()]);
		expect(r.out).toContain('No drift');
		expect(r.code).toBe(0);
	}, 60_000);

	it('names a policy changed by hand and a migration that is missing', async () => {
		await sql(`drop policy "Admins can add holidays" on public.holidays`);
		await sql(`alter table public.units add column fax text`);
		await sql(
			`delete from supabase_migrations.schema_migrations
			  where version = (select max(version) from supabase_migrations.schema_migrations)`
		);
		const r = await run(['drift', url.toString()]);
		expect(r.code).toBe(1);
		expect(r.out).toMatch(/migration \d+ is not applied there/);
		expect(r.out).toMatch(/^\s+-\d+: CREATE POLICY "Admins can add holidays" ON public\.holidays/m);
		expect(r.out).toMatch(/^\s+\+\d+: .*fax text/m);
		expect(r.out).toContain('Drift found.');
	}, 60_000);
});
