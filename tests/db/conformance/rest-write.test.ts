/** Conformance: inserts, upserts, updates and deletes through supabase-js, with and without
 * returning, under RLS, and PostgREST's status codes for constraint violations. A failed request
 * must change nothing. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, createTestUser, serviceClient } from '../helpers';
import { dropFixtures, ensureFixtures, resetItems } from './fixtures';

const fx = await ensureFixtures();
afterAll(dropFixtures);
const T = 'zz_conformance_items';

describe.skipIf(!fx.ok)(`REST writes${fx.ok ? '' : ` (skipped: ${fx.reason})`}`, () => {
	const svc = serviceClient();
	const anon = anonClient();
	let user: { id: string; client: SupabaseClient };
	let other: { id: string; client: SupabaseClient };
	let items: Awaited<ReturnType<typeof resetItems>>;

	beforeAll(async () => {
		user = await createTestUser();
		other = await createTestUser();
	});
	beforeEach(async () => {
		items = await resetItems();
	});
	const count = async () => (await svc.from(T).select('*', { count: 'exact', head: true })).count;

	it('insert without select returns 201 and no body (return=minimal)', async () => {
		const { data, error, status } = await svc.from(T).insert({ name: 'grape', qty: 2 });
		expect(error).toBeNull();
		expect(status).toBe(201);
		expect(data).toBeNull();
		expect(await count()).toBe(7);
	});

	it('insert with select returns the rows, defaults filled in', async () => {
		const { data, error, status } = await svc
			.from(T)
			.insert([{ name: 'grape' }, { name: 'honeydew', qty: 4, tags: ['green'] }], {
				defaultToNull: false
			})
			.select('name, qty, tags');
		expect(error).toBeNull();
		expect(status).toBe(201);
		expect(data).toEqual([
			{ name: 'grape', qty: 0, tags: [] },
			{ name: 'honeydew', qty: 4, tags: ['green'] }
		]);
	});

	it('insert().select().single() returns one object', async () => {
		const { data, error } = await svc
			.from(T)
			.insert({ name: 'kiwi', qty: 1 })
			.select('name, qty')
			.single();
		expect(error).toBeNull();
		expect(data).toEqual({ name: 'kiwi', qty: 1 });
	});

	it('rows with different keys: missing keys become null (or default with defaultToNull: false)', async () => {
		const a = await svc
			.from(T)
			.insert([
				{ name: 'm1', category: 'x' },
				{ name: 'm2', qty: 3 }
			])
			.select('name, category, qty')
			.order('name');
		expect(a.error?.code).toBe('23502'); // qty null violates not null: PostgREST sends explicit nulls
		const b = await svc
			.from(T)
			.insert(
				[
					{ name: 'm1', category: 'x' },
					{ name: 'm2', qty: 3 }
				],
				{ defaultToNull: false }
			)
			.select('name, category, qty');
		expect(b.error).toBeNull();
		expect(b.data).toEqual(
			expect.arrayContaining([
				{ name: 'm1', category: 'x', qty: 0 },
				{ name: 'm2', category: null, qty: 3 }
			])
		);
	});

	it('duplicate key is 409 23505 and inserts nothing from the batch', async () => {
		const { error, status } = await svc.from(T).insert([{ name: 'new-one' }, { name: 'apple' }]);
		expect(status).toBe(409);
		expect(error?.code).toBe('23505');
		expect(error?.details).toContain('apple');
		expect(await count()).toBe(6);
	});

	it('foreign key violation is 409 23503', async () => {
		const { error, status } = await svc.from('zz_conformance_children').insert({ item_id: 987654 });
		expect(status).toBe(409);
		expect(error?.code).toBe('23503');
	});

	it('check violation is 400 23514, not-null violation 400 23502', async () => {
		const c = await svc.from(T).insert({ name: 'neg', qty: -1 });
		expect(c.status).toBe(400);
		expect(c.error?.code).toBe('23514');
		const n = await svc.from(T).insert({ qty: 1 });
		expect(n.status).toBe(400);
		expect(n.error?.code).toBe('23502');
	});

	it('an unknown column in the payload is 400 PGRST204', async () => {
		const { error, status } = await svc.from(T).insert({ name: 'x', nope: 1 });
		expect(status).toBe(400);
		expect(error?.code).toBe('PGRST204');
	});

	it('upsert merges on the primary key or onConflict column', async () => {
		const apple = items.find((i) => i.name === 'apple')!;
		const a = await svc
			.from(T)
			.upsert({ id: apple.id, name: 'apple', qty: 50 })
			.select('name, qty');
		expect(a.error).toBeNull();
		expect(a.data).toEqual([{ name: 'apple', qty: 50 }]);
		const b = await svc
			.from(T)
			.upsert(
				[
					{ name: 'apple', qty: 51 },
					{ name: 'lime', qty: 2 }
				],
				{ onConflict: 'name' }
			)
			.select('name, qty')
			.order('name');
		expect(b.error).toBeNull();
		expect(b.data).toEqual([
			{ name: 'apple', qty: 51 },
			{ name: 'lime', qty: 2 }
		]);
		expect(await count()).toBe(7);
	});

	it('upsert with ignoreDuplicates keeps the existing row', async () => {
		const { data, error } = await svc
			.from(T)
			.upsert({ name: 'apple', qty: 99 }, { onConflict: 'name', ignoreDuplicates: true })
			.select('name, qty');
		expect(error).toBeNull();
		expect(data).toEqual([]);
		const { data: row } = await svc.from(T).select('qty').eq('name', 'apple').single();
		expect(row).toEqual({ qty: 5 });
	});

	it('update with filters returns the changed rows; no match returns []', async () => {
		const { data, error, status } = await svc
			.from(T)
			.update({ qty: 100 })
			.eq('category', 'vegetable')
			.select('name, qty')
			.order('name');
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toEqual([
			{ name: 'carrot', qty: 100 },
			{ name: 'eggplant', qty: 100 }
		]);
		const none = await svc.from(T).update({ qty: 1 }).eq('name', 'nope').select();
		expect(none.data).toEqual([]);
		const minimal = await svc.from(T).update({ qty: 2 }).eq('name', 'apple');
		expect(minimal.status).toBe(204);
	});

	it('update().single() touching two rows is 406 and changes nothing', async () => {
		const { error, status } = await svc
			.from(T)
			.update({ qty: 77 })
			.eq('category', 'vegetable')
			.select()
			.single();
		expect(status).toBe(406);
		expect(error?.code).toBe('PGRST116');
		const { data } = await svc.from(T).select('qty').eq('qty', 77);
		expect(data).toEqual([]);
	});

	it('delete with filters, with and without returning', async () => {
		const d = await svc.from(T).delete().eq('name', 'carrot').select('name');
		expect(d.error).toBeNull();
		expect(d.data).toEqual([{ name: 'carrot' }]);
		const m = await svc.from(T).delete().in('name', ['durian', 'eggplant']);
		expect(m.status).toBe(204);
		expect(await count()).toBe(3);
	});

	it('count on a mutation', async () => {
		const { count: n, error } = await svc
			.from(T)
			.delete({ count: 'exact' })
			.eq('category', 'fruit');
		expect(error).toBeNull();
		expect(n).toBe(3);
	});

	it('RLS: anon cannot insert (401 42501), a user inserts own rows only (403 otherwise)', async () => {
		const a = await anon.from(T).insert({ name: 'anon-row' });
		expect(a.status).toBe(401);
		expect(a.error?.code).toBe('42501');
		const own = await user.client
			.from(T)
			.insert({ name: 'mine' })
			.select('name, owner_id')
			.single();
		expect(own.error).toBeNull();
		expect(own.data).toEqual({ name: 'mine', owner_id: user.id });
		const forged = await user.client.from(T).insert({ name: 'theirs', owner_id: other.id });
		expect(forged.status).toBe(403);
		expect(forged.error?.code).toBe('42501');
	});

	it('RLS: update/delete silently match only visible+allowed rows', async () => {
		await user.client.from(T).insert({ name: 'mine' });
		const upd = await other.client.from(T).update({ qty: 9 }).eq('name', 'mine').select();
		expect(upd.error).toBeNull();
		expect(upd.data).toEqual([]);
		const del = await other.client.from(T).delete().eq('name', 'mine').select();
		expect(del.data).toEqual([]);
		const mine = await user.client.from(T).update({ qty: 9 }).eq('name', 'mine').select('qty');
		expect(mine.data).toEqual([{ qty: 9 }]);
	});

	it('insert-only policy: return=minimal works, returning rows needs SELECT (42501)', async () => {
		const ok = await anon.from('zz_conformance_inbox').insert({ body: 'hello' });
		expect(ok.error).toBeNull();
		expect(ok.status).toBe(201);
		const denied = await anon.from('zz_conformance_inbox').insert({ body: 'hello' }).select();
		expect(denied.status).toBe(401);
		expect(denied.error?.code).toBe('42501');
	});

	it('malformed JSON body is 400 PGRST102', async () => {
		const { standin } = await import('../helpers');
		const res = await fetch(`${standin().url}/rest/v1/${T}`, {
			method: 'POST',
			headers: {
				apikey: standin().serviceKey,
				authorization: `Bearer ${standin().serviceKey}`,
				'content-type': 'application/json'
			},
			body: '{"name": '
		});
		expect(res.status).toBe(400);
		expect((await res.json()).code).toBe('PGRST102');
		expect(await count()).toBe(6);
	});
});
