#!/usr/bin/env node
// `npm run bench:api` — throughput and latency of the stand-in through supabase-js, against the
// same SQL sent directly (pg Pool for PostgreSQL, in-process PGlite for PGlite) as the baseline.
//
// Cases: (a) a filtered select of 20 rows, (b) an rpc that inserts a row; concurrency 1 and 16;
// targets PGlite (temp dir) and PostgreSQL (a throwaway database on DATABASE_ADMIN_URL, default
// postgres://postgres@127.0.0.1:5432/postgres). The stand-in runs in a child process so client and
// server do not share one event loop. Options: --requests <n> (per run, default 400),
// --targets pglite,postgres.
//
// The bench uses its own tables (zz_bench_*), created through the test-only SQL endpoint on a
// database with no project migrations, so numbers do not drift with the app's schema.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SETUP_SQL = `
create table if not exists public.zz_bench_items (
  id bigint generated always as identity primary key,
  grp int not null,
  name text not null,
  created_at timestamptz not null default now()
);
create index if not exists zz_bench_items_grp on public.zz_bench_items (grp, id);
alter table public.zz_bench_items enable row level security;
drop policy if exists "anyone reads" on public.zz_bench_items;
create policy "anyone reads" on public.zz_bench_items for select to anon, authenticated using (true);
insert into public.zz_bench_items (grp, name) select g % 50, 'item ' || g from generate_series(1, 5000) g;
create or replace function public.zz_bench_insert(p_name text) returns bigint
  language sql volatile security definer set search_path = '' as $$
  insert into public.zz_bench_items (grp, name) values (999, p_name) returning id $$;
