// Statistics at scale (`npm run bench`, or `node tests/bench/stats.bench.js`).
//
// In a throwaway database (a fresh PostgreSQL database on 127.0.0.1:5432 when reachable, else
// PGlite; BENCH_TARGET=pglite forces it) with the project's migrations and seeds, adds a
// nationwide organisation of 34 provinces and ~355 Phòng THADS khu vực — one province with 20
// offices — and monthly reports for every unit over 5 work years (2022–2026). Then measures what the
// statistics page asks the database for (src/lib/stats/server/load.ts: enforcement_rollup at the
// period end this year and last year, and before the period start for a quarter; enforcement_series;
// stats_activity — all in parallel), through supabase-js and the stand-in, as a province head and
// as an admin for the nationwide roll-up: server time p50/p95 and JSON payload size.
// Budget (p95): on PostgreSQL, 500 ms for a province and 1.5 s for the nationwide roll-up; on PGlite
// (single-threaded WASM, no ANALYZE, the embedded development default) 3 s for either.
import './node22.js';
import { createClient } from '@supabase/supabase-js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startStandIn } from '../../supabase/local/server.js';
// @ts-expect-error -- Node 22 strips the types of this .ts module at run time; tsc wants no extension.
import { ratio } from '../../src/lib/stats/figures.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4395);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PGLITE = process.env.BENCH_TARGET === 'pglite';
let BUDGET_NATION_P95 = PGLITE ? 3000 : 1500;
let BUDGET_PROVINCE_P95 = PGLITE ? 3000 : 500;
const CUC = '00000000-0000-4000-a000-000000000001';

/** @param {number[]} xs @param {number} p */
const pct = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function freshPostgres() {
	const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = `thads_bench_stats_${process.pid}`;
	const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			const c = new pg.Client({ connectionString: adminUrl });
			await c.connect();
			await c.query(`drop database if exists ${name} with (force)`);
			await c.end();
		}
	};
}

// Units and 5 work years of cumulative monthly reports, generated in SQL (consistent with every
// CHECK constraint of enforcement_reports).
const GENERATE = `
insert into public.units (id, parent_id, level, code, name, province_name)
select ('00000000-0000-4000-c000-' || lpad(p::text, 12, '0'))::uuid, '${CUC}', 'tinh', 'BP' || lpad(p::text, 2, '0'),
       'Thi hành án dân sự tỉnh thử ' || p, 'Tỉnh thử ' || p
  from generate_series(1, 34) p;
insert into public.units (id, parent_id, level, code, name, province_name)
select ('00000000-0000-4000-d' || lpad(p::text, 3, '0') || '-' || lpad(k::text, 12, '0'))::uuid,
       ('00000000-0000-4000-c000-' || lpad(p::text, 12, '0'))::uuid, 'khu_vuc',
       'BP' || lpad(p::text, 2, '0') || '-KV' || k, 'Phòng THADS khu vực ' || k || ' – tỉnh thử ' || p, 'Tỉnh thử ' || p
  from generate_series(1, 34) p, generate_series(1, case when p = 1 then 20 when p <= 6 then 11 else 10 end) k;
insert into public.enforcement_targets (unit_id, work_year, cases_target, money_target)
select u.id, y, 83.90, 51.90 from public.units u, generate_series(2022, 2026) y where u.code like 'BP%';
with p as (
  select u.id, m::date as month, ((extract(month from m)::int + 2) % 12 + 1) as i,
         (1000 + abs(hashtext(u.code || m::text)) % 2000)::bigint as cc
    from public.units u, generate_series(date '2021-10-01', date '2026-09-01', interval '1 month') m
   where u.code like 'BP%'
), f as (
  select p.*, p.cc * p.i / 12 as cn, (p.cc + p.cc * p.i / 12) as tot from p
), g as (
  select f.*, f.tot * 55 / 100 as wc, f.tot * 200000000 as mt from f
), h as (
  select g.*, g.wc * (300 + 50 * g.i) / 1000 as fin, g.mt * 45 / 100 as mw from g
)
insert into public.enforcement_reports (unit_id, month, status, approved_at,
  cases_carried_over, cases_new, cases_entrusted_out, cases_with_conditions, cases_without_conditions,
  cases_finished, cases_suspended, cases_postponed, cases_in_progress,
  money_carried_over, money_new, money_entrusted_out, money_with_conditions, money_without_conditions,
  money_finished, money_suspended, money_postponed, money_in_progress,
  budget_cases_with_conditions, budget_cases_finished, budget_money_with_conditions, budget_money_finished)
select h.id, h.month, 'approved', now(),
       h.cc, h.cn, 0, h.wc, h.tot - h.wc, h.fin, 0, 0, h.wc - h.fin,
       h.cc * 200000000, h.cn * 200000000, 0, h.mw, h.mt - h.mw, h.mw * h.i / 30, 0, 0, h.mw - h.mw * h.i / 30,
       h.wc / 2, h.fin / 2, h.mw / 10, h.mw * h.i / 300
  from h;
`;

