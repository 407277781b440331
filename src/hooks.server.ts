import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { building } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { deLocalizeUrl, localizeHref } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages.js';
import { authenticate, MFA_PATHS } from '$lib/server/auth';
import { createUserClient } from '$lib/server/supabase';
import { startScheduler } from '$lib/server/jobs';

/** Periodic jobs (reminders, digests, the outbox) run in-process: see $lib/server/jobs.ts. */
export const init: ServerInit = () => {
	startScheduler();
};

/** Locale from the URL (/en/… is English, anything else Vietnamese), then `<html lang>`. */
const paraglide: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Staff paths that must stay reachable while signed out. */
const PUBLIC_STAFF_PATHS = /^\/staff\/(dang-nhap|dang-xuat)(\/|$)/;

/**
 * Session → `locals.user`, `locals.staff`, and the per-request Supabase client (anon key plus the
 * staff JWT, so RLS sees who is asking). Everything under /staff except sign-in/out requires a staff
 * member — checked here rather than in a layout load, because form actions and +server endpoints
 * do not run layout loads.
 */
const auth: Handle = async ({ event, resolve }) => {
	// Prerendering (the offline page) happens at build time, with no Supabase and no session.
	const auth = building
		? { accessToken: null, user: null, staff: null, mfa: null }
		: await authenticate(event);
	// A session that still owes its second factor acts as nobody: no staff row, no staff token
	// in the per-request client. Only the two-factor pages (under /staff/dang-nhap) see it.
	const pending = auth.staff && auth.mfa ? { step: auth.mfa, staff: auth.staff } : null;
	const staff = pending ? null : auth.staff;
	const accessToken = pending ? null : auth.accessToken;
	event.locals.user = auth.user;
	event.locals.staff = staff;
	event.locals.mfa = pending;
	// Created on first use: most citizen pages never touch the database.
	let client: SupabaseClient | undefined;
	Object.defineProperty(event.locals, 'supabase', {
		get: () => (client ??= createUserClient(accessToken)),
		configurable: true,
		enumerable: true
	});

	// By path, not route id: unknown /staff/… addresses must not reveal which staff pages exist.
	const path = deLocalizeUrl(event.url).pathname;
	if (/^\/staff(\/|$)/.test(path) && !PUBLIC_STAFF_PATHS.test(path) && !staff) {
		const isPage = event.request.method === 'GET' || event.request.method === 'HEAD';
		if (!isPage) return new Response('Unauthorized', { status: 401 });
		const back = event.url.pathname + event.url.search;
		const step = pending ? MFA_PATHS[pending.step] : '/staff/dang-nhap';
		redirect(303, `${localizeHref(step)}?redirectTo=${encodeURIComponent(back)}`);
	}

	const response = await resolve(event);
	// Staff pages carry personal data: never keep them in shared or browser caches.
	if (auth.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

/** Headers SvelteKit does not set itself (it sets the CSP, with nonces, from svelte.config.js). */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	try {
		headers.set('X-Content-Type-Options', 'nosniff');
		headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
		// camera: reception desks scan QR codes on receipts; geolocation: "nearest office".
		headers.set(
			'Permissions-Policy',
			'camera=(self), geolocation=(self), microphone=(), payment=(), usb=()'
		);
		headers.set('X-Frame-Options', 'DENY');
		headers.set('Cross-Origin-Opener-Policy', 'same-origin');
		if (event.url.protocol === 'https:') {
			headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
		}
	} catch {
		// Responses proxied from fetch() have immutable headers; they are not pages.
	}
	return response;
};

/**
 * A NUL byte in the path (`/dat-lich/%00`) reaches route params and then PostgreSQL, which refuses
 * it in text (500). No address of the app contains one: answer 404 before any route runs.
 */
const rejectNul: Handle = ({ event, resolve }) => {
	if (/%00/.test(event.url.pathname) || event.url.pathname.includes('\0')) {
		return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
	}
	return resolve(event);
};

export const handle: Handle = sequence(rejectNul, paraglide, auth, securityHeaders);

/**
 * Unexpected errors: the user gets a reference id and a plain message; the details (stack, route)
 * go to the server log only. The query string is left out of the log: it may carry personal data.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: m.common_not_found_title() };
	// A body over BODY_SIZE_LIMIT (a form posted with files too big): the person's mistake, not ours.
	if (status === 413) return { message: m.common_error_too_large_title() };
	const errorId = crypto.randomUUID().slice(0, 8).toUpperCase();
	console.error(
		`[error ${errorId}] ${status} ${event.request.method} ${event.url.pathname} route=${event.route.id ?? '-'}:`,
		error
	);
	return { message: status >= 500 ? m.common_error_title() : message, errorId };
};
