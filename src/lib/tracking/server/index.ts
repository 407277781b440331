/**
 * Tracking, server side. The secret is checked by public.resolve_tracking_code (rate-limited per
 * code in SQL: 5 wrong → 15 min lock); the page adds a per-client limit so codes cannot be
 * enumerated. After a successful lookup the secret is kept in an httpOnly cookie for that code,
 * so /tra-cuu/[code] works without the secret in the URL.
 */
import type { Cookies } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import { renderSVG } from 'uqr';
import { createAnonClient } from '$lib/server/supabase';
import type { TrackingKind } from '../index';

const COOKIE_PREFIX = 'thads-track-';
const cookieName = (code: string) => `${COOKIE_PREFIX}${code.replace(/-/g, '')}`;

/** Resolve code + secret to (kind, ref_id); null when not found (no detail, by design). */
export async function resolve(
	code: string,
	secret: string,
	client: SupabaseClient = createAnonClient()
) {
	const { data, error } = await client.rpc('resolve_tracking_code', { code, secret });
	if (error) return null;
	const row = (Array.isArray(data) ? data[0] : data) as
		{ kind: TrackingKind; ref_id: string } | undefined;
	return row ?? null;
}

export function rememberSecret(cookies: Cookies, code: string, secret: string): void {
	cookies.set(cookieName(code), secret, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: 2 * 60 * 60
	});
}

export function secretFor(cookies: Cookies, code: string): string | null {
	return cookies.get(cookieName(code)) ?? null;
}

export function forget(cookies: Cookies, code: string): void {
	cookies.delete(cookieName(code), { path: '/' });
}

/** Per-client attempts (in-memory, per app instance; the SQL lock per code is the hard limit). */
const attempts = new Map<string, { n: number; since: number }>();
export function tooManyAttempts(clientKey: string, max = 20, windowMs = 10 * 60_000): boolean {
	const now = Date.now();
	const a = attempts.get(clientKey);
	if (!a || now - a.since > windowMs) {
		attempts.set(clientKey, { n: 1, since: now });
		if (attempts.size > 10_000) attempts.clear();
		return false;
	}
	a.n += 1;
	return a.n > max;
}

/** The tracking link carried by QR codes and receipts. */
export function trackingUrl(origin: string, code: string, secret: string): string {
	return `${origin}/tra-cuu?ma=${encodeURIComponent(code)}&mk=${encodeURIComponent(secret)}`;
}

/** QR code as an SVG string, rendered on the server (no client JS). */
export function qrSvg(text: string): string {
	return renderSVG(text, { ecc: 'M', border: 2 });
}
