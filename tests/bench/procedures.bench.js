// Procedure catalogue search latency (`npm run bench`, or `node tests/bench/procedures.bench.js`).
//
// The citizen page loads the catalogue once (procedure_catalogue view through supabase-js, cached
// for a minute) and ranks it in memory with src/lib/procedures/search.ts: diacritic-free tokens,
// prefixes and a small edit distance. This measures (1) the cold catalogue load from a fresh
// stand-in, (2) building the index, (3) per-query search latency p50/p95/p99 over the full
// catalogue for realistic queries (unaccented, typos, partial words, English), and compares with
// (4) a server-side `ilike` on the unaccented search_text column through the REST API.
// Budget: p95 of an in-memory search under 1 ms. PostgreSQL at 127.0.0.1:5432 when reachable,
// else PGlite (BENCH_TARGET=pglite forces it).
import './node22.js';
import { createClient } from '@supabase/supabase-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startStandIn } from '../../supabase/local/server.js';
// @ts-expect-error -- Node 22 strips the types of this .ts module at run time; tsc wants no extension.
import { buildIndex, normalise, search } from '../../src/lib/procedures/search.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4390);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2000);
const BUDGET_P95_MS = 1;
const QUERIES = [
	'xac nhan ket qua',
	'xac nhna ket qau',
	'mien giam phi',
	'cuong ch',
	'dinh gia lai',
	'thay doi chap hanh vien',
	'yeu cau thi hanh an',
	'khieu nai lan hai',
	'to cao',
	'tai san tru vao tien',
	'confirmation of results',
	'hộ chiếu visa'
];

/** @param {number[]} xs @param {number} p @returns {number} */
const pct = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
/** @param {number} x */
const ms = (x) => `${x.toFixed(3)} ms`;

async function freshPostgres() {
	const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = `thads_bench_procedures_${process.pid}`;
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

let db = null;
let dataDir = null;
if (process.env.BENCH_TARGET !== 'pglite') {
	try {
		db = await freshPostgres();
	} catch {
		console.log('PostgreSQL not reachable: using PGlite');
	}
}
if (!db) dataDir = mkdtempSync(path.join(tmpdir(), 'thads-bench-proc-'));
const s = await startStandIn({
	port: PORT,
	quiet: true,
	databaseUrl: db?.url,
	dataDir: dataDir ?? undefined
});
let failed = false;
try {
	const anon = createClient(s.url, s.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});

	let t = performance.now();
	const { data: rows, error } = await anon.from('procedure_catalogue').select('*').order('sort');
	if (error) throw error;
	const load = performance.now() - t;

	t = performance.now();
	const index = buildIndex(rows);
	const build = performance.now() - t;

	console.log(`target: ${db ? 'postgres' : 'pglite'} · catalogue: ${rows.length} procedures`);
	console.log(`cold catalogue load (REST): ${ms(load)} · index build: ${ms(build)}`);

	const all = [];
	console.log('\nin-memory search, per query (' + ROUNDS + ' rounds):');
	for (const q of QUERIES) {
		const times = [];
		let top = null;
		for (let i = 0; i < ROUNDS; i++) {
			const t0 = performance.now();
			const r = search(index, q);
			times.push(performance.now() - t0);
			top = r[0]?.code ?? '—';
		}
		all.push(...times);
		console.log(`  ${q.padEnd(26)} p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  → ${top}`);
	}
	const p95 = pct(all, 95);
	console.log(`  all queries: p50 ${ms(pct(all, 50))}  p95 ${ms(p95)}  p99 ${ms(pct(all, 99))}`);

	// Headroom: the catalogue grown to 52 procedures (4 × the seed, distinct codes).
	const big = buildIndex(
		[0, 1, 2, 3].flatMap((k) => rows.map((r) => ({ ...r, code: `${r.code}-${k}` })))
	);
	const bigTimes = [];
	for (let i = 0; i < ROUNDS; i++)
		for (const q of QUERIES) {
			const t0 = performance.now();
			search(big, q);
			bigTimes.push(performance.now() - t0);
		}
	console.log(
		`  52-procedure catalogue: p50 ${ms(pct(bigTimes, 50))}  p95 ${ms(pct(bigTimes, 95))}`
	);

	console.log(
		'\nfor comparison, SQL ilike on search_text through REST (30 rounds each, no typo tolerance):'
	);
	const sqlTimes = [];
	for (const q of QUERIES.slice(0, 4)) {
		const times = [];
		let n = 0;
		for (let i = 0; i < 30; i++) {
			const t0 = performance.now();
			const { data } = await anon
				.from('procedure_catalogue')
				.select('code')
				.ilike('search_text', `%${normalise(q)}%`);
			times.push(performance.now() - t0);
			n = data?.length ?? 0;
		}
		sqlTimes.push(...times);
		console.log(
			`  ${q.padEnd(26)} p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  → ${n} row(s)`
		);
	}

	const top = search(index, 'xac nhan ket qua')[0]?.code;
	if (top !== 'xac-nhan-ket-qua-thi-hanh-an') {
		console.error(`✗ "xac nhan ket qua" ranked ${top} first`);
		failed = true;
	}
	if (p95 > BUDGET_P95_MS) {
		console.error(`✗ in-memory search p95 ${ms(p95)} over the ${BUDGET_P95_MS} ms budget`);
		failed = true;
	} else console.log(`\n✓ in-memory search p95 ${ms(p95)} ≤ ${BUDGET_P95_MS} ms`);
} catch (e) {
	console.error(e);
	failed = true;
} finally {
	await s.stop();
	await db?.drop();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
