/** Conformance: what Supabase's database refuses on every PostgREST request — the per-role
 * statement time-outs (issue 16 item 1) and pg-safeupdate (item 2: UPDATE/DELETE without WHERE,
 * also inside functions). Runs against a real project too (fixtures.sql). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createTestUser, serviceClient } from '../helpers';
import { dropFixtures, ensureFixtures, resetItems } from './fixtures';

const fx = await ensureFixtures();
afterAll(dropFixtures);
const T = 'zz_conformance_items';

describe.skipIf(!fx.ok)(
	`Per-role statement time-outs${fx.ok ? '' : ` (skipped: ${fx.reason})`}`,
	() => {
		// Supabase sets `alter role anon set statement_timeout = '3s'` and authenticated '8s'
		// (supabase.com/docs/guides/database/postgres/timeouts, "Role-level timeouts"); PostgREST applies
		// the impersonated role's settings in each request's transaction
		// (docs.postgrest.org references/transactions.rst, "Impersonated Role Settings") and maps
		// 57014 (57*, operator intervention) to 500 (references/errors.rst, PostgREST 14 Error.hs).
		it('anon: a statement over 3 s is cancelled → 500 57014', async () => {
			const { data, error, status } = await anonClient().rpc('zz_conformance_sleep', { secs: 3.6 });
			expect(data).toBeNull();
			expect(status).toBe(500);
			expect(error).toMatchObject({
				code: '57014',
				message: 'canceling statement due to statement timeout'
			});
		}, 20_000);

		it('authenticated: the same statement runs (8 s)', async () => {
			const u = await createTestUser();
			const { data, error, status } = await u.client.rpc('zz_conformance_sleep', { secs: 3.6 });
			expect(error).toBeNull();
			expect(status).toBe(200);
			expect(data).toBe(1);
		}, 20_000);
	}
);

describe.skipIf(!fx.ok)(`pg-safeupdate${fx.ok ? '' : ` (skipped: ${fx.reason})`}`, () => {
	// pg-safeupdate (github.com/eradman/pg-safeupdate safeupdate.c) refuses at parse analysis any
	// UPDATE/DELETE whose jointree has no quals: errcode 21000 (cardinality_violation), message
	// "UPDATE requires a WHERE clause". Supabase loads it for PostgREST's `authenticator` role, so
	// every role is affected, service_role included. PostgREST 14 maps 21000 with that message
	// suffix to 400 (Error.hs pgErrorStatus), any other 21000 to 500.
	const svc = serviceClient();
	let ids: number[] = [];
	beforeAll(async () => {
		ids = (await resetItems()).map((r) => r.id);
	});
	const count = async (t: string) =>
		(await svc.from(t).select('*', { count: 'exact', head: true })).count;

	it('update() without a filter → 400 21000, nothing changed', async () => {
		const { error, status } = await svc.from(T).update({ qty: 1 });
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: '21000', message: 'UPDATE requires a WHERE clause' });
		const { data } = await svc.from(T).select('qty').eq('qty', 1);
		expect(data).toHaveLength(1); // durian only, as in ITEMS
	});

	it('delete() without a filter → 400 21000, nothing deleted', async () => {
		const { error, status } = await svc.from(T).delete();
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: '21000', message: 'DELETE requires a WHERE clause' });
		expect(await count(T)).toBe(6);
	});

	it('any filter is a WHERE clause: update().gte(id, 0) changes every row', async () => {
		const { data, error } = await svc.from(T).update({ qty: 2 }).gte('id', 0).select('qty');
		expect(error).toBeNull();
		expect(data).toHaveLength(ids.length);
	});

	it('inside a function: DELETE without WHERE → 400 21000 and rolled back; WHERE true passes', async () => {
		await anonClient().rpc('zz_conformance_log', { p_name: 'apple' });
		const before = await count('zz_conformance_children');
		expect(before).toBeGreaterThan(0);
		const { error, status } = await anonClient().rpc('zz_conformance_wipe');
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: '21000', message: 'DELETE requires a WHERE clause' });
		expect(await count('zz_conformance_children')).toBe(before);
		const ok = await anonClient().rpc('zz_conformance_wipe_all');
		expect(ok.error).toBeNull();
		expect(await count('zz_conformance_children')).toBe(0);
	});
});
