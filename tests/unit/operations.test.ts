// Operations (issue 15, part 5): the request log line carries only its fields, request ids from a
// proxy are kept only when they are plain tokens, readiness reports each dependency.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	formatEvent,
	formatRequestLog,
	healthResponse,
	readiness,
	readyResponse,
	requestId
} from '../../src/lib/server/operations';

describe('request ids', () => {
	it('keeps a proxy id that is a plain token', () => {
		expect(requestId('5f1c2a9e8b7d6c5f4e3d2c1b0a998877')).toBe('5f1c2a9e8b7d6c5f4e3d2c1b0a998877');
		expect(requestId('Root=1-67891233-abcdef012345678912345678')).toBe(
			'Root=1-67891233-abcdef012345678912345678'
		);
	});

	it('replaces a missing, short, long or odd id with a new UUID', () => {
		for (const bad of [
			null,
			undefined,
			'',
			'short',
			'x'.repeat(200),
			'abc def ghi jkl',
			'a\nb'.repeat(5),
			'<script>alert(1)</script>'
		]) {
			const id = requestId(bad);
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		}
		expect(requestId(null)).not.toBe(requestId(null));
	});
});

describe('the request log line', () => {
	it('is one JSON line with exactly time, level, msg, id, method, route, status and ms', () => {
		const line = formatRequestLog(
			{ id: 'req-12345678', method: 'POST', route: '/(citizen)/tra-cuu', status: 200, ms: 12.3456 },
			new Date('2026-12-07T05:00:00Z')
		);
		expect(line).not.toContain('\n');
		expect(JSON.parse(line)).toEqual({
			time: '2026-12-07T05:00:00.000Z',
			level: 'info',
			msg: 'request',
			id: 'req-12345678',
			method: 'POST',
			route: '/(citizen)/tra-cuu',
			status: 200,
			ms: 12.3
		});
	});

	it('is an error line for 5xx answers and keeps a null route (no route matched)', () => {
		const line = JSON.parse(
			formatRequestLog({ id: 'req-12345678', method: 'GET', route: null, status: 503, ms: 1 })
		);
		expect(line.level).toBe('error');
		expect(line.route).toBeNull();
	});

	it('events are JSON lines too', () => {
		expect(JSON.parse(formatEvent('info', 'shutdown complete', { ms: 5 }))).toMatchObject({
			level: 'info',
			msg: 'shutdown complete',
			ms: 5
		});
	});
});

/** A stand-in for supabase-js with the two calls readiness makes. */
function fakeClient(
	db: () => Promise<{ error: unknown }>,
	storage: () => Promise<{ error: unknown }>
) {
	return {
		from: () => ({ select: () => ({ limit: db }) }),
		storage: { getBucket: storage }
	} as unknown as SupabaseClient;
}
const ok = async () => ({ error: null });

describe('readiness', () => {
	afterEach(() => vi.useRealTimers());

	it('is ready when the database and Storage answer', async () => {
		expect(await readiness(fakeClient(ok, ok))).toEqual({
			ready: true,
			checks: { database: 'ok', storage: 'ok' }
		});
		const r = await readyResponse(fakeClient(ok, ok));
		expect(r.status).toBe(200);
		expect(r.headers.get('cache-control')).toBe('no-store');
		expect(await r.json()).toEqual({ status: 'ok', checks: { database: 'ok', storage: 'ok' } });
	});

	it('names the dependency that failed, without its error message', async () => {
		const r = await readyResponse(
			fakeClient(ok, async () => ({ error: { message: 'secret detail: key=abc' } }))
		);
		expect(r.status).toBe(503);
		const text = await r.text();
		expect(JSON.parse(text)).toEqual({
			status: 'unavailable',
			checks: { database: 'ok', storage: 'failed' }
		});
		expect(text).not.toContain('secret');
	});

	it('a database that does not answer in time is reported as a time-out', async () => {
		const r = await readiness(
			fakeClient(() => new Promise(() => {}), ok),
			50
		);
		expect(r).toEqual({ ready: false, checks: { database: 'timeout', storage: 'ok' } });
	});

	it('a thrown error (network down) counts as failed', async () => {
		const r = await readiness(
			fakeClient(async () => {
				throw new TypeError('fetch failed');
			}, ok)
		);
		expect(r.checks.database).toBe('failed');
	});

	it('without a service-role key the server is not ready, and says why', async () => {
		const r = await readyResponse(null);
		expect(r.status).toBe(503);
		expect((await r.json()).checks).toEqual({
			database: 'not_configured',
			storage: 'not_configured'
		});
	});

	it('liveness checks nothing but the process', async () => {
		const r = healthResponse();
		expect(r.status).toBe(200);
		expect(await r.json()).toEqual({ status: 'ok' });
	});
});
