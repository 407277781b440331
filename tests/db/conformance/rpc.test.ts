/** Conformance: /rest/v1/rpc — named arguments, defaults, scalar/setof/table/void results,
 * filters on set results, GET calls, raised errors, unknown functions, grants, and the request
 * context (auth.uid(), auth.role(), auth.jwt(), request.headers) a function sees. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createTestUser, serviceClient, standin } from '../helpers';
import { dropFixtures, ensureFixtures, resetItems } from './fixtures';

const fx = await ensureFixtures();
afterAll(dropFixtures);

describe.skipIf(!fx.ok)(`RPC${fx.ok ? '' : ` (skipped: ${fx.reason})`}`, () => {
	const db = anonClient();
	beforeAll(async () => {
		await resetItems();
	});

	it('scalar result with named arguments and a default', async () => {
		expect((await db.rpc('zz_conformance_add', { a: 1, b: 2 })).data).toBe(3);
		const { data, error, status } = await db.rpc('zz_conformance_add', { a: 5 });
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toBe(15);
	});

	it('GET rpc (get: true) passes arguments in the query string', async () => {
		const { data, error } = await db.rpc('zz_conformance_add', { a: 2, b: 3 }, { get: true });
		expect(error).toBeNull();
		expect(data).toBe(5);
	});

	it('setof rows accept select, filters, order and range', async () => {
		const { data, error } = await db
			.rpc('zz_conformance_by_category', { cat: 'fruit' })
			.select('name, qty')
			.gt('qty', 1)
			.order('qty', { ascending: false });
		expect(error).toBeNull();
		expect(data).toEqual([
			{ name: 'banana', qty: 12 },
			{ name: 'apple', qty: 5 }
		]);
		const page = await db
			.rpc('zz_conformance_by_category', { cat: 'fruit' })
			.select('name')
			.order('name')
			.range(1, 1);
		expect(page.data).toEqual([{ name: 'banana' }]);
		const single = await db
			.rpc('zz_conformance_by_category', { cat: 'vegetable' })
			.select('name')
			.eq('name', 'carrot')
			.single();
		expect(single.data).toEqual({ name: 'carrot' });
	});

	it('returns table (...) gives objects; count works', async () => {
		const { data, error, count } = await db.rpc(
			'zz_conformance_pairs',
			{ n: 3 },
			{ count: 'exact' }
		);
		expect(error).toBeNull();
		expect(data).toEqual([
			{ k: 1, v: 'v1' },
			{ k: 2, v: 'v2' },
			{ k: 3, v: 'v3' }
		]);
		expect(count).toBe(3);
	});

	it('void function: no data, no error', async () => {
		const { data, error, status } = await db.rpc('zz_conformance_noop');
		expect(error).toBeNull();
		expect(data).toBeNull();
		expect([200, 204]).toContain(status);
	});

	it("raise exception using errcode 'P0001' → 400 with the message as code for the app", async () => {
		const { data, error, status } = await db.rpc('zz_conformance_fail', { code: 'slot_full' });
		expect(data).toBeNull();
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: 'P0001', message: 'slot_full' });
	});

	it('unknown function or argument names → 404 PGRST202', async () => {
		const a = await db.rpc('zz_conformance_nope');
		expect(a.status).toBe(404);
		expect(a.error?.code).toBe('PGRST202');
		const b = await db.rpc('zz_conformance_add', { x: 1 });
		expect(b.status).toBe(404);
		expect(b.error?.code).toBe('PGRST202');
	});

	it('wrong argument type → 400 22P02', async () => {
		const { error, status } = await db.rpc('zz_conformance_add', { a: 'one' });
		expect(status).toBe(400);
		expect(error?.code).toBe('22P02');
	});

	it('execute revoked → 42501 (401 for anon, 403 for a user)', async () => {
		const a = await db.rpc('zz_conformance_secret');
		expect(a.status).toBe(401);
		expect(a.error?.code).toBe('42501');
		const u = await createTestUser();
		const b = await u.client.rpc('zz_conformance_secret');
		expect(b.status).toBe(403);
		expect(b.error?.code).toBe('42501');
	});

	it('a volatile function called with GET runs read-only → 405 25006', async () => {
		const { error, status } = await db.rpc(
			'zz_conformance_log',
			{ p_name: 'apple' },
			{ get: true }
		);
		expect(status).toBe(405);
		expect(error?.code).toBe('25006');
	});

	it('functions see the caller: auth.uid(), auth.role(), auth.jwt(), request.headers', async () => {
		const anonWho = await anonClient().rpc('zz_conformance_whoami');
		expect(anonWho.data).toMatchObject({ uid: null, role: 'anon', current_user: 'anon' });
		const u = await createTestUser();
		const userWho = await u.client.rpc('zz_conformance_whoami');
		expect(userWho.data).toMatchObject({
			uid: u.id,
			role: 'authenticated',
			current_user: 'authenticated',
			email: u.email
		});
		const svcWho = await serviceClient().rpc('zz_conformance_whoami');
		expect(svcWho.data).toMatchObject({ role: 'service_role', current_user: 'service_role' });
		const res = await fetch(`${standin().url}/rest/v1/rpc/zz_conformance_whoami`, {
			method: 'POST',
			headers: {
				apikey: standin().anonKey,
				'content-type': 'application/json',
				'x-conformance': 'hi'
			},
			body: '{}'
		});
		expect((await res.json()).header).toBe('hi');
	});

	it('a security definer function can write where the caller cannot; a failing call leaves nothing', async () => {
		const ok = await db.rpc('zz_conformance_log', { p_name: 'apple' });
		expect(ok.error).toBeNull();
		expect(typeof ok.data).toBe('number');
		const before = (
			await serviceClient()
				.from('zz_conformance_children')
				.select('*', { count: 'exact', head: true })
		).count;
		const bad = await db.rpc('zz_conformance_log', { p_name: 'no-such-item' });
		expect(bad.error).toBeNull(); // returns null: nothing matched
		expect(bad.data).toBeNull();
		const after = (
			await serviceClient()
				.from('zz_conformance_children')
				.select('*', { count: 'exact', head: true })
		).count;
		expect(after).toBe(before);
	});

	describe('single unnamed parameter called with the raw body (functions.rst, Plan.hs findProc)', () => {
		const post = (fn: string, contentType: string, body: BodyInit) =>
			fetch(`${standin().url}/rest/v1/rpc/${fn}`, {
				method: 'POST',
				headers: { apikey: standin().anonKey, 'content-type': contentType },
				body
			});

		it('text/plain → a text parameter, text/xml → xml, application/octet-stream → bytea', async () => {
			const t = await post('zz_conformance_raw_text', 'text/plain', 'hello, "world"');
			expect(t.status).toBe(200);
			expect(await t.json()).toBe('text:hello, "world"');
			const x = await post('zz_conformance_raw_xml', 'text/xml', '<note>hi there</note>');
			expect(x.status).toBe(200);
			expect(await x.json()).toBe('hi there');
			const b = await post(
				'zz_conformance_raw_bytea',
				'application/octet-stream',
				new Uint8Array([0, 1, 2, 255, 0])
			);
			expect(b.status).toBe(200);
			expect(await b.json()).toBe(5);
		});

		it('a raw body to a function without such a parameter → 404 PGRST202 naming the type, no hint', async () => {
			const res = await post('zz_conformance_add', 'text/plain', '1');
			expect(res.status).toBe(404);
			expect(await res.json()).toEqual({
				code: 'PGRST202',
				message: 'Could not find the function public.zz_conformance_add in the schema cache',
				details:
					'Searched for the function public.zz_conformance_add with a single unnamed text parameter, but no matches were found in the schema cache.',
				hint: null
			});
			const xml = await post('zz_conformance_raw_text', 'text/xml', '<a/>');
			expect(xml.status).toBe(404);
			expect((await xml.json()).details).toBe(
				'Searched for the function public.zz_conformance_raw_text with a single unnamed xml parameter, but no matches were found in the schema cache.'
			);
		});
	});

	it('two overloads that both take the arguments → 300 PGRST203, even when one has fewer parameters', async () => {
		const { error, status } = await db.rpc('zz_conformance_pick', { a: 1 });
		expect(status).toBe(300);
		expect(error?.code).toBe('PGRST203');
		expect(error?.message).toBe(
			'Could not choose the best candidate function between: public.zz_conformance_pick(a => integer), public.zz_conformance_pick(a => integer, b => integer)'
		);
		expect((await db.rpc('zz_conformance_pick', { a: 1, b: 2 })).data).toBe('two');
	});
});

describe.skipIf(!fx.ok)('computed fields (computed_fields.rst)', () => {
	const db = anonClient();
	beforeAll(async () => {
		await resetItems();
	});

	it('a function on the row type is a column in select, filters and order', async () => {
		const { data, error } = await db
			.from('zz_conformance_items')
			.select('name, label:zz_conformance_label')
			.in('zz_conformance_label', ['apple x5', 'carrot x0', 'durian x1'])
			.order('zz_conformance_label', { ascending: false });
		expect(error).toBeNull();
		expect(data).toEqual([
			{ name: 'durian', label: 'durian x1' },
			{ name: 'carrot', label: 'carrot x0' },
			{ name: 'apple', label: 'apple x5' }
		]);
	});

	it("also on the rows a set-returning function gives back, and in a mutation's representation", async () => {
		const rpc = await db
			.rpc('zz_conformance_by_category', { cat: 'vegetable' })
			.select('zz_conformance_label')
			.order('name');
		expect(rpc.error).toBeNull();
		expect(rpc.data).toEqual([
			{ zz_conformance_label: 'carrot x0' },
			{ zz_conformance_label: 'eggplant x7' }
		]);
		const upd = await serviceClient()
			.from('zz_conformance_items')
			.update({ qty: 6 })
			.eq('name', 'apple')
			.select('zz_conformance_label');
		expect(upd.error).toBeNull();
		expect(upd.data).toEqual([{ zz_conformance_label: 'apple x6' }]);
	});

	it('a name that is neither a column nor a computed field → 400 42703 from Postgres', async () => {
		const { error, status } = await db.from('zz_conformance_items').select('name, nope');
		expect(status).toBe(400);
		expect(error).toMatchObject({
			code: '42703',
			message: 'column zz_conformance_items.nope does not exist'
		});
	});
});
