/**
 * The citizen's address, passed to Supabase so per-client abuse limits in SQL key on it
 * (issue 12, item 8) — in a way a direct caller of the public REST API cannot forge.
 *
 * The address is SvelteKit's `getClientAddress()`: adapter-node takes it from the socket, or
 * behind a reverse proxy from the header named by `ADDRESS_HEADER` (e.g. `X-Forwarded-For`,
 * with `XFF_DEPTH` = the number of trusted proxies in front of the app). Every request the
 * server makes to Supabase during a citizen's request carries
 *
 *   x-thads-client: <address>;<unix seconds>;<hex HMAC-SHA256(key, "<address>;<unix seconds>")>
 *
 * with the key `THADS_CLIENT_ADDRESS_KEY` (≥ 32 characters). The database checks the signature
 * (private.signed_client_address, migration 20261207002000) and otherwise uses the gateway's
 * address. The key is registered in the database once per process (public.set_client_address_key,
 * service role). Without a key nothing is signed: every citizen then shares the app server's
 * address in the database's per-client limits — set it in production.
 */
import { createHmac } from 'node:crypto';
import { getRequestEvent } from '$app/server';
import { env as publicEnv } from '$env/dynamic/public';
import { env } from '$env/dynamic/private';

const CLIENT_HEADER = 'x-thads-client';

/** The header value for `address` signed with `key` at `now`. */
function signClientAddress(address: string, key: string, now = Date.now()): string {
	const ts = Math.floor(now / 1000);
	const sig = createHmac('sha256', key).update(`${address};${ts}`).digest('hex');
	return `${address};${ts};${sig}`;
}

/** The address of the browser behind the current request, or null outside a request (jobs). */
export function currentClientAddress(): string | null {
	try {
		return getRequestEvent()
			.getClientAddress()
			.replace(/^::ffff:(?=\d+\.)/i, '');
	} catch {
		return null;
	}
}

let registered: Promise<void> | null = null;

/** Register the key with the database once per process; retried on the next request on failure. */
function register(key: string): Promise<void> {
	registered ??= (async () => {
		const url = publicEnv.PUBLIC_SUPABASE_URL;
		const service = env.SUPABASE_SERVICE_ROLE_KEY;
		if (!url || !service) return;
		const res = await fetch(new URL('/rest/v1/rpc/set_client_address_key', url), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				apikey: service,
				authorization: `Bearer ${service}`
			},
			body: JSON.stringify({ p_key: key })
		});
		if (!res.ok) throw new Error(`set_client_address_key: HTTP ${res.status}`);
	})().catch((e) => {
		registered = null;
		console.error('[client-address] could not register THADS_CLIENT_ADDRESS_KEY:', e);
	});
	return registered;
}

/** A fetch for supabase-js that adds the signed client address of the current request. */
export const fetchWithClientAddress: typeof fetch = async (input, init) => {
	const key = env.THADS_CLIENT_ADDRESS_KEY;
	const address = key && key.length >= 32 ? currentClientAddress() : null;
	if (!key || !address) return fetch(input, init);
	await register(key);
	const headers = new Headers(init?.headers);
	headers.set(CLIENT_HEADER, signClientAddress(address, key));
	return fetch(input, { ...init, headers });
};
