/**
 * Supabase clients for server code only (this folder never reaches the browser).
 *
 * - `createAnonClient()`: the public anon key; what an anonymous citizen may do (RLS + SQL functions
 *   that check a tracking code and secret).
 * - `createUserClient(accessToken)`: anon key + a signed-in staff member's JWT, so RLS sees
 *   `auth.uid()`. hooks.server.ts puts one in `event.locals.supabase` for every request.
 * - `createAuthClient()`: Supabase Auth only (sign-in, refresh, two-factor steps) on behalf of the
 *   browser of the current request, with that browser's address in `Sb-Forwarded-For` so Auth's
 *   per-IP limits apply per staff member, not to the app server's one address.
 * - `createServiceClient()`: the service-role key, which bypasses RLS. Only for storage writes after
 *   the app has validated a file, and for processing the notifications outbox. Never for reads a
 *   user asked for.
 *
 * Anon and user clients sign the citizen's address into every request (./client-address.ts), so
 * the database's per-client abuse limits key on the real client, not on anything in the body.
 *
 * Sessions are never persisted by supabase-js here: tokens live in httpOnly cookies (see auth.ts).
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { env as publicEnv } from '$env/dynamic/public';
import { env } from '$env/dynamic/private';
import { currentClientAddress, fetchWithClientAddress } from './client-address';

/**
 * The generated schema with one correction: postgres-meta types every SQL function argument as
 * non-null, but SQL passes null to any parameter and our functions check their inputs themselves.
 */
type NullableArgs<F> = {
	[K in keyof F]: {
		[P in keyof F[K]]: P extends 'Args'
			? F[K][P] extends Record<string, unknown>
				? { [A in keyof F[K][P]]: F[K][P][A] | null }
				: F[K][P]
			: F[K][P];
	};
};
type TypedDatabase = {
	[S in keyof Database]: S extends 'public'
		? {
				[P in keyof Database['public']]: P extends 'Functions'
					? NullableArgs<Database['public']['Functions']>
					: Database['public'][P];
			}
		: Database[S];
};

/** Every client is typed by the generated schema, so table names, rpc() names and arguments are checked. */
export type Db = SupabaseClient<TypedDatabase>;

const serverAuth = {
	persistSession: false,
	autoRefreshToken: false,
	detectSessionInUrl: false
} as const;

function config(): { url: string; anonKey: string } {
	const url = publicEnv.PUBLIC_SUPABASE_URL;
	const anonKey = publicEnv.PUBLIC_SUPABASE_ANON_KEY;
	if (!url || !anonKey) {
		throw new Error('PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY must be set (see README).');
	}
	return { url, anonKey };
}

/**
 * A client with the anon key only: what any visitor may do. `headers`: extra request headers the
 * database reads (e.g. `x-thads-messages`, the message channels chosen with a filing).
 */
export function createAnonClient(headers?: Record<string, string>): Db {
	const { url, anonKey } = config();
	return createClient<TypedDatabase>(url, anonKey, {
		auth: serverAuth,
		global: { fetch: fetchWithClientAddress, ...(headers ? { headers } : {}) }
	});
}

/** A client acting as the holder of `accessToken` (a staff member); anon when the token is null. */
export function createUserClient(accessToken: string | null | undefined): Db {
	const { url, anonKey } = config();
	return createClient<TypedDatabase>(url, anonKey, {
		auth: serverAuth,
		// The token is refreshed by hooks.server.ts before a request reaches any load or action.
		global: {
			fetch: fetchWithClientAddress,
			...(accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : {})
		}
	});
}

/** Service-role client (bypasses RLS): storage writes after validation and notification sending only. */
export function createServiceClient(): Db {
	const { url } = config();
	const key = env.SUPABASE_SERVICE_ROLE_KEY;
	if (!key) throw new Error('SUPABASE_SERVICE_ROLE_KEY must be set (see README).');
	return createClient<TypedDatabase>(url, key, { auth: serverAuth });
}

/**
 * Supabase Auth on behalf of the current request's browser (staff sign-in, token refresh, MFA).
 *
 * Supabase Auth rate-limits per IP address; every staff member signs in through this server, so
 * without forwarding the whole agency would share one budget (30 sign-ins per 5 minutes). Auth
 * takes the end user's address from `Sb-Forwarded-For` only on requests made with a secret key
 * and only when "IP address forwarding" is on (Supabase: Authentication → Rate Limits;
 * `security_sb_forwarded_for_enabled`); the stand-in does the same with the service-role key.
 * On hosted Supabase set `SUPABASE_SECRET_KEY` (an `sb_secret_…` key — the legacy service_role
 * JWT is not accepted for forwarding). Only the Auth client is returned, so this key never serves
 * a REST query.
 */
export function createAuthClient(): Db['auth'] {
	const { url, anonKey } = config();
	const key = env.SUPABASE_SECRET_KEY || env.SUPABASE_SERVICE_ROLE_KEY || anonKey;
	const address = currentClientAddress();
	return createClient<TypedDatabase>(url, key, {
		auth: serverAuth,
		global: address ? { headers: { 'Sb-Forwarded-For': address } } : {}
	}).auth;
}
