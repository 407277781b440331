import {
	isHttpError,
	isRedirect,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import type { Db } from '$lib/server/supabase';
import { building, dev } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { deLocalizeUrl, localizeHref } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages.js';
import { authenticate, MFA_PATHS } from '$lib/server/auth';
import { createServiceClient, createUserClient } from '$lib/server/supabase';
import { drainScheduler, startScheduler, stopScheduler } from '$lib/server/jobs';
import {
	HEALTH_PATH,
	READY_PATH,
	healthResponse,
	logEvent,
	logRequest,
	markShuttingDown,
	readyResponse,
	requestId
} from '$lib/server/operations';

/**
 * Periodic jobs (reminders, digests, the outbox) run in-process: see $lib/server/jobs.ts.
 *
 * Graceful shutdown (issue 15, part 5). On SIGTERM/SIGINT adapter-node stops accepting
 * connections, lets in-flight requests finish (SHUTDOWN_TIMEOUT, default 30 s) and then emits
 * `sveltekit:shutdown`. Here: no new job tick starts from the signal on, /readyz answers 503, and
 * at `sveltekit:shutdown` the tick in progress (jobs and outbox sends) is awaited; the process
 * then ends when nothing else is pending.
 */
export const init: ServerInit = () => {
	startScheduler();
	if (dev || building) return;
	const onSignal = (signal: NodeJS.Signals) => {
		markShuttingDown();
		stopScheduler();
		logEvent('info', 'shutdown started', { signal });
		// Listening to a signal turns off Node's default exit: where nothing else handles it
		// (`vite preview`, no adapter-node), raise it again now that this listener is gone.
		if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
	};
	process.once('SIGTERM', onSignal);
	process.once('SIGINT', onSignal);
	process.once('sveltekit:shutdown', async () => {
		const started = Date.now();
		const waited = await drainScheduler();
		logEvent('info', 'shutdown complete', { jobs_waited: waited, ms: Date.now() - started });
	});
};

let probeClient: ReturnType<typeof createServiceClient> | null | undefined;

/**
 * The probes, answered before the locale (no redirect to /en), the session (no cookies read) and
 * SvelteKit's routes (GET only, so no CSRF check applies); then the request log line for every
 * request, with its id in `X-Request-Id` ($lib/server/operations.ts).
 */
const operations: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const id = requestId(event.request.headers.get('x-request-id'));
	const path = event.url.pathname;
	const method = event.request.method;
	let route: string | null = event.route.id;
	let response: Response;
	try {
		if ((path === HEALTH_PATH || path === READY_PATH) && (method === 'GET' || method === 'HEAD')) {
			route = path;
			if (path === HEALTH_PATH) response = healthResponse();
			else {
				if (probeClient === undefined) {
					try {
						probeClient = createServiceClient();
					} catch {
						probeClient = null; // not configured: /readyz says so
					}
				}
				response = await readyResponse(probeClient);
			}
		} else {
			event.locals.requestId = id;
			response = await resolve(event);
		}
	} catch (e) {
		// Redirects and errors thrown by the inner hooks: log, then let SvelteKit answer them.
		const status = isRedirect(e) || isHttpError(e) ? e.status : 500;
		logRequest({ id, method, route, status, ms: performance.now() - started });
		throw e;
	}
	logRequest({ id, method, route, status: response.status, ms: performance.now() - started });
	try {
		response.headers.set('X-Request-Id', id);
	} catch {
		// Immutable headers (a proxied fetch response): copy the response to add it.
		response = new Response(response.body, response);
		response.headers.set('X-Request-Id', id);
	}
	return response;
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
	let client: Db | undefined;
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
		// The desk's QR reader falls back to ZXing in WebAssembly where the browser has no
		// BarcodeDetector (issue 17.8); compiling WebAssembly needs 'wasm-unsafe-eval' (not 'unsafe-
		// eval': no JS eval). Staff pages only — a document keeps its first CSP across client-side
		// navigation, so the whole staff area, never a citizen page.
		const csp = headers.get('content-security-policy');
		if (csp && /^\/(en\/)?staff(\/|$)/.test(event.url.pathname))
			headers.set(
				'content-security-policy',
				csp.replace(/script-src 'self'/, "script-src 'self' 'wasm-unsafe-eval'")
			);
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

export const handle: Handle = sequence(operations, rejectNul, paraglide, auth, securityHeaders);

/**
 * Unexpected errors: the user gets a reference id and a plain message; the details go to the
 * server log only, as one JSON line with the request id and route id. The path is left out (it may
 * carry a tracking code), and so is the query string (it may carry personal data).
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: m.common_not_found_title() };
	// A body over BODY_SIZE_LIMIT (a form posted with files too big): the person's mistake, not ours.
	if (status === 413) return { message: m.common_error_too_large_title() };
	const errorId = crypto.randomUUID().slice(0, 8).toUpperCase();
	logEvent('error', 'unhandled error', {
		error_id: errorId,
		request_id: event.locals.requestId ?? null,
		method: event.request.method,
		route: event.route.id ?? null,
		status,
		error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
		// Where it happened: the stack's frames (file:line), not its first line again.
		stack:
			error instanceof Error && error.stack
				? error.stack
						.split('\n')
						.filter((l) => /^\s+at /.test(l))
						.slice(0, 8)
						.map((l) => l.trim())
						.join(' | ')
				: null
	});
	return { message: status >= 500 ? m.common_error_title() : message, errorId };
};
