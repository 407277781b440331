/** Conformance: PostgREST's status codes and headers in the corners (issue 16 items 3, 4, 6–9):
 * paging with counts, bulk upserts with defaults, RAISE SQLSTATE 'PGRST', Prefer handling=strict
 * and max-affected, ?apikey=, upsert/RPC/DELETE statuses and Content-Range, WWW-Authenticate.
 * Written from PostgREST 14's sources (src/PostgREST/Response.hs, RangeQuery.hs, Error.hs,
 * MainTx.hs, ApiRequest/Preferences.hs) and its docs; runs against a real project too. */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, standin } from '../helpers';
import { dropFixtures, ensureFixtures, resetItems } from './fixtures';

const fx = await ensureFixtures();
afterAll(dropFixtures);
const T = 'zz_conformance_items';

/** A raw request with the service key (or `key`), so statuses and headers are PostgREST's own. */
const raw = (path: string, init: RequestInit & { key?: string } = {}) => {
	const key = init.key ?? standin().serviceKey;
	const headers = new Headers(init.headers);
	if (!headers.has('apikey')) headers.set('apikey', key);
	if (!headers.has('authorization')) headers.set('authorization', `Bearer ${key}`);
	if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
	return fetch(`${standin().url}/rest/v1/${path}`, { ...init, headers });
};

