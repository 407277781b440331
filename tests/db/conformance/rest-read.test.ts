/** Conformance: PostgREST reads through supabase-js — select lists, every filter, order, range,
 * count, single/maybeSingle, CSV, and PostgREST's error objects for bad requests. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, standin } from '../helpers';
import { dropFixtures, ensureFixtures, resetItems } from './fixtures';

const fx = await ensureFixtures();
afterAll(dropFixtures);
const T = 'zz_conformance_items';
type Q = ReturnType<ReturnType<SupabaseClient['from']>['select']>;
const names = (rows: Array<{ name: string }> | null) => (rows ?? []).map((r) => r.name);

describe.skipIf(!fx.ok)(`REST reads${fx.ok ? '' : ` (skipped: ${fx.reason})`}`, () => {
	let items: Awaited<ReturnType<typeof resetItems>>;
	const db = anonClient();
	beforeAll(async () => {
		items = await resetItems();
	});

	it('selects all columns by default, JSON-typed like PostgREST', async () => {
		const { data, error, status } = await db.from(T).select().eq('name', 'apple');
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toHaveLength(1);
		const row = data![0];
		expect(row).toMatchObject({
			name: 'apple',
			category: 'fruit',
			qty: 5,
			price: 1.5,
			tags: ['red', 'sweet'],
			data: { origin: 'VN', grade: 1 }
		});
		expect(typeof row.id).toBe('number');
		expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
	});

	it('selects a column list with aliases, casts and JSON paths', async () => {
		const { data, error } = await db
			.from(T)
			.select('label:name, qty::text, origin:data->>origin, grade:data->grade')
			.eq('name', 'banana');
		expect(error).toBeNull();
		expect(data).toEqual([{ label: 'banana', qty: '12', origin: 'PH', grade: 2 }]);
	});

	it.each([
		['eq', (q: Q) => q.eq('category', 'vegetable'), ['carrot', 'eggplant']],
		['neq', (q: Q) => q.neq('category', 'fruit'), ['carrot', 'eggplant']],
		['gt', (q: Q) => q.gt('qty', 5), ['banana', 'eggplant']],
		['gte', (q: Q) => q.gte('qty', 5), ['apple', 'banana', 'eggplant']],
		['lt', (q: Q) => q.lt('qty', 3), ['carrot', 'durian']],
		['lte', (q: Q) => q.lte('qty', 3), ['carrot', 'durian', 'fig, dried']],
		['like', (q: Q) => q.like('name', '%nan%'), ['banana']],
		['ilike', (q: Q) => q.ilike('name', 'A%'), ['apple']],
		['in', (q: Q) => q.in('name', ['apple', 'fig, dried', 'nope']), ['apple', 'fig, dried']],
		['is null', (q: Q) => q.is('category', null), ['fig, dried']],
		[
			'not is null',
			(q: Q) => q.not('price', 'is', null),
			['apple', 'banana', 'carrot', 'durian', 'fig, dried']
		],
		['not in', (q: Q) => q.not('category', 'in', '(fruit)'), ['carrot', 'eggplant']],
		['contains (array)', (q: Q) => q.contains('tags', ['red']), ['apple']],
		[
			'overlaps (array)',
			(q: Q) => q.overlaps('tags', ['yellow', 'purple']),
			['banana', 'eggplant']
		],
		['contains (jsonb)', (q: Q) => q.contains('data', { origin: 'VN' }), ['apple', 'durian']],
		['JSON path filter', (q: Q) => q.eq('data->>origin', 'VN'), ['apple', 'durian']],
		['or', (q: Q) => q.or('qty.eq.0,name.eq.apple'), ['apple', 'carrot']],
		[
			'or with nested and',
			(q: Q) => q.or('qty.gt.10,and(category.eq.vegetable,qty.gt.5)'),
			['banana', 'eggplant']
		],
		[
			'or with quoted value',
			(q: Q) => q.or('name.eq."fig, dried",name.eq.durian'),
			['durian', 'fig, dried']
		],
		['match', (q: Q) => q.match({ category: 'fruit', qty: 1 }), ['durian']],
		['filter()', (q: Q) => q.filter('qty', 'in', '(0,1)'), ['carrot', 'durian']],
		['regex (imatch)', (q: Q) => q.filter('name', 'imatch', '^B'), ['banana']],
		[
			'isdistinct',
			(q: Q) => q.filter('category', 'isdistinct', 'fruit'),
			['carrot', 'eggplant', 'fig, dried']
		]
	])('filter %s', async (_label, apply, expected) => {
		const { data, error } = await (apply as (q: Q) => Q)(db.from(T).select('name')).order('name');
		expect(error).toBeNull();
		expect(names(data as Array<{ name: string }> | null)).toEqual(expected);
	});

	it('not.or negates a logic tree', async () => {
		const res = await fetch(
			`${standin().url}/rest/v1/${T}?select=name&order=name&not.or=(category.eq.fruit,category.is.null)`,
			{ headers: { apikey: standin().anonKey } }
		);
		expect(res.status).toBe(200);
		expect(names(await res.json())).toEqual(['carrot', 'eggplant']);
	});

	it('orders by several columns with nulls first/last', async () => {
		const a = await db
			.from(T)
			.select('name')
			.order('category', { ascending: true, nullsFirst: true })
			.order('qty', { ascending: false });
		expect(names(a.data)).toEqual([
			'fig, dried',
			'banana',
			'apple',
			'durian',
			'eggplant',
			'carrot'
		]);
		const b = await db
			.from(T)
			.select('name, price')
			.order('price', { ascending: false, nullsFirst: false });
		expect(names(b.data)).toEqual([
			'durian',
			'fig, dried',
			'apple',
			'carrot',
			'banana',
			'eggplant'
		]);
	});

	it('limit and range page through results', async () => {
		const l = await db.from(T).select('name').order('name').limit(2);
		expect(names(l.data)).toEqual(['apple', 'banana']);
		const r = await db.from(T).select('name').order('name').range(2, 3);
		expect(names(r.data)).toEqual(['carrot', 'durian']);
	});

	it('count=exact returns the total and Content-Range; a partial page answers 206', async () => {
		const { data, count, status, error } = await db
			.from(T)
			.select('name', { count: 'exact' })
			.order('name')
			.range(0, 1);
		expect(error).toBeNull();
		expect(count).toBe(6);
		expect(status).toBe(206);
		expect(data).toHaveLength(2);
		const head = await db
			.from(T)
			.select('*', { count: 'exact', head: true })
			.eq('category', 'fruit');
		expect(head.count).toBe(3);
		expect(head.data).toBeNull();
		const raw = await fetch(`${standin().url}/rest/v1/${T}?select=id&order=id&limit=2`, {
			headers: { apikey: standin().anonKey, prefer: 'count=exact' }
		});
		expect(raw.headers.get('content-range')).toBe('0-1/6');
	});

	it('Range header pages like limit/offset', async () => {
		const res = await fetch(`${standin().url}/rest/v1/${T}?select=name&order=name`, {
			headers: { apikey: standin().anonKey, range: '1-2', 'range-unit': 'items' }
		});
		expect(await res.json()).toEqual([{ name: 'banana' }, { name: 'carrot' }]);
		expect(res.headers.get('content-range')).toBe('1-2/*');
	});

	it('an offset past the end with count answers 416 PGRST103', async () => {
		const { error, status } = await db.from(T).select('name', { count: 'exact' }).range(50, 60);
		expect(status).toBe(416);
		expect(error?.code).toBe('PGRST103');
	});

	it('single() returns an object, or PGRST116 with 406 for 0 or many rows', async () => {
		const one = await db.from(T).select('name, qty').eq('name', 'apple').single();
		expect(one.error).toBeNull();
		expect(one.data).toEqual({ name: 'apple', qty: 5 });
		const none = await db.from(T).select().eq('name', 'nope').single();
		expect(none.status).toBe(406);
		expect(none.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 0 rows' });
		const many = await db.from(T).select().eq('category', 'fruit').single();
		expect(many.status).toBe(406);
		expect(many.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 3 rows' });
	});

	it('maybeSingle() returns null for no rows and PGRST116 for many', async () => {
		const none = await db.from(T).select().eq('name', 'nope').maybeSingle();
		expect(none.error).toBeNull();
		expect(none.data).toBeNull();
		const many = await db.from(T).select().eq('category', 'fruit').maybeSingle();
		expect(many.error?.code).toBe('PGRST116');
	});

	it('csv() returns text/csv', async () => {
		const { data, error } = await db
			.from(T)
			.select('name,qty')
			.in('name', ['apple', 'fig, dried'])
			.order('name')
			.csv();
		expect(error).toBeNull();
		expect(data).toBe('name,qty\napple,5\n"fig, dried",3');
	});

	it('reads a view (security_invoker) like a table', async () => {
		const { data, error } = await db
			.from('zz_conformance_view')
			.select('name, double_qty')
			.eq('name', 'banana');
		expect(error).toBeNull();
		expect(data).toEqual([{ name: 'banana', double_qty: 24 }]);
	});

	it('an unknown column is 400 with code 42703', async () => {
		const { error, status } = await db.from(T).select('nope');
		expect(status).toBe(400);
		expect(error?.code).toBe('42703');
		const f = await db.from(T).select('name').eq('nope', 1);
		expect(f.status).toBe(400);
		expect(f.error?.code).toBe('42703');
	});

	it('an unknown table is 404 PGRST205', async () => {
		const { error, status } = await db.from('zz_conformance_nope').select();
		expect(status).toBe(404);
		expect(error?.code).toBe('PGRST205');
		expect(error?.message).toContain('zz_conformance_nope');
	});

	it('a malformed filter is 400 PGRST100', async () => {
		const { error, status } = await db.from(T).select().filter('qty', 'nosuchop', '1');
		expect(status).toBe(400);
		expect(error?.code).toBe('PGRST100');
	});

	// PostgREST 14's own texts (its test suite: QuerySpec, AndOrParamsSpec, JsonOperatorSpec).
	it.each([
		[
			'qty=noop.0',
			'filter (noop.0)',
			1,
			'unexpected "o" expecting "not" or operator (eq, gt, ...)'
		],
		['qty=0', 'filter (0)', 1, 'unexpected "0" expecting "not" or operator (eq, gt, ...)'],
		[
			'order=id.asc.nullslasttt',
			'order (id.asc.nullslasttt)',
			17,
			'unexpected \'t\' expecting "," or end of input'
		],
		[
			'order=name.sideways',
			'order (name.sideways)',
			6,
			'unexpected "s" expecting "asc", "desc", "nullsfirst" or "nullslast"'
		],
		[
			'or=()',
			'logic tree (())',
			4,
			'unexpected ")" expecting field name (* or [a..z0..9_$]), negation operator (not) or logic operator (and, or)'
		],
		[
			'or=(qty.eq.1,qty.gt.2',
			'logic tree ((qty.eq.1,qty.gt.2)',
			21,
			'unexpected end of input expecting "," or ")"'
		],
		['select=data->>--34', 'select parameter (data->>--34)', 9, 'unexpected "-" expecting digit']
	])('a malformed %s is PGRST100 in PostgREST 14 words', async (query, what, col, details) => {
		const res = await fetch(`${standin().url}/rest/v1/${T}?${query}`, {
			headers: { apikey: standin().anonKey, authorization: `Bearer ${standin().anonKey}` }
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			code: 'PGRST100',
			details,
			hint: null,
			message: `"failed to parse ${what}" (line 1, column ${col})`
		});
	});

	it('several malformed parameters: the first in PostgREST order (order before select) is reported', async () => {
		const res = await fetch(
			`${standin().url}/rest/v1/${T}?select=data->>--34&order=name.sideways`,
			{
				headers: { apikey: standin().anonKey, authorization: `Bearer ${standin().anonKey}` }
			}
		);
		expect(res.status).toBe(400);
		expect((await res.json()).message).toBe(
			'"failed to parse order (name.sideways)" (line 1, column 6)'
		);
	});

	it('an empty columns parameter is PGRST100 in PostgREST 14 words (InsertSpec)', async () => {
		const key = standin().serviceKey;
		const res = await fetch(`${standin().url}/rest/v1/${T}?columns=`, {
			method: 'POST',
			headers: { apikey: key, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: JSON.stringify([{ name: 'x' }])
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			code: 'PGRST100',
			details: 'unexpected end of input expecting field name (* or [a..z0..9_$])',
			hint: null,
			message: '"failed to parse columns parameter ()" (line 1, column 1)'
		});
	});

	it('a value of the wrong type is 400 22P02', async () => {
		const { error, status } = await db.from(T).select().eq('qty', 'many');
		expect(status).toBe(400);
		expect(error?.code).toBe('22P02');
	});

	it('resource embedding is refused with a PGRST error (joins live in views)', async () => {
		const { error, status } = await db.from(T).select('name, zz_conformance_children(id)');
		expect(status).toBe(400);
		expect(error?.code).toMatch(/^PGRST2/);
	});

	it('reading a table without grants: anon 401, authenticated-like roles 403 (42501)', async () => {
		const { error, status } = await db.from('zz_conformance_locked').select();
		expect(status).toBe(401);
		expect(error?.code).toBe('42501');
	});

	it('items fixture ids are stable within the run', () => {
		expect(items).toHaveLength(6);
	});
});
