/** Tracking codes: format, resolving with the right / wrong secret, lockout after 5 wrong secrets. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, isStandIn, randomClientAddress, serviceClient, sql } from './helpers';

// bcrypt hash of the secret 'ABCD2345', made with extensions.crypt(…, gen_salt('bf')) — the same
// scheme private.issue_tracking_code() uses, so resolve_tracking_code() verifies it.
const SECRET = 'ABCD2345';
const SECRET_HASH = '$2a$06$4iasA3pa722ZUCFI4w52VO/d0aVd6HyVmbWqkJPhO89vf/WhpLKyK';
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

let anon: SupabaseClient;
let service: SupabaseClient;

function randomCode(prefix: 'KN' | 'LH' | 'HS') {
	const pick = () =>
		Array.from({ length: 4 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');
	return `${prefix}-${pick()}-${pick()}`;
}

async function newCode(kind: 'complaint' | 'booking' | 'application' = 'complaint') {
	const code = randomCode(kind === 'complaint' ? 'KN' : kind === 'booking' ? 'LH' : 'HS');
	const ref_id = crypto.randomUUID();
	const { error } = await service
		.from('tracking_codes')
		.insert({ code, secret_hash: SECRET_HASH, kind, ref_id });
	expect(error).toBeNull();
	return { code, ref_id, kind };
}

async function resolve(code: string, secret: string) {
	const { data, error } = await anon.rpc('resolve_tracking_code', { code, secret });
	expect(error).toBeNull();
	return data as { kind: string; ref_id: string }[];
}

beforeAll(() => {
	anon = anonClient();
	service = serviceClient();
});

describe('code format', () => {
	it.runIf(isStandIn())(
		'private.issue_tracking_code issues KN-/LH-/HS- codes and 8-character secrets',
		async () => {
			const pattern = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
			for (const [kind, prefix] of [
				['complaint', 'KN'],
				['booking', 'LH'],
				['application', 'HS']
			] as const) {
				const ref = crypto.randomUUID();
				const [row] = await sql<{ code: string; secret: string }>(
					'select * from private.issue_tracking_code($1, $2)',
					[kind, ref]
				);
				expect(row!.code.slice(0, 3)).toBe(`${prefix}-`);
				expect(row!.code.slice(3)).toMatch(pattern);
				expect(row!.secret).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
				expect(await resolve(row!.code, row!.secret)).toEqual([{ kind, ref_id: ref }]);
				const [stored] = await sql<{ secret_hash: string }>(
					'select secret_hash from public.tracking_codes where code = $1',
					[row!.code]
				);
				expect(stored!.secret_hash).not.toContain(row!.secret);
			}
		}
	);

	it.runIf(isStandIn())('refuses an unknown kind', async () => {
		await expect(
			sql(`select * from private.issue_tracking_code('other', gen_random_uuid())`)
		).rejects.toThrow(/invalid_tracking_kind/);
	});

	it('accepts KN-/LH-/HS- codes over the alphabet without look-alikes', async () => {
		for (const kind of ['complaint', 'booking', 'application'] as const) await newCode(kind);
	});

	it('rejects codes with look-alike characters (0 O 1 I L) or a wrong prefix', async () => {
		for (const code of [
			'KN-0000-2222',
			'KN-OOOO-2222',
			'KN-1111-2222',
			'KN-IIII-2222',
			'KN-LLLL-2222',
			'XX-2222-2222',
			'KN-2222-222'
		]) {
			const { error } = await service
				.from('tracking_codes')
				.insert({ code, secret_hash: SECRET_HASH, kind: 'complaint', ref_id: crypto.randomUUID() });
			expect(error?.code, code).toBe('23514');
		}
	});
});

describe('resolve_tracking_code', () => {
	it('returns kind and ref_id for the right secret', async () => {
		const c = await newCode('booking');
		expect(await resolve(c.code, SECRET)).toEqual([{ kind: 'booking', ref_id: c.ref_id }]);
	});

	it('accepts what a citizen types: lower case, spaces, no dashes', async () => {
		const c = await newCode();
		const typed = ` ${c.code.toLowerCase().replace(/-/g, ' ')} `;
		expect(await resolve(typed, SECRET.toLowerCase())).toHaveLength(1);
		expect(await resolve(c.code.replace(/-/g, ''), SECRET)).toHaveLength(1);
	});

	it('returns nothing (and no error) for a wrong secret or an unknown code', async () => {
		const c = await newCode();
		expect(await resolve(c.code, 'WXYZ2345')).toEqual([]);
		expect(await resolve(randomCode('KN'), SECRET)).toEqual([]);
		expect(await resolve('', '')).toEqual([]);
	});

	it('locks a code for one client for 15 minutes after 5 wrong secrets, even against the right one', async () => {
		const c = await newCode();
		const guesser = anonClient({ address: randomClientAddress() });
		const tryAs = async (client: SupabaseClient, secret: string) =>
			(await client.rpc('resolve_tracking_code', { code: c.code, secret })).data as unknown[];
		for (let i = 0; i < 4; i++) expect(await tryAs(guesser, 'WRNG2345')).toEqual([]);
		expect(await tryAs(guesser, SECRET), 'right secret after 4 misses still works').toHaveLength(1);
		expect(await tryAs(guesser, 'WRNG2345')).toEqual([]);
		expect(await tryAs(guesser, SECRET), 'locked for this client').toEqual([]);
		// The lock is this client's: the owner's own phone still gets in (security issue 12, item 9).
		expect(await tryAs(anonClient(), SECRET)).toHaveLength(1);
		if (!isStandIn()) return;
		// The code is new, so the only window for it is the one this test's misses opened; it is
		// still in force by the database's clock (no bound on this machine's clock or speed).
		const [row] = await sql<{ open: boolean }>(
			`select now() < window_start + interval '15 minutes' as open
			   from private.rate_limits where bucket = 'tracking_fail_code_client' and key like $1 || '|%'`,
			[c.code]
		);
		expect(row!.open).toBe(true);
	});

	it.runIf(isStandIn())('works again once the lock has expired', async () => {
		const c = await newCode();
		const guesser = anonClient({ address: randomClientAddress() });
		for (let i = 0; i < 5; i++)
			await guesser.rpc('resolve_tracking_code', { code: c.code, secret: 'WRNG2345' });
		expect(
			(await guesser.rpc('resolve_tracking_code', { code: c.code, secret: SECRET })).data
		).toEqual([]);
		await sql(
			`update private.rate_limits set window_start = window_start - interval '16 minutes'
			  where bucket = 'tracking_fail_code_client' and key like $1 || '|%'`,
			[c.code]
		);
		expect(
			(await guesser.rpc('resolve_tracking_code', { code: c.code, secret: SECRET })).data
		).toHaveLength(1);
	});

	it('keeps the table itself out of reach of anon', async () => {
		const { error } = await anon.from('tracking_codes').select('code');
		expect(error?.code).toBe('42501');
	});
});
