/** Stand-in mechanics (not Supabase behaviour): time-outs roll back and answer 504, /health
 * answers while the database is busy, .env merging keeps other lines. Runs its own small stand-in
 * (PGlite, no project migrations, 500 ms time-out). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { isStandIn } from '../helpers';

type StandIn = { url: string; anonKey: string; serviceKey: string; stop(): Promise<void> };

describe.skipIf(!isStandIn())('stand-in mechanics', () => {
	let s: StandIn;
	const dirs: string[] = [];
	beforeAll(async () => {
		const dataDir = mkdtempSync(path.join(tmpdir(), 'standin-mech-'));
		const root = mkdtempSync(path.join(tmpdir(), 'standin-mech-root-'));
		dirs.push(dataDir, root);
		const { startStandIn } = await import('../../../supabase/local/index.js');
		s = await startStandIn({
			port: 0,
			dataDir,
			root,
			quiet: true,
			allowSqlEndpoint: true,
			timeoutMs: 500
		});
		const res = await fetch(`${s.url}/__standin/sql`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				apikey: s.serviceKey,
				authorization: `Bearer ${s.serviceKey}`
			},
			body: JSON.stringify({
				sql: `create table public.mech_log (id int generated always as identity primary key, note text);
				      alter table public.mech_log enable row level security;
				      create policy "read" on public.mech_log for select to anon using (true);
				      create function public.mech_slow(secs float) returns void language sql security definer set search_path = '' as $$
				        insert into public.mech_log (note) values ('slow'); select pg_sleep(secs); $$;`
			})
		});
		expect(res.status).toBe(200);
	}, 60_000);
	afterAll(async () => {
		await s?.stop();
		for (const d of dirs) rmSync(d, { recursive: true, force: true });
	});

	it('a request over the time-out answers 504 and its writes are rolled back; /health answers meanwhile', async () => {
		const db = createClient(s.url, s.anonKey, { auth: { persistSession: false } });
		const t0 = Date.now();
		const slow = db.rpc('mech_slow', { secs: 2 });
		await new Promise((r) => setTimeout(r, 150));
		const h0 = Date.now();
		const health = await fetch(`${s.url}/health`);
		expect(health.status).toBe(200);
		expect(Date.now() - h0).toBeLessThan(300);
		const { error, status } = await slow;
		expect(status).toBe(504);
		expect(error?.code).toBe('PGRST003');
		expect(Date.now() - t0).toBeLessThan(1800);
		// The database recovers (the stuck statement ends or the worker restarts) and nothing stuck.
		let after = await db.from('mech_log').select('note');
		for (let i = 0; i < 20 && after.error; i++) {
			await new Promise((r) => setTimeout(r, 250));
			after = await db.from('mech_log').select('note');
		}
		expect(after.error).toBeNull();
		expect(after.data).toEqual([]);
	}, 30_000);

	it('mergeEnv sets the stand-in variables and keeps other lines', async () => {
		const { mergeEnv } = await import('../../../supabase/local/env.js');
		const dir = mkdtempSync(path.join(tmpdir(), 'standin-env-'));
		dirs.push(dir);
		const file = path.join(dir, '.env');
		writeFileSync(file, '# comment\nFOO=bar\nPUBLIC_SUPABASE_URL=http://old\n');
		await mergeEnv(file, { PUBLIC_SUPABASE_URL: 'http://new', SUPABASE_SERVICE_ROLE_KEY: 'k' });
		expect(readFileSync(file, 'utf8')).toBe(
			'# comment\nFOO=bar\nPUBLIC_SUPABASE_URL=http://new\nSUPABASE_SERVICE_ROLE_KEY=k\n'
		);
	});
});
