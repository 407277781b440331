/**
 * Tracking, server side. The secret is checked by public.resolve_tracking_code (rate-limited per
 * code in SQL); the pages add a per-client limit, shared by every app server, so codes cannot be
 * enumerated. After a successful lookup the secret is kept in an httpOnly cookie for that code,
 * so /tra-cuu/[code] works without the secret in the URL.
 */
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '$lib/server/supabase';
import { renderSVG } from 'uqr';
import { appRateLimit } from '$lib/server/rate-limit';
import { createAnonClient } from '$lib/server/supabase';
import type { TrackingKind } from '../index';

const COOKIE_PREFIX = 'thads-track-';
const cookieName = (code: string) => `${COOKIE_PREFIX}${code.replace(/-/g, '')}`;

/** Resolve code + secret to (kind, ref_id); null when not found (no detail, by design). */
export async function resolve(code: string, secret: string, client: Db = createAnonClient()) {
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

/**
 * Per-client attempts on the tracking pages: 20 in 10 minutes per client address, counted in the
 * database so every app server shares the count (the SQL lock per (code, client) in
 * resolve_tracking_code is the hard limit). True when this attempt is one too many.
 */
export async function tooManyAttempts(
	clientKey: string,
	max = 20,
	windowSeconds = 10 * 60
): Promise<boolean> {
	return !(await appRateLimit('tracking_page', clientKey, max, windowSeconds));
}

/** The tracking link carried by QR codes and receipts. */
export function trackingUrl(origin: string, code: string, secret: string): string {
	return `${origin}/tra-cuu?ma=${encodeURIComponent(code)}&mk=${encodeURIComponent(secret)}`;
}

/** QR code as an SVG string, rendered on the server (no client JS). */
export function qrSvg(text: string): string {
	return renderSVG(text, { ecc: 'M', border: 2 });
}
