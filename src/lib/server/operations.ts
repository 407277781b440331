/**
 * Operations (issue 15, part 5): what a reverse proxy, an orchestrator and a log collector need
 * from each app server.
 *
 * - `GET /healthz`: the process answers (liveness). Nothing else is checked, so a database outage
 *   never makes an orchestrator restart healthy app servers.
 * - `GET /readyz`: the database and Storage answer through supabase-js, the client the app uses
 *   (readiness: the proxy sends traffic only to ready servers). 503 while shutting down.
 * - One JSON line per request on stdout: time, request id (also the `X-Request-Id` response
 *   header; a proxy's own id is kept when it looks like one), method, SvelteKit route id (never the
 *   path, which carries tracking codes, nor the query string), status, duration. No addresses, no
 *   user ids, no bodies, no headers. A redirect or error thrown by a hook itself is logged too, but
 *   SvelteKit builds that response after the hooks, so it carries no X-Request-Id header.
 *
 * hooks.server.ts answers the two probes before the locale, session and CSRF layers run.
 * No SvelteKit imports here: unit-tested in tests/unit/operations.test.ts.
 */
import type { Db } from '$lib/server/supabase';
import { randomUUID } from 'node:crypto';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

/** Ids a proxy may send (nginx's $request_id, UUIDs, ULIDs, AWS trace ids); anything else is replaced. */
const FORWARDED_ID = /^[A-Za-z0-9][A-Za-z0-9._:=-]{7,127}$/;

/** The request id: the proxy's `X-Request-Id` when it is a plain token, else a new UUID. */
export function requestId(forwarded: string | null | undefined): string {
	return forwarded && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
}

export interface RequestLog {
	id: string;
	method: string;
	/** SvelteKit route id (`/(citizen)/tra-cuu`), the probe path, or null when no route matched. */
	route: string | null;
	status: number;
	ms: number;
}

/** The fields a log line may carry: nothing else reaches the log (no path, query, address, user). */
export function formatRequestLog(entry: RequestLog, now = new Date()): string {
	return JSON.stringify({
		time: now.toISOString(),
		level: entry.status >= 500 ? 'error' : 'info',
		msg: 'request',
		id: entry.id,
		method: entry.method,
		route: entry.route,
		status: entry.status,
		ms: Math.round(entry.ms * 10) / 10
	});
}

/** A structured line for events that are not requests (errors, shutdown). */
export function formatEvent(
	level: 'info' | 'warn' | 'error',
	msg: string,
	fields: Record<string, string | number | boolean | null> = {},
	now = new Date()
): string {
	return JSON.stringify({ time: now.toISOString(), level, msg, ...fields });
}

export function logRequest(entry: RequestLog): void {
	process.stdout.write(formatRequestLog(entry) + '\n');
}

export function logEvent(
	level: 'info' | 'warn' | 'error',
	msg: string,
	fields?: Record<string, string | number | boolean | null>
): void {
	const line = formatEvent(level, msg, fields) + '\n';
	if (level === 'info') process.stdout.write(line);
	else process.stderr.write(line);
}

let shuttingDown = false;

/** From SIGTERM/SIGINT on, /readyz answers 503 so that a proxy stops sending new requests. */
export function markShuttingDown(): void {
	shuttingDown = true;
}

const probeHeaders = {
	'content-type': 'application/json',
	'cache-control': 'no-store'
};

/** Liveness: the process runs and its event loop answers. */
export function healthResponse(): Response {
	return new Response(JSON.stringify({ status: 'ok' }), { status: 200, headers: probeHeaders });
}

export type CheckResult = 'ok' | 'failed' | 'timeout' | 'not_configured';

/** Run one check with a time limit; errors are reduced to a word (no messages, no secrets). */
async function check(run: () => Promise<void>, timeoutMs: number): Promise<CheckResult> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<CheckResult>((resolve) => {
		timer = setTimeout(() => resolve('timeout'), timeoutMs);
	});
	try {
		return await Promise.race([run().then((): CheckResult => 'ok'), timeout]);
	} catch {
		return 'failed';
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Readiness: one cheap read from the database (a row of public.units, through PostgREST) and the
 * attachments bucket from Storage, both with the service-role client; each limited to `timeoutMs`.
 */
export async function readiness(
	client: Db | null,
	timeoutMs = 2000
): Promise<{ ready: boolean; checks: { database: CheckResult; storage: CheckResult } }> {
	if (!client) {
		return { ready: false, checks: { database: 'not_configured', storage: 'not_configured' } };
	}
	const [database, storage] = await Promise.all([
		check(async () => {
			const { error } = await client.from('units').select('id').limit(1);
			if (error) throw error;
		}, timeoutMs),
		check(async () => {
			const { error } = await client.storage.getBucket('attachments');
			if (error) throw error;
		}, timeoutMs)
	]);
	return { ready: database === 'ok' && storage === 'ok', checks: { database, storage } };
}

export async function readyResponse(client: Db | null): Promise<Response> {
	if (shuttingDown) {
		return new Response(JSON.stringify({ status: 'shutting_down' }), {
			status: 503,
			headers: probeHeaders
		});
	}
	const r = await readiness(client);
	return new Response(
		JSON.stringify({ status: r.ready ? 'ok' : 'unavailable', checks: r.checks }),
		{
			status: r.ready ? 200 : 503,
			headers: probeHeaders
		}
	);
}
