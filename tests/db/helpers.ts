// Clients for database tests. Every client talks HTTP to the stand-in (or a real Supabase project)
// through the real supabase-js, so RLS, grants and errors are exercised exactly as the app meets them.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { inject } from 'vitest';
import { createHmac, randomInt, randomUUID } from 'node:crypto';

const DEMO_PASSWORD = 'Thads@2026';

/** Connection details provided by tests/db/global-setup.ts. */
export const standin = () => inject('standin');

/** True when the tests run against the stand-in (so /__standin/sql fixtures are available). */
export const isStandIn = () => standin().target !== 'supabase';

const options = {
	auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
} as const;

/** A random public address (198.18.0.0/15 is for benchmarks, 2001:db8::/32 for documentation). */
export function randomClientAddress(): string {
	return randomInt(2) === 0
		? `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(1, 255)}`
		: `2001:db8:${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}::${randomInt(1, 65536).toString(16)}`;
}

/** The x-thads-client header the app sends: `<address>;<unix seconds>;<hmac>` (see src/lib/server). */
export function signClientAddress(address: string, key = standin().clientAddressKey): string {
	const ts = Math.floor(Date.now() / 1000);
	const sig = createHmac('sha256', key).update(`${address};${ts}`).digest('hex');
	return `${address};${ts};${sig}`;
}

/**
 * A client with the anon key and no session: a citizen without an account, calling through the app
 * (every request carries a signed client address, as the app's server sends it). `address`: one
 * fixed address for every request (a single citizen's phone); default a new random public address
 * per request (many citizens), so per-client limits do not couple unrelated tests.
 * `address: null` sends no header (a direct caller of the public REST API).
 */
export function anonClient(opts: { address?: string | null } = {}): SupabaseClient {
	const s = standin();
	if (opts.address === null) return createClient(s.url, s.anonKey, options);
	const fixed = opts.address;
	return createClient(s.url, s.anonKey, {
		...options,
		global: {
			fetch: (input, init) => {
				const headers = new Headers(init?.headers);
				headers.set('x-thads-client', signClientAddress(fixed ?? randomClientAddress()));
				return fetch(input, { ...init, headers });
			}
		}
	});
}

/** A client with the service-role key: bypasses RLS (fixtures, assertions on raw rows). */
export function serviceClient(): SupabaseClient {
	const s = standin();
	return createClient(s.url, s.serviceKey, options);
}

/**
 * Sign-in requests as the app makes them for a browser: the secret (service-role) key plus
 * `Sb-Forwarded-For: <the browser's address>`, so Auth limits per staff member's address and not
 * per test process (GoTrue counts every /token request per IP). Default: a new random address.
 */
export function forwardingAuthClient(address: string = randomClientAddress()): SupabaseClient {
	const s = standin();
	return createClient(s.url, s.serviceKey, {
		...options,
		global: { headers: { 'sb-forwarded-for': address } }
	});
}

/**
 * A client signed in as `email` (demo users from supabase/seed.sql share DEMO_PASSWORD).
 * Throws with GoTrue's message when sign-in fails, so a broken seed is obvious.
 */
export async function signIn(email: string, password = DEMO_PASSWORD): Promise<SupabaseClient> {
	const { data, error } = await forwardingAuthClient().auth.signInWithPassword({
		email,
		password
	});
	if (error || !data.session)
		throw new Error(`signIn(${email}) failed: ${error?.code ?? ''} ${error?.message}`);
	const client = anonClient();
	const set = await client.auth.setSession(data.session);
	if (set.error) throw new Error(`signIn(${email}): setSession failed: ${set.error.message}`);
	return client;
}

/**
 * A new confirmed user (a citizen with an account, or a staff member once a test links it to
 * public.staff), signed in.
 */