let db = null;
let dataDir = null;
if (process.env.BENCH_TARGET !== 'pglite') {
	try {
		db = await freshPostgres();
	} catch {
		console.log('PostgreSQL not reachable: using PGlite');
	}
}
if (!db) {
	dataDir = mkdtempSync(path.join(tmpdir(), 'thads-bench-stats-'));
	BUDGET_NATION_P95 = BUDGET_PROVINCE_P95 = 3000;
}
const s = await startStandIn({
	port: PORT,
	quiet: true,
	databaseUrl: db?.url,
	dataDir: dataDir ?? undefined,
	authRateLimits: { signInSignUps: 10000, tokenRefresh: 10000, windowMs: 60000 }
});
let failed = false;
try {
	let t = performance.now();
	if (db) {
		const c = new pg.Client({ connectionString: db.url });
		await c.connect();
		await c.query(GENERATE);
		await c.query('analyze');
		await c.end();
	} else {
		await s.db.exec(GENERATE);
	}
	const options = { auth: { persistSession: false, autoRefreshToken: false } };
	const service = createClient(s.url, s.serviceKey, options);
	const { count: reports } = await service
		.from('enforcement_reports')
		.select('id', { count: 'exact', head: true });
	const { count: offices } = await service
		.from('units')
		.select('id', { count: 'exact', head: true })
		.like('code', 'BP%-KV%');
	console.log(
		`target: ${db ? 'postgres' : 'pglite'} · generated 34 provinces, ${offices} offices, ${reports} reports in ${Math.round(performance.now() - t)} ms`
	);

	// A province head of the 20-office province.
	const email = `bench-head-${process.pid}@example.test`;
	const { data: u, error: ue } = await service.auth.admin.createUser({
		email,
		password: 'Bench@2026',
		email_confirm: true
	});
	if (ue) throw ue;
	await service.from('staff').insert({
		user_id: u.user.id,
		unit_id: '00000000-0000-4000-c000-000000000001',
		roles: ['unit_head'],
		full_name: 'Lãnh đạo thử'
	});
	const head = createClient(s.url, s.anonKey, options);
	await head.auth.signInWithPassword({ email, password: 'Bench@2026' });
	const admin = createClient(s.url, s.anonKey, options);
	await admin.auth.signInWithPassword({ email: 'admin@thads.local', password: 'Thads@2026' });

	/**
	 * The statistics page's queries for one unit and period (as load.ts issues them).
	 * @param {import('@supabase/supabase-js').SupabaseClient} client @param {string} unit
	 * @param {number} wy @param {number} from @param {number} to
	 */
	async function page(client, unit, wy, from, to) {
		const calls = [
			client.rpc('enforcement_rollup', { p_unit_id: unit, p_work_year: wy, p_month_index: to }),
			client.rpc('enforcement_rollup', { p_unit_id: unit, p_work_year: wy - 1, p_month_index: to }),
			client.rpc('enforcement_series', { p_unit_id: unit, p_work_year: wy }),
			client.rpc('stats_activity', { p_unit_id: unit, p_start: '2025-10-01', p_end: '2026-09-30' })
		];
		if (from > 1)
			calls.push(
				client.rpc('enforcement_rollup', {
					p_unit_id: unit,
					p_work_year: wy,
					p_month_index: from - 1
				})
			);
		const t0 = performance.now();
		const res = await Promise.all(calls);
		const ms = performance.now() - t0;
		for (const r of res) if (r.error) throw new Error(JSON.stringify(r.error));
		return {
			ms,
			bytes: Buffer.byteLength(JSON.stringify(res.map((r) => r.data))),
			rows: res[0]?.data
		};
	}

	/** @type {[string, import('@supabase/supabase-js').SupabaseClient, string, number, number, number, number][]} */
	const cases = [
		[
			'province (20 offices), năm công tác 2026',
			head,
			'00000000-0000-4000-c000-000000000001',
			2026,
			1,
			12,
			BUDGET_PROVINCE_P95
		],
		[
			'province (20 offices), Quý II/2026',
			head,
			'00000000-0000-4000-c000-000000000001',
			2026,
			7,
			9,
			BUDGET_PROVINCE_P95
		],
		['nationwide (34 provinces), năm công tác 2026', admin, CUC, 2026, 1, 12, BUDGET_NATION_P95],
		['nationwide (34 provinces), 3 tháng năm 2024', admin, CUC, 2024, 1, 3, BUDGET_NATION_P95]
	];
	for (const [name, client, unit, wy, from, to, budget] of cases) {
		await page(client, unit, wy, from, to); // warm-up
		/** @type {number[]} */
		const times = [];
		let last = await page(client, unit, wy, from, to);
		for (let i = 0; i < ROUNDS; i++) {
			last = await page(client, unit, wy, from, to);
			times.push(last.ms);
		}
		const total =
			/** @type {Record<string, any>[]} */ (last.rows).find((r) => r.row_kind === 'total') ?? {};
		const p95 = pct(times, 95) ?? 0;
		console.log(
			`${name.padEnd(46)} p50 ${(pct(times, 50) ?? 0).toFixed(0).padStart(5)} ms  p95 ${p95.toFixed(0).padStart(5)} ms  payload ${(last.bytes / 1024).toFixed(1)} KB  ` +
				`rows ${last.rows.length} · ${total.reporting_units} units reporting · về việc ${((ratio(total.cases_finished, total.cases_with_conditions) ?? 0) / 100).toFixed(2)}%`
		);
		if (p95 > budget) {
			console.error(`  ✗ over budget (${budget} ms)`);
			failed = true;
		}
	}
} catch (e) {
	console.error(e);
	failed = true;
} finally {
	await s.stop();
	if (db) await db.drop();
}
process.exit(failed ? 1 : 0);
