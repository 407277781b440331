/** Conformance: the gateway and PostgREST's JWT handling and wording (issue 16 items 12, 13), as
 * PostgREST 14 writes them (src/PostgREST/Error.hs, Auth/Jwt.hs, ApiRequest/Payload.hs). Runs
 * against a real project too; the cases that sign a token need SUPABASE_JWT_SECRET there. */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { anonClient, serviceClient, standin } from '../helpers';
import { dropFixtures, ensureFixtures, resetItems } from './fixtures';

const fx = await ensureFixtures();
afterAll(dropFixtures);
const T = 'zz_conformance_items';

/** An HS256 token signed with `secret`. */
function sign(claims: Record<string, unknown>, secret: string) {
	const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
	const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
	return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}
const exp = () => Math.floor(Date.now() / 1000) + 600;

describe.skipIf(!fx.ok)(`Gateway and JWT${fx.ok ? '' : ` (skipped: ${fx.reason})`}`, () => {
	beforeEach(async () => {
		await resetItems();
	});
	const get = (headers: Record<string, string>) =>
		fetch(`${standin().url}/rest/v1/${T}?select=name&limit=1`, { headers });

	it('Authorization: Bearer with an empty token → 401 PGRST301', async () => {
		const res = await get({ apikey: standin().anonKey, authorization: 'Bearer ' });
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({
			code: 'PGRST301',
			message: 'Empty JWT is sent in Authorization header'
		});
		expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
	});

	it('a token with a wrong signature → 401 PGRST301 "No suitable key or wrong key type"', async () => {
		const res = await get({
			apikey: standin().anonKey,
			authorization: `Bearer ${sign({ role: 'anon', exp: exp() }, 'not-the-secret-not-the-secret-xx')}`
		});
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({
			code: 'PGRST301',
			message: 'No suitable key or wrong key type'
		});
	});

	it.skipIf(!standin().jwtSecret)('a JWT role the database does not know → 401 22023', async () => {
		const res = await get({
			apikey: standin().anonKey,
			authorization: `Bearer ${sign({ role: 'nobody_at_all', exp: exp() }, standin().jwtSecret)}`
		});
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({
			code: '22023',
			message: 'role "nobody_at_all" does not exist'
		});
	});

	it('a form-urlencoded POST inserts like a JSON object', async () => {
		const res = await fetch(`${standin().url}/rest/v1/${T}`, {
			method: 'POST',
			headers: {
				apikey: standin().serviceKey,
				authorization: `Bearer ${standin().serviceKey}`,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ name: 'kiwi, gold', qty: '3' }).toString()
		});
		expect(res.status).toBe(201);
		const { data } = await serviceClient().from(T).select('name, qty').eq('name', 'kiwi, gold');
		expect(data).toEqual([{ name: 'kiwi, gold', qty: 3 }]);
	});

	it("PGRST202's message and details are PostgREST 14's", async () => {
		const post = (fn: string, body: object) =>
			fetch(`${standin().url}/rest/v1/rpc/${fn}`, {
				method: 'POST',
				headers: { apikey: standin().anonKey, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		const one = await post('zz_conformance_add', { x: 1 });
		expect(one.status).toBe(404);
		expect(await one.json()).toMatchObject({
			code: 'PGRST202',
			message: 'Could not find the function public.zz_conformance_add(x) in the schema cache',
			details:
				'Searched for the function public.zz_conformance_add with parameter x or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.'
		});
		const none = await post('zz_conformance_nope', {});
		expect(await none.json()).toMatchObject({
			code: 'PGRST202',
			message:
				'Could not find the function public.zz_conformance_nope without parameters in the schema cache',
			details:
				'Searched for the function public.zz_conformance_nope without parameters or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.'
		});
		const viaGet = await fetch(`${standin().url}/rest/v1/rpc/zz_conformance_add?x=1&y=2`, {
			headers: { apikey: standin().anonKey }
		});
		expect((await viaGet.json()).details).toBe(
			'Searched for the function public.zz_conformance_add with parameters x, y, but no matches were found in the schema cache.'
		);
	});

	it('PGRST202 hints: the closest function name, or the closest parameter list (Error.hs noRpcHint)', async () => {
		const byName = await anonClient().rpc('zz_conformance_ad', { a: 1 });
		expect(byName.status).toBe(404);
		expect(byName.error).toMatchObject({
			code: 'PGRST202',
			hint: 'Perhaps you meant to call the function public.zz_conformance_add'
		});
		const byParams = await anonClient().rpc('zz_conformance_add', { a: 1, c: 2 });
		expect(byParams.error).toMatchObject({
			code: 'PGRST202',
			message: 'Could not find the function public.zz_conformance_add(a, c) in the schema cache',
			hint: 'Perhaps you meant to call the function public.zz_conformance_add(a, b)'
		});
		const far = await anonClient().rpc('qqqqqqqqqqqq');
		expect(far.error).toMatchObject({ code: 'PGRST202', hint: null });
	});

	it('PGRST205 hints the closest table or view (Error.hs tableNotFoundHint, minimum score 0.75)', async () => {
		const near = await anonClient().from('zz_conformance_item').select();
		expect(near.status).toBe(404);
		expect(near.error).toEqual({
			code: 'PGRST205',
			details: null,
			hint: "Perhaps you meant the table 'public.zz_conformance_items'",
			message: "Could not find the table 'public.zz_conformance_item' in the schema cache"
		});
		const far = await anonClient().from('qqqqqqqqqqqq').select();
		expect(far.error).toMatchObject({ code: 'PGRST205', hint: null });
	});

	it('ambiguous overloads → 300 PGRST203 naming only the candidates that match', async () => {
		const { error, status } = await anonClient().rpc('zz_conformance_over', { a: 1 });
		expect(status).toBe(300);
		expect(error).toMatchObject({
			code: 'PGRST203',
			message:
				'Could not choose the best candidate function between: public.zz_conformance_over(a => integer), public.zz_conformance_over(a => text)'
		});
		const b = await anonClient().rpc('zz_conformance_over', { b: 1 });
		expect(b.data).toBe('b');
	});

	it("PGRST116's wording is PostgREST 14's", async () => {
		const { error, status } = await anonClient().from(T).select().eq('name', 'nope').single();
		expect(status).toBe(406);
		expect(error).toMatchObject({
			code: 'PGRST116',
			message: 'Cannot coerce the result to a single JSON object',
			details: 'The result contains 0 rows'
		});
	});
});

describe('request bodies', () => {
	it('JSON nested 5,000 levels deep → 400, not 500 (issue 16 item 15)', async () => {
		const deep = '['.repeat(5000) + ']'.repeat(5000);
		const res = await fetch(`${standin().url}/rest/v1/rpc/zz_conformance_add`, {
			method: 'POST',
			headers: {
				apikey: standin().anonKey,
				'content-type': 'application/json'
			},
			body: `{"a": ${deep}}`
		});
		expect(res.status).toBe(400);
	});
});