`;

// ---------------------------------------------------------------------------------------------
// Child mode: start a stand-in and report its address on stdout.
// ---------------------------------------------------------------------------------------------
async function serveChild() {
	const { startStandIn } = await import('./server.js');
	const emptyRoot = mkdtempSync(path.join(tmpdir(), 'standin-bench-root-'));
	const s = await startStandIn({
		port: 0,
		dataDir: process.env.BENCH_DATA_DIR,
		databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
		root: emptyRoot,
		quiet: true,
		allowSqlEndpoint: true
	});
	process.stdout.write(
		JSON.stringify({ url: s.url, anonKey: s.anonKey, serviceKey: s.serviceKey }) + '\n'
	);
	process.on('SIGTERM', async () => {
		await s.stop();
		rmSync(emptyRoot, { recursive: true, force: true });
		process.exit(0);
	});
}

/** @param {number[]} xs sorted @param {number} p */
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/**
 * Run `n` calls of `fn` with `conc` workers; latencies in ms.
 * @param {(i: number) => Promise<unknown>} fn
 * @param {number} n
 * @param {number} conc
 */
async function measure(fn, n, conc) {
	for (let i = 0; i < Math.min(20, n); i++) await fn(i); // warm-up
	/** @type {number[]} */
	const lat = [];
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: conc }, async () => {
			while (next < n) {
				const i = next++;
				const s = performance.now();
				await fn(i);
				lat.push(performance.now() - s);
			}
		})
	);
	const wall = performance.now() - t0;
	lat.sort((a, b) => a - b);
	return { rps: (n / wall) * 1000, p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99) };
}

/** @param {string} target */
async function benchTarget(target, requests) {
	const env = { ...process.env };
	/** @type {(() => Promise<void>) | null} */
	let dropDb = null;
	let dataDir = null;
	let databaseUrl = '';
	const pgmod = (await import('pg')).default;
	if (target === 'postgres') {
		const admin = new URL(
			process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
		);
		const name = `thads_bench_${randomBytes(5).toString('hex')}`;
		const c = new pgmod.Client({ connectionString: admin.toString() });
		await c.connect();
		await c.query(`create database ${name}`);
		await c.end();
		const u = new URL(admin);
		u.pathname = `/${name}`;
		databaseUrl = u.toString();
		env.BENCH_DATABASE_URL = databaseUrl;
		dropDb = async () => {
			const d = new pgmod.Client({ connectionString: admin.toString() });
			await d.connect();
			await d.query(`drop database if exists ${name} with (force)`);
			await d.end();
		};
	} else {
		dataDir = mkdtempSync(path.join(tmpdir(), 'standin-bench-'));
		env.BENCH_DATA_DIR = dataDir;
	}

	const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve'], {
		env,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const info = await new Promise((resolve, reject) => {
		let buf = '';
		child.stdout.on('data', (d) => {
			buf += d;
			const line = buf.split('\n')[0];
			if (buf.includes('\n')) resolve(JSON.parse(line));
		});
		child.on('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
	});
	/** @type {any} */
	const s = info;
	/** @type {Array<Record<string, any>>} */
	const rows = [];
	try {
		const setup = await fetch(`${s.url}/__standin/sql`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				apikey: s.serviceKey,
				authorization: `Bearer ${s.serviceKey}`
			},
			body: JSON.stringify({ sql: SETUP_SQL })
		});
		if (!setup.ok) throw new Error(`bench setup failed: ${await setup.text()}`);

		const { createClient } = await import('@supabase/supabase-js');
		const sb = createClient(s.url, s.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false }
		});
		const select = async (/** @type {number} */ i) => {
			const { data, error } = await sb
				.from('zz_bench_items')
				.select('id, grp, name, created_at')
				.eq('grp', i % 50)
				.order('id')
				.limit(20);
			if (error || data.length !== 20) throw new Error(`select failed: ${JSON.stringify(error)}`);
		};
		const insert = async (/** @type {number} */ i) => {
			const { error } = await sb.rpc('zz_bench_insert', { p_name: `bench ${i}` });
			if (error) throw new Error(`rpc failed: ${JSON.stringify(error)}`);
		};

		// Direct baseline: the same SQL statement, no HTTP, no per-request transaction/role switch.
		/** @type {{ run: (sql: string, params: unknown[]) => Promise<unknown>, close: () => Promise<void> }} */
		let direct;
		const selectSql = `select json_agg(t)::text from (select id, grp, name, created_at from public.zz_bench_items where grp = $1 order by id limit 20) t`;
		const insertSql = `select public.zz_bench_insert($1)`;
		if (target === 'postgres') {
			const pool = new pgmod.Pool({ connectionString: databaseUrl, max: 16 });
			direct = {
				run: (sql, params) => pool.query(sql, /** @type {any[]} */ (params)),
				close: () => pool.end()
			};
		} else {
			// PGlite's data dir is held by the stand-in process; the in-process baseline uses a
			// fresh in-memory PGlite with the same table.
			const { openDatabase, bootstrap } = await import('./db.js');
			const db = await openDatabase({ dataDir: 'memory://' });
			await bootstrap(db);
			await db.exec(SETUP_SQL);
			direct = { run: (sql, params) => db.query(sql, params), close: () => db.close() };
		}
		const dSelect = (/** @type {number} */ i) => direct.run(selectSql, [i % 50]);
		const dInsert = (/** @type {number} */ i) => direct.run(insertSql, [`direct ${i}`]);

		for (const conc of [1, 16]) {
			for (const [name, viaApi, viaDirect] of /** @type {const} */ ([
				['select 20 rows', select, dSelect],
				['rpc insert', insert, dInsert]
			])) {
				const api = await measure(viaApi, requests, conc);
				const base = await measure(viaDirect, requests, conc);
				rows.push({ target, name, conc, ...api, directRps: base.rps, directP50: base.p50 });
			}
		}
		await direct.close();
	} finally {
		child.kill('SIGTERM');
		await new Promise((r) => child.once('exit', r));
		if (dropDb) await dropDb();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	}
	return rows;
}

async function main() {
	const { values } = parseArgs({
		options: {
			serve: { type: 'boolean', default: false },
			requests: { type: 'string', default: '400' },
			targets: { type: 'string', default: 'pglite,postgres' }
		}
	});
	if (values.serve) return serveChild();
	const requests = Number(values.requests);
	/** @type {Array<Record<string, any>>} */
	const all = [];
	for (const target of values.targets.split(',')) {
		console.error(`benchmarking ${target} (${requests} requests per run)…`);
		all.push(...(await benchTarget(target, requests)));
	}
	const f = (/** @type {number} */ n, d = 1) => n.toFixed(d).padStart(8);
	console.log(
		`\nSupabase stand-in via supabase-js vs direct SQL (baseline: ${'pg Pool for postgres, in-process PGlite for pglite'})`
	);
	console.log(
		'target    case            conc   req/s   p50 ms   p95 ms   p99 ms | direct req/s  direct p50 | ratio api/direct'
	);
	for (const r of all) {
		console.log(
			`${r.target.padEnd(9)} ${r.name.padEnd(15)} ${String(r.conc).padStart(4)} ${f(r.rps, 0)} ${f(r.p50, 2)} ${f(r.p95, 2)} ${f(r.p99, 2)} | ${f(r.directRps, 0)}     ${f(r.directP50, 2)} | ${(r.rps / r.directRps).toFixed(2).padStart(6)}`
		);
	}
}

await main();
