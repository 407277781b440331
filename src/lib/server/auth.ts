/**
 * Staff sessions in cookies. Citizens never sign in; staff sign in with email + password.
 *
 * The access token (a short-lived JWT) and the refresh token live in httpOnly cookies — never in
 * JavaScript-readable storage, so an XSS cannot steal them — with SameSite=Lax (SvelteKit's own
 * origin check guards form posts) and Secure whenever the site is served over https.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { Session, User } from '@supabase/supabase-js';
import { createAuthClient, createServiceClient, createUserClient } from './supabase';

export const ACCESS_COOKIE = 'thads-access-token';
const REFRESH_COOKIE = 'thads-refresh-token';

/** Refresh tokens are rotated on use; a staff session lasts at most this long without activity. */
const SESSION_MAX_AGE = 60 * 60 * 12;
/** Refresh a little before expiry so a request never reaches the database with a dead token. */
const EXPIRY_MARGIN_SECONDS = 30;

export type StaffRole =
	'reception' | 'complaint_officer' | 'procedure_officer' | 'unit_head' | 'admin' | 'legal_officer';

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

/** A JWT's claims, read without verifying it (Auth verifies the token: see getUser below). */
function jwtClaims(token: string): { exp?: number; aal?: string } | null {
	try {
		const payload = token.split('.')[1];
		if (!payload) return null;
		return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
			exp?: number;
			aal?: string;
		};
	} catch {
		return null;
	}
}

/** Seconds since the epoch at which a JWT expires. */
function jwtExpiry(token: string): number | null {
	const exp = jwtClaims(token)?.exp;
	return typeof exp === 'number' ? exp : null;
}

async function refresh(refreshToken: string): Promise<Session | null> {
	const { data, error } = await createAuthClient().refreshSession({
		refresh_token: refreshToken
	});
	return error || !data.session ? null : data.session;
}

export interface AuthState {
	accessToken: string | null;
	user: User | null;
	staff: StaffMember | null;
	/** A second-factor step this session still owes before it may act as staff, else null. */
	mfa: MfaStep | null;
}

/**
 * Read the session cookies: refresh an expired access token, check it with the Auth server and load
 * the staff row. Any failure means "signed out" (cookies cleared), never an error page.
 */
export async function authenticate(event: RequestEvent): Promise<AuthState> {
	const { cookies, url } = event;
	const signedOut: AuthState = { accessToken: null, user: null, staff: null, mfa: null };
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
	const staff = await loadStaff(accessToken, data.user.id);
	return { accessToken, user: data.user, staff, mfa: mfaStep(accessToken, data.user, staff) };
}

/** The active staff row of a user (RLS lets a staff member read their own row), or null for non-staff. */
export async function loadStaff(accessToken: string, userId: string): Promise<StaffMember | null> {
	const { data, error } = await createUserClient(accessToken)
		.from('staff')
		.select('user_id, unit_id, roles, full_name, email')
		.eq('user_id', userId)
		// A deactivated member is no longer staff (the database refuses them everything anyway).
		.eq('is_active', true)
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
 * Two-factor sign-in (Supabase Auth MFA, TOTP). Staff who may see a denouncer's identity may
 * turn it on; unit heads and administrators must (enrolment is forced at their first sign-in).
 * Once a member has a verified factor, every sign-in asks for a code, whatever the role.
 */
const MFA_REQUIRED_ROLES: readonly StaffRole[] = ['unit_head', 'admin'];
export const MFA_OFFERED_ROLES: readonly StaffRole[] = ['complaint_officer', 'unit_head', 'admin'];

/** 'verify': enter a code from the enrolled authenticator; 'enrol': set one up first. */
export type MfaStep = 'verify' | 'enrol';

/** The page of each step (under /staff/dang-nhap, so reachable before the step is taken). */
export const MFA_PATHS: Record<MfaStep, string> = {
	verify: '/staff/dang-nhap/ma-xac-thuc',
	enrol: '/staff/dang-nhap/xac-thuc-hai-buoc'
};

/** Verified TOTP factors of a user (from getUser: GoTrue lists factors on the user). */
export function verifiedFactors(user: User | null): { id: string }[] {
	return (user?.factors ?? []).filter((f) => f.status === 'verified' && f.factor_type === 'totp');
}

/** The second-factor step a session owes, as auth-js getAuthenticatorAssuranceLevel reasons. */
export function mfaStep(
	accessToken: string,
	user: User | null,
	staff: StaffMember | null
): MfaStep | null {
	if (!staff) return null;
	const aal = jwtClaims(accessToken)?.aal ?? 'aal1';
	if (verifiedFactors(user).length > 0) return aal === 'aal2' ? null : 'verify';
	return hasAnyRole(staff, MFA_REQUIRED_ROLES) ? 'enrol' : null;
}

/**
 * An Auth client holding the session in the cookies, for the two-factor steps (auth-js's MFA
 * calls act on the client's current session). Null when the session is gone.
 */
export async function sessionAuth(cookies: Cookies) {
	const access_token = cookies.get(ACCESS_COOKIE);
	const refresh_token = cookies.get(REFRESH_COOKIE);
	if (!access_token || !refresh_token) return null;
	const auth = createAuthClient();
	const { error } = await auth.setSession({ access_token, refresh_token });
	return error ? null : auth;
}

/**
 * Staff sign-in limits, kept in the database so every app server shares them
 * (public.staff_sign_in_check, migration 20261207004000): `retryAfter` > 0 refuses this client
 * for this account for that many seconds (the guessing client only); `delayMs` is how long to
 * hold the answer (per account, at most 3 s: a slowed attempt, never a refused one).
 */
export async function signInGate(
	email: string,
	client: string
): Promise<{ retryAfter: number; delayMs: number }> {
	const { data, error } = await createServiceClient().rpc('staff_sign_in_check', {
		p_email: email,
		p_client: client
	});
	if (error) throw error;
	const r = (data ?? {}) as { retry_after?: number; delay_ms?: number };
	return { retryAfter: r.retry_after ?? 0, delayMs: r.delay_ms ?? 0 };
}

/** Record a sign-in attempt's outcome (a failure counts; a success clears this client's count). */
export async function recordSignIn(email: string, client: string, succeeded: boolean) {
	await createServiceClient().rpc('staff_sign_in_record', {
		p_email: email,
		p_client: client,
		p_succeeded: succeeded
	});
}
