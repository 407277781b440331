/** Fuzz: a few thousand random requests (seeded, so a failure reproduces with the same
 * FUZZ_SEED) — random paths, query strings, headers, bodies and raw malformed HTTP — then the
 * stand-in must still answer, never have answered with an internal error, and the fixture rows
 * must be unchanged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { createTestUser, isStandIn, serviceClient, standin } from './helpers';
import { dropFixtures, ensureFixtures, resetItems } from './conformance/fixtures';

const fx = await ensureFixtures();
afterAll(dropFixtures);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const COUNT = Number(process.env.FUZZ_COUNT ?? 2500);

/** mulberry32: tiny, fast, seedable. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const snapshot = async () =>
	(
		await serviceClient()
			.from('zz_conformance_items')
			.select('id, name, category, qty, price, tags, data, owner_id')
			.is('owner_id', null)
			.order('id')
	).data;

describe.skipIf(!fx.ok || !isStandIn())(
	`fuzz (seed ${SEED})${isStandIn() ? '' : ' (skipped: only against the stand-in)'}`,
	() => {
		let userToken = '';
		beforeAll(async () => {
			await resetItems();
			const u = await createTestUser();
			userToken = (await u.client.auth.getSession()).data.session!.access_token;
		});

		it(`survives ${COUNT} random requests and changes nothing it must not`, async () => {
			const before = await snapshot();
			const rnd = prng(SEED);
			const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
			const { url, anonKey } = standin();
			const cols = [
				'id',
				'name',
				'qty',
				'price',
				'tags',
				'data',
				'data->>origin',
				'category',
				'nope',
				'"quoted"',
				'',
				'*',
				'a.b',
				'x(y)'
			];
			const ops = [
				'eq',
				'neq',
				'gt',
				'lt',
				'gte',
				'like',
				'ilike',
				'in',
				'is',
				'cs',
				'ov',
				'fts',
				'match',
				'bogus',
				'not.eq',
				'not.in',
				'eq(any)'
			];
			const vals = [
				'1',
				'-1',
				'abc',
				'',
				'null',
				'true',
				'(1,2)',
				'("a,b",c)',
				'{x,y}',
				'%',
				"'; drop table zz_conformance_items; --",
				'\u0000',
				'😀',
				'é'.repeat(50),
				'9'.repeat(40),
				'[1,2)',
				'{"a":1}',
				')',
				'((',
				'"'
			];
			const paths = [
				'/rest/v1/zz_conformance_items',
				'/rest/v1/zz_conformance_view',
				'/rest/v1/zz_conformance_locked',
				'/rest/v1/nope',
				'/rest/v1/rpc/zz_conformance_add',
				'/rest/v1/rpc/zz_conformance_by_category',
				'/rest/v1/rpc/zz_conformance_fail',
				'/rest/v1/rpc/zz_conformance_log',
				'/rest/v1/rpc/nope',
				'/rest/v1/',
				'/rest/v1/a/b/c',
				'/rest/v1/%ZZ',
				'/auth/v1/token?grant_type=password',
				'/auth/v1/token?grant_type=refresh_token',
				'/auth/v1/user',
				'/auth/v1/signup',
				'/auth/v1/otp',
				'/auth/v1/verify',
				'/auth/v1/admin/users',
				'/auth/v1/logout',
				'/auth/v1/nope',
				'/storage/v1/bucket',
				'/storage/v1/bucket/zz-conformance',
				'/storage/v1/object/zz-conformance/x/y.txt',
				'/storage/v1/object/list/zz-conformance',
				'/storage/v1/object/sign/zz-conformance/x.txt?token=abc',
				'/storage/v1/object/zz-conformance',
				'/storage/v1/object/public/zz-conformance/a',
				'/__standin/sql',
				'/nope'
			];
			const methods = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'HEAD', 'OPTIONS'];
			const bodies = [
				() => '',
				() => '{',
				() => 'null',
				() => '[]',
				() => '[{}]',
				() => '{}',
				() => '"str"',
				() => '12',
				() => JSON.stringify({ name: 'fuzz', qty: Math.floor(rnd() * 10) }),
				() => JSON.stringify([{ name: pick(vals) }, { nope: 1 }]),
				() =>
					JSON.stringify({
						a: pick(vals),
						b: pick(vals),
						cat: pick(vals),
						code: pick(vals),
						p_name: 'apple'
					}),
				() =>
					JSON.stringify({
						email: pick(['admin@thads.local', 'x@y', '', 'a'.repeat(300)]),
						password: pick(vals)
					}),
				() =>
					JSON.stringify({
						prefixes: [pick(vals)],
						prefix: pick(vals),
						limit: pick([-1, 0, 1e9, 'x'])
					}),
				() =>
					JSON.stringify({
						refresh_token: pick(vals),
						type: pick(['email', 'sms', 'x']),
						token: pick(vals)
					}),
				() => 'x'.repeat(Math.floor(rnd() * 70000)),
				() => JSON.stringify({ deep: JSON.parse('['.repeat(200) + ']'.repeat(200)) }),
				() => '--b\r\ncontent-disposition: form-data; name=""; filename="a"\r\n\r\nabc\r\n--b--'
			];
			const tokens = [
				() => anonKey,
				() => userToken,
				() => 'garbage',
				() => `${anonKey.slice(0, -2)}xx`,
				() => '',
				() => 'a.b.c',
				() => userToken.split('.').slice(0, 2).join('.') + '.'
			];

			let internal = 0;
			const statuses = new Map<number, number>();
			const failures: string[] = [];
			async function one(i: number) {
				const path = pick(paths);
				const q = new URLSearchParams();
				const nParams = Math.floor(rnd() * 5);
				for (let k = 0; k < nParams; k++) {
					const r = rnd();
					if (r < 0.15)
						q.append(
							'select',
							Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(cols)).join(',')
						);
					else if (r < 0.3)
						q.append('order', `${pick(cols)}.${pick(['asc', 'desc', 'nullsfirst', 'x'])}`);
					else if (r < 0.4)
						q.append(
							pick(['limit', 'offset']),
							pick(['1', '-5', 'x', '99999999999999999999', '0'])
						);
					else if (r < 0.55)
						q.append(
							pick(['or', 'and', 'not.or']),
							`(${pick(cols)}.${pick(ops)}.${pick(vals)},${pick(cols)}.${pick(ops)}.${pick(vals)})`
						);
					else if (r < 0.6) q.append(pick(['on_conflict', 'columns']), pick(cols));
					else q.append(pick(cols) || 'id', `${pick(ops)}.${pick(vals)}`);
				}
				const sep = path.includes('?') ? '&' : '?';
				const target = `${url}${path}${q.size ? sep + q.toString() : ''}`;
				const method = pick(methods);
				const headers: Record<string, string> = {};
				if (rnd() < 0.9) headers.apikey = rnd() < 0.95 ? anonKey : 'wrong-key';
				if (rnd() < 0.7) headers.authorization = `Bearer ${pick(tokens)()}`;
				if (rnd() < 0.4)
					headers.prefer = pick([
						'return=representation',
						'count=exact',
						'resolution=merge-duplicates',
						'return=minimal,count=exact',
						'missing=default',
						'tx=rollback',
						'garbage'
					]);
				if (rnd() < 0.3)
					headers.accept = pick([
						'application/vnd.pgrst.object+json',
						'text/csv',
						'application/xml',
						'*/*',
						'application/json;nulls=stripped',
						''
					]);
				if (rnd() < 0.2) headers.range = pick(['0-1', '5-2', 'x', '0-', '99999999999999999999-1']);
				if (rnd() < 0.3)
					headers['content-type'] = pick([
						'application/json',
						'text/plain',
						'multipart/form-data; boundary=b',
						'image/png',
						'application/x-www-form-urlencoded'
					]);
				if (rnd() < 0.1) headers['x-upsert'] = 'true';
				if (rnd() < 0.05) headers['accept-profile'] = pick(['public', 'auth', 'storage']);
				const hasBody = method !== 'GET' && method !== 'HEAD';
				try {
					const res = await fetch(target, {
						method,
						headers,
						body: hasBody ? pick(bodies)() : undefined
					});
					statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
					const text = await res.text();
					if (res.status >= 500 && res.status !== 501 && res.status !== 504) {
						internal++;
						if (failures.length < 12)
							failures.push(`#${i} ${method} ${target} → ${res.status} ${text.slice(0, 200)}`);
					}
				} catch (e) {
					internal++;
					if (failures.length < 5)
						failures.push(`#${i} ${method} ${target} → fetch failed: ${(e as Error).message}`);
				}
			}
			const concurrency = 8;
			let next = 0;
			await Promise.all(
				Array.from({ length: concurrency }, async () => {
					while (next < COUNT) await one(next++);
				})
			);

			// Raw malformed HTTP and oversized headers on sockets.
			const port = Number(new URL(url).port);
			const raws = [
				'GARBAGE\r\n\r\n',
				'GET / HTTP/9.9\r\n\r\n',
				`GET /rest/v1/x HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40000)}\r\n\r\n`,
				'POST /rest/v1/zz_conformance_items HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a"'
			];
			for (const raw of raws) {
				await new Promise<void>((resolve) => {
					const s = net.connect(port, '127.0.0.1', () => s.end(raw));
					s.on('data', () => {});
					s.on('close', () => resolve());
					s.on('error', () => resolve());
					s.setTimeout(2000, () => s.destroy());
				});
			}

			expect(
				failures,
				`internal errors (first ${failures.length}); statuses ${JSON.stringify([...statuses])}`
			).toEqual([]);
			expect(internal).toBe(0);
			const health = await fetch(`${url}/health`);
			expect(health.status).toBe(200);
			const after = await snapshot();
			expect(after).toEqual(before);
			// And the API still works normally.
			const ok = await serviceClient()
				.from('zz_conformance_items')
				.select('name')
				.eq('name', 'apple')
				.single();
			expect(ok.data).toEqual({ name: 'apple' });
		}, 300_000);
	}
);
