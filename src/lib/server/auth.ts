/**
 * Staff sessions in cookies. Citizens never sign in; staff sign in with email + password.
 *
 * The access token (a short-lived JWT) and the refresh token live in httpOnly cookies — never in
 * JavaScript-readable storage, so an XSS cannot steal them — with SameSite=Lax (SvelteKit's own
 * origin check guards form posts) and Secure whenever the site is served over https.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { Session, User } from '@supabase/supabase-js';
import { createAnonClient, createUserClient } from './supabase';

export const ACCESS_COOKIE = 'thads-access-token';
export const REFRESH_COOKIE = 'thads-refresh-token';

/** Refresh tokens are rotated on use; a staff session lasts at most this long without activity. */
const SESSION_MAX_AGE = 60 * 60 * 12;
/** Refresh a little before expiry so a request never reaches the database with a dead token. */
const EXPIRY_MARGIN_SECONDS = 30;

export type StaffRole =
	'reception' | 'complaint_officer' | 'procedure_officer' | 'unit_head' | 'admin';

export interface StaffMember {
	user_id: string;
	unit_id: string;
	roles: StaffRole[];
	full_name: string;
	email: string | null;
}

function cookieOptions(url: URL) {
	return {
		path: '/',
		httpOnly: true,
		secure: url.protocol === 'https:',
		sameSite: 'lax' as const,
		maxAge: SESSION_MAX_AGE
	};
}

/** Store a fresh session in the cookies. */
export function setSessionCookies(cookies: Cookies, url: URL, session: Session): void {
	cookies.set(ACCESS_COOKIE, session.access_token, cookieOptions(url));
	cookies.set(REFRESH_COOKIE, session.refresh_token, cookieOptions(url));
}

/** Forget the session (sign-out, or tokens that no longer work). */
export function clearSessionCookies(cookies: Cookies, url: URL): void {
	const { path, secure, httpOnly, sameSite } = cookieOptions(url);
	cookies.delete(ACCESS_COOKIE, { path, secure, httpOnly, sameSite });
	cookies.delete(REFRESH_COOKIE, { path, secure, httpOnly, sameSite });
}

/** Seconds since the epoch at which a JWT expires, read without verifying it (the server verifies). */
function jwtExpiry(token: string): number | null {
	try {
		const payload = token.split('.')[1];
		if (!payload) return null;
		const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
		return typeof json.exp === 'number' ? json.exp : null;
	} catch {
		return null;
	}
}

async function refresh(refreshToken: string): Promise<Session | null> {
	const { data, error } = await createAnonClient().auth.refreshSession({
		refresh_token: refreshToken
	});
	return error || !data.session ? null : data.session;
}

export interface AuthState {
	accessToken: string | null;
	user: User | null;
	staff: StaffMember | null;
}

/**
 * Read the session cookies: refresh an expired access token, check it with the Auth server and load
 * the staff row. Any failure means "signed out" (cookies cleared), never an error page.
 */
export async function authenticate(event: RequestEvent): Promise<AuthState> {
	const { cookies, url } = event;
	const signedOut: AuthState = { accessToken: null, user: null, staff: null };
	let accessToken = cookies.get(ACCESS_COOKIE) ?? null;
	const refreshToken = cookies.get(REFRESH_COOKIE) ?? null;
	if (!accessToken && !refreshToken) return signedOut;

	const exp = accessToken ? jwtExpiry(accessToken) : null;
	if (!accessToken || exp === null || exp - EXPIRY_MARGIN_SECONDS < Date.now() / 1000) {
		const session = refreshToken ? await refresh(refreshToken) : null;
		if (!session) {
			clearSessionCookies(cookies, url);
			return signedOut;
		}
		setSessionCookies(cookies, url, session);
		accessToken = session.access_token;
	}

	// getUser asks the Auth server, so a revoked session or a forged cookie is caught here.
	const client = createUserClient(accessToken);
	const { data, error } = await client.auth.getUser(accessToken);
	if (error || !data.user) {
		clearSessionCookies(cookies, url);
		return signedOut;
	}
	return { accessToken, user: data.user, staff: await loadStaff(accessToken, data.user.id) };
}

/** The staff row of a user (RLS lets a staff member read their own row), or null for non-staff. */
export async function loadStaff(accessToken: string, userId: string): Promise<StaffMember | null> {
	const { data, error } = await createUserClient(accessToken)
		.from('staff')
		.select('user_id, unit_id, roles, full_name, email')
		.eq('user_id', userId)
		.maybeSingle();
	if (error || !data) return null;
	return data as StaffMember;
}

/** Roles that may use each staff area; the database enforces the same through RLS. */
export const AREA_ROLES = {
	reception: ['reception', 'unit_head', 'admin'],
	complaints: ['complaint_officer', 'unit_head', 'admin'],
	procedures: ['procedure_officer', 'unit_head', 'admin'],
	statistics: ['unit_head', 'admin']
} as const satisfies Record<string, readonly StaffRole[]>;

export function hasAnyRole(staff: StaffMember | null, roles: readonly StaffRole[]): boolean {
	return !!staff && staff.roles.some((role) => roles.includes(role));
}

/**
 * A tiny in-memory limiter of failed sign-ins, in front of the Auth server's own limits: 5 per
 * account and 30 per IP address (a whole office shares one address behind NAT) in 15 minutes.
 * Per instance only: good enough to slow password guessing on one server; the Auth server's
 * limits are the ones that hold across instances. Keys are `email:<address>` and `ip:<address>`.
 */
const attempts = new Map<string, { count: number; resetAt: number }>();
const WINDOW_MS = 15 * 60 * 1000;
const maxFailures = (key: string) => (key.startsWith('ip:') ? 30 : 5);

export function signInLimited(keys: string[]): boolean {
	const now = Date.now();
	return keys.some((key) => {
		const entry = attempts.get(key);
		return !!entry && entry.resetAt > now && entry.count >= maxFailures(key);
	});
}

export function recordFailedSignIn(keys: string[]): void {
	const now = Date.now();
	if (attempts.size > 10_000) {
		for (const [key, entry] of attempts) if (entry.resetAt <= now) attempts.delete(key);
	}
	for (const key of keys) {
		const entry = attempts.get(key);
		if (!entry || entry.resetAt <= now) attempts.set(key, { count: 1, resetAt: now + WINDOW_MS });
		else entry.count += 1;
	}
}

export function clearFailedSignIns(keys: string[]): void {
	for (const key of keys) attempts.delete(key);
}
