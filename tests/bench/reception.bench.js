// Citizen reception booking throughput: bookings/s and latency (p50/p95/p99) of book_reception
// through supabase-js against the stand-in, on PostgreSQL and on PGlite.
//
//   node tests/bench/reception.bench.js            (N=300 bookings, concurrency 1 and 16)
//   BENCH_N=1000 BENCH_TARGETS=postgres node tests/bench/reception.bench.js
//
// Scenarios: "spread" (bookings over many slots: no lock contention) and "hot slot" (all bookings
// for one slot: every transaction waits on the same slot row lock). PostgreSQL at 127.0.0.1:5432
// (DATABASE_ADMIN_URL) is skipped with a note when absent. Informational: exits 0 unless a run fails.
import './node22.js';
import { createClient } from '@supabase/supabase-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startStandIn } from '../../supabase/local/server.js';

const N = Number(process.env.BENCH_N ?? 300);
const TARGETS = (process.env.BENCH_TARGETS ?? 'postgres,pglite').split(',');
const PORT = Number(process.env.BENCH_PORT ?? 4290);
const opts = { auth: { persistSession: false, autoRefreshToken: false } };

/** @param {number[]} xs @param {number} p */
const pct = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function freshPostgres() {
	const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = `thads_bench_reception_${process.pid}`;
	const admin = new pg.Client({ connectionString: adminUrl });
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

/** @typedef {{ url: string, anonKey: string, serviceKey: string, stop: () => Promise<void> }} StandIn */
/** @param {StandIn} s */
async function setup(s) {
	const service = createClient(s.url, s.serviceKey, opts);
	const { data: unit, error } = await service
		.from('units')
		.insert({
			level: 'khu_vuc',
			code: `BENCH-${randomUUID().slice(0, 4).toUpperCase()}`,
			name: 'Phòng đo hiệu năng'
		})
		.select('id')
		.single();
	if (error) throw new Error(JSON.stringify(error));
	const rows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
		unit_id: unit.id,
		weekday,
		start_time: '00:00',
		end_time: '23:30',
		slot_minutes: 30,
		capacity: 500
	}));
	const ins = await service.from('reception_schedules').insert(rows);
	if (ins.error) throw new Error(JSON.stringify(ins.error));
	await service
		.from('reception_settings')
		.update({ bookings_per_phone_per_hour: 100000, max_active_bookings_per_phone: 50 })
		.eq('id', true);
	const anon = createClient(s.url, s.anonKey, opts);
	const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
	const to = new Date(Date.parse(today) + 10 * 86400_000).toISOString().slice(0, 10);
	const { data: slots, error: e2 } = await anon.rpc('list_reception_slots', {
		p_unit_id: unit.id,
		p_from: today,
		p_to: to
	});
	if (e2) throw new Error(JSON.stringify(e2));
	return {
		unitId: unit.id,
		slots: slots.filter(
			(/** @type {{ starts_at: string }} */ x) => Date.parse(x.starts_at) > Date.now() + 3600_000
		)
	};
}

let phoneSeq = 0;
/** @param {StandIn} s @param {string} unitId @param {(i: number) => string} pickSlot @param {number} concurrency */
async function run(s, unitId, pickSlot, concurrency) {
	const clients = Array.from({ length: concurrency }, () => createClient(s.url, s.anonKey, opts));
	/** @type {number[]} */
	const lat = [];
	let failures = 0;
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		clients.map(async (client) => {
			for (;;) {
				const i = next++;
				if (i >= N) return;
				const phone = `08${String(process.pid % 100).padStart(2, '0')}${String(phoneSeq++).padStart(6, '0')}`;
				const start = performance.now();
				const { error } = await client.rpc('book_reception', {
					payload: {
						unit_id: unitId,
						starts_at: pickSlot(i),
						full_name: 'Người đo hiệu năng',
						phone,
						people_count: 1,
						topic: 'hoi_vu_viec',
						consent: true
					},
					idempotency_key: randomUUID()
				});
				lat.push(performance.now() - start);
				if (error) failures++;
			}
		})
	);
	const wall = (performance.now() - t0) / 1000;
	return { rps: N / wall, p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), failures };
}

/** @type {Array<{ target: string, scenario: string, concurrency: number, rps: number, p50: number, p95: number, p99: number, failures: number }>} */
const results = [];
let failed = false;
for (const target of TARGETS) {
	let db = null;
	let dataDir = null;
	let s;
	try {
		if (target === 'postgres') db = await freshPostgres();
		else dataDir = mkdtempSync(path.join(tmpdir(), 'thads-bench-reception-'));
		s = await startStandIn({
			port: PORT,
			quiet: true,
			databaseUrl: db?.url,
			dataDir: dataDir ?? undefined
		});
	} catch (e) {
		console.log(`${target}: skipped (${e instanceof Error ? e.message : e})`);
		await db?.drop().catch(() => {});
		continue;
	}
	try {
		const { unitId, slots } = await setup(s);
		for (const concurrency of [1, 16]) {
			const spread = await run(
				s,
				unitId,
				(i) => slots[i % slots.length]?.starts_at ?? '',
				concurrency
			);
			results.push({ target, scenario: 'spread', concurrency, ...spread });
			const hot = slots[slots.length - 1 - concurrency]?.starts_at ?? '';
			const hotRun = await run(s, unitId, () => hot, concurrency);
			results.push({ target, scenario: 'hot slot', concurrency, ...hotRun });
		}
	} catch (e) {
		failed = true;
		console.error(`${target}: ${e instanceof Error ? e.stack : e}`);
	} finally {
		await s.stop();
		await db?.drop().catch(() => {});
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	}
}

console.log(`\nbook_reception through supabase-js → stand-in, ${N} bookings per row`);
console.log('target    scenario   conc  bookings/s   p50 ms   p95 ms   p99 ms  failed');
for (const r of results) {
	console.log(
		`${r.target.padEnd(9)} ${r.scenario.padEnd(9)} ${String(r.concurrency).padStart(5)} ${r.rps.toFixed(1).padStart(11)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.failures).padStart(7)}`
	);
	if (r.failures) failed = true;
}
process.exit(failed ? 1 : 0);