export async function createTestUser(
	opts: { email?: string; password?: string; appMetadata?: Record<string, unknown> } = {}
): Promise<{ id: string; email: string; password: string; client: SupabaseClient }> {
	const email = opts.email ?? `test-${randomUUID().slice(0, 12)}@example.test`;
	const password = opts.password ?? `Pw-${randomUUID()}`;
	const { data, error } = await serviceClient().auth.admin.createUser({
		email,
		password,
		email_confirm: true,
		app_metadata: opts.appMetadata
	});
	if (error || !data.user) throw new Error(`createTestUser(${email}) failed: ${error?.message}`);
	return { id: data.user.id, email, password, client: await signIn(email, password) };
}

/**
 * Run SQL as the database owner through the stand-in's test-only endpoint (POST /__standin/sql,
 * enabled by global-setup). Not available against a real Supabase project: guard with isStandIn().
 * With params, returns the rows of that single statement; without, runs a multi-statement script.
 */
export async function sql<T = Record<string, unknown>>(
	text: string,
	params?: unknown[]
): Promise<T[]> {
	const s = standin();
	if (s.target === 'supabase')
		throw new Error('sql() needs the stand-in (/__standin/sql); skip this test on a real project');
	const res = await fetch(`${s.url}/__standin/sql`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			apikey: s.serviceKey,
			authorization: `Bearer ${s.serviceKey}`
		},
		body: JSON.stringify(params ? { sql: text, params } : { sql: text })
	});
	const body = await res.json();
	if (!res.ok) throw new Error(`sql() failed: ${body.code} ${body.message}`);
	return body.rows as T[];
}

/** Messages the stand-in "sent" (OTP codes…), newest first. */
export async function mailbox(
	recipient?: string
): Promise<
	Array<{ id: number; recipient: string; subject: string; body: string; channel: string }>
> {
	const s = standin();
	const q = recipient ? `?recipient=${encodeURIComponent(recipient)}` : '';
	const res = await fetch(`${s.url}/__standin/mailbox${q}`, {
		headers: { apikey: s.serviceKey, authorization: `Bearer ${s.serviceKey}` }
	});
	if (!res.ok) throw new Error(`mailbox() failed: HTTP ${res.status}`);
	return res.json();
}

/**
 * A draft attachment of an online application as the app server stores it (metadata only; no
 * object needed). Returns its id.
 */
export async function draftAttachment(
	key: string,
	name = 'don.pdf',
	client: SupabaseClient = serviceClient()
): Promise<string> {
	const { data, error } = await client
		.from('attachments')
		.insert({
			owner_kind: 'application',
			draft_key: key,
			path: `application/${key}/${randomUUID()}.pdf`,
			file_name: name,
			mime_type: 'application/pdf',
			size_bytes: 100
		})
		.select('id')
		.single();
	if (error) throw error;
	return data.id as string;
}

/**
 * A test office open every day, all day, 10 places per 30-minute slot: slots are always bookable
 * whatever the hour the suite runs (public holidays aside, which the rules exclude). Returns its id.
 */
export async function allDayOffice(
	service: SupabaseClient,
	prefix: string,
	name: string,
	address: string
): Promise<string> {
	const { data: unit, error } = await service
		.from('units')
		.insert({
			level: 'khu_vuc',
			code: `${prefix}-${randomUUID().slice(0, 6).toUpperCase()}`,
			name,
			address
		})
		.select('id')
		.single();
	if (error) throw error;
	const ins = await service.from('reception_schedules').insert(
		[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
			unit_id: unit.id,
			weekday,
			start_time: '00:00',
			end_time: '23:30',
			slot_minutes: 30,
			capacity: 10
		}))
	);
	if (ins.error) throw ins.error;
	return unit.id as string;
}

/** The refusal of a call: the coded message of a P0001 raise, else the SQL state; undefined when it succeeded. */
export async function refusalOf(
	call: PromiseLike<{ error: { code?: string; message?: string } | null }>
): Promise<string | undefined> {
	const { error } = await call;
	return error?.code === 'P0001' ? error.message : error?.code;
}