describe.skipIf(!fx.ok)(`REST details${fx.ok ? '' : ` (skipped: ${fx.reason})`}`, () => {
	const svc = serviceClient();
	const db = anonClient();
	beforeEach(async () => {
		await resetItems();
	});

	describe('paging with an exact count (RangeQuery.rangeStatusHeader)', () => {
		it('an offset on an empty result → 416 PGRST103', async () => {
			const { error, status } = await db
				.from(T)
				.select('name', { count: 'exact' })
				.eq('name', 'nope')
				.range(1, 2);
			expect(status).toBe(416);
			expect(error).toMatchObject({
				code: 'PGRST103',
				message: 'Requested range not satisfiable',
				details: 'An offset of 1 was requested, but there are only 0 rows.'
			});
		});

		it('an offset equal to the total → 206 [] with Content-Range */6', async () => {
			const res = await raw(`${T}?select=name&order=name&offset=6`, {
				key: standin().anonKey,
				headers: { prefer: 'count=exact' }
			});
			expect(res.status).toBe(206);
			expect(await res.json()).toEqual([]);
			expect(res.headers.get('content-range')).toBe('*/6');
		});

		it('no rows at offset 0 → 200 [] with Content-Range */0', async () => {
			const { data, status, count } = await db
				.from(T)
				.select('name', { count: 'exact' })
				.eq('name', 'nope');
			expect(status).toBe(200);
			expect(data).toEqual([]);
			expect(count).toBe(0);
		});
	});

	it('bulk upsert with defaultToNull: false resets missing columns to their default (missing=default)', async () => {
		// PostgREST fills keys absent from a row with the column default (null when it has none),
		// then ON CONFLICT DO UPDATE sets every payload column (Query/SqlFragment.hs fromJsonBodyF).
		const { data, error } = await svc
			.from(T)
			.upsert(
				[
					{ name: 'apple', qty: 9 },
					{ name: 'banana', category: 'x' }
				],
				{ onConflict: 'name', defaultToNull: false }
			)
			.select('name, category, qty')
			.order('name');
		expect(error).toBeNull();
		expect(data).toEqual([
			{ name: 'apple', category: null, qty: 9 },
			{ name: 'banana', category: 'x', qty: 0 }
		]);
	});

	it("RAISE SQLSTATE 'PGRST' sets the status, the headers and the error body", async () => {
		const res = await raw('rpc/zz_conformance_payment', { method: 'POST', body: '{}' });
		expect(res.status).toBe(402);
		expect(res.headers.get('x-powered-by')).toBe('Nerd Rage');
		expect(await res.json()).toEqual({
			code: '123',
			message: 'Payment Required',
			details: 'Quota exceeded',
			hint: 'Upgrade your plan'
		});
	});

	describe('Prefer handling=strict (Plan.hs, MainTx.hs failExceedsMaxAffectedPref)', () => {
		it('max-affected exceeded → 400 PGRST124 and the update is rolled back', async () => {
			const res = await raw(`${T}?category=eq.fruit`, {
				method: 'PATCH',
				headers: { prefer: 'handling=strict, max-affected=2' },
				body: JSON.stringify({ qty: 99 })
			});
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({
				code: 'PGRST124',
				details: 'The query affects 3 rows',
				hint: null,
				message: 'Query result exceeds max-affected preference constraint'
			});
			const { data } = await svc.from(T).select('name').eq('qty', 99);
			expect(data).toEqual([]);
		});

		it('max-affected within the limit, or without handling=strict, applies the change', async () => {
			const ok = await raw(`${T}?category=eq.fruit`, {
				method: 'DELETE',
				headers: { prefer: 'handling=strict, max-affected=3' }
			});
			expect(ok.status).toBe(204);
			const lenient = await raw(`${T}?category=eq.vegetable`, {
				method: 'DELETE',
				headers: { prefer: 'max-affected=1' }
			});
			expect(lenient.status).toBe(204);
			expect((await svc.from(T).select('name')).data).toEqual([{ name: 'fig, dried' }]);
		});

		it('an unknown preference → 400 PGRST122 under strict, ignored when lenient', async () => {
			const strict = await raw(`${T}?select=name`, {
				headers: { prefer: 'handling=strict, nonsense=1' }
			});
			expect(strict.status).toBe(400);
			expect(await strict.json()).toEqual({
				code: 'PGRST122',
				details: 'Invalid preferences: nonsense=1',
				hint: null,
				message: 'Invalid preferences given with handling=strict'
			});
			const lenient = await raw(`${T}?select=name`, { headers: { prefer: 'nonsense=1' } });
			expect(lenient.status).toBe(200);
		});
	});

	it('CSV as PostgREST writes it: rows in Postgres record text, jsonb and arrays as Postgres text', async () => {
		// SqlFragment.hs asCsvF: header = the first row's keys, rows = `_postgrest_t::text` without
		// its parentheses, joined by newlines.
		const { data, error } = await db
			.from(T)
			.select('name, tags, data, price')
			.in('name', ['apple', 'eggplant'])
			.order('name')
			.csv();
		expect(error).toBeNull();
		expect(data).toBe(
			'name,tags,data,price\n' +
				'apple,"{red,sweet}","{""grade"": 1, ""origin"": ""VN""}",1.50\n' +
				'eggplant,{purple},"{""origin"": ""TH""}",'
		);
		const empty = await db.from(T).select('name').eq('name', 'nope').csv();
		expect(empty.data).toBe('\n');
	});

	it('?apikey= in the query string is the key, not a filter', async () => {
		const res = await fetch(
			`${standin().url}/rest/v1/${T}?select=name&order=name&limit=2&apikey=${standin().anonKey}`
		);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual([{ name: 'apple' }, { name: 'banana' }]);
	});

	describe('statuses and Content-Range (Response.hs)', () => {
		it('an upsert that only updates → 200; one that inserts → 201', async () => {
			const upd = await svc
				.from(T)
				.upsert({ name: 'apple', qty: 8 }, { onConflict: 'name' })
				.select('name, qty');
			expect(upd.status).toBe(200);
			expect(upd.data).toEqual([{ name: 'apple', qty: 8 }]);
			const ins = await svc
				.from(T)
				.upsert(
					[
						{ name: 'apple', qty: 9 },
						{ name: 'quince', qty: 1 }
					],
					{ onConflict: 'name' }
				)
				.select('name');
			expect(ins.status).toBe(201);
		});

		it('a scalar RPC with count=exact → Content-Range 0-0/1, so supabase-js reads count 1', async () => {
			const { data, count, error } = await db.rpc(
				'zz_conformance_add',
				{ a: 1, b: 2 },
				{ count: 'exact' }
			);
			expect(error).toBeNull();
			expect(data).toBe(3);
			expect(count).toBe(1);
		});

		it('a set-returning RPC with count and a range → 206 and Content-Range 0-1/5', async () => {
			const res = await raw('rpc/zz_conformance_pairs?limit=2', {
				method: 'POST',
				key: standin().anonKey,
				headers: { prefer: 'count=exact' },
				body: JSON.stringify({ n: 5 })
			});
			expect(res.status).toBe(206);
			expect(res.headers.get('content-range')).toBe('0-1/5');
			expect(await res.json()).toEqual([
				{ k: 1, v: 'v1' },
				{ k: 2, v: 'v2' }
			]);
		});

		it("DELETE's Content-Range is */<count>", async () => {
			const res = await raw(`${T}?category=eq.fruit`, {
				method: 'DELETE',
				headers: { prefer: 'count=exact' }
			});
			expect(res.status).toBe(204);
			expect(res.headers.get('content-range')).toBe('*/3');
		});

		it('a 401 carries WWW-Authenticate: Bearer', async () => {
			const res = await raw('zz_conformance_locked?select=id', { key: standin().anonKey });
			expect(res.status).toBe(401);
			expect(res.headers.get('www-authenticate')).toBe('Bearer');
		});
	});
});
