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
});
