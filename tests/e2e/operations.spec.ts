// Operations (issue 15, part 5) on the built app: the probes a proxy and an orchestrator call, one
// JSON log line per request (request id, route id, status, duration — no path, no query, no
// personal data), and a SIGTERM that lets an in-flight request and the job runner's SMS send finish
// before the process ends. One app server of its own on the suite's stand-in, stdout captured.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { root, standinInfoFile } from './serve.js';
import { serviceClient } from './helpers';

const base = Number(process.env.E2E_PORT ?? 4173);
const port = base + 4;
const origin = `http://127.0.0.1:${port}`;

test.skip(
	({ javaScriptEnabled, viewport }) => javaScriptEnabled === false || (viewport?.width ?? 0) < 1000,
	'runs once, in the desktop project'
);
test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** An eSMS endpoint that holds every request until released (a slow SMS provider). */
let held: { phone: string; answer: () => void }[] = [];
const received: string[] = [];
let smsServer: http.Server;
let app: ChildProcess;
let stdout = '';
let exited: Promise<number | null>;

const logLines = () =>
	stdout
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as Record<string, unknown>);

test.beforeAll(async () => {
	smsServer = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const phone = String(JSON.parse(body).Phone);
			received.push(phone);
			held.push({
				phone,
				answer: () => {
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ CodeResult: '100', SMSID: `sms-${received.length}` }));
				}
			});
		});
	});
	await new Promise<void>((r) => smsServer.listen(0, '127.0.0.1', r));
	const smsUrl = `http://127.0.0.1:${(smsServer.address() as AddressInfo).port}/`;

	const info = JSON.parse(readFileSync(standinInfoFile(), 'utf8')) as {
		url: string;
		anonKey: string;
		serviceKey: string;
		clientAddressKey: string;
	};
	app = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'inherit'],
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: origin,
			PUBLIC_SUPABASE_URL: info.url,
			PUBLIC_SUPABASE_ANON_KEY: info.anonKey,
			SUPABASE_SERVICE_ROLE_KEY: info.serviceKey,
			THADS_CLIENT_ADDRESS_KEY: info.clientAddressKey,
			// The job runner every second, sending SMS to the slow provider above.
			THADS_JOBS_INTERVAL_SECONDS: '1',
			THADS_ESMS_API_KEY: 'test-key',
			THADS_ESMS_SECRET_KEY: 'test-secret',
			THADS_ESMS_URL: smsUrl,
			THADS_DEV_MAILBOX: ''
		}
	});
	app.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
	exited = new Promise((r) => app.on('exit', (code) => r(code)));
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			if ((await fetch(`${origin}/healthz`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`${origin} did not start`);
		await new Promise((r) => setTimeout(r, 200));
	}
	// The suite's other tests may have queued SMS: let the provider answer them at once.
	const drain = setInterval(() => {
		for (const h of held.filter((h) => !h.phone.startsWith('0399'))) h.answer();
		held = held.filter((h) => h.phone.startsWith('0399'));
	}, 50);
	drain.unref();
});

test.afterAll(async () => {
	if (app.exitCode === null) app.kill('SIGKILL');
	for (const h of held) h.answer();
	await new Promise((r) => smsServer.close(r));
});

test('/healthz and /readyz answer JSON, before any locale redirect or session', async ({
	request
}) => {
	// An English locale cookie redirects pages to /en/…; the probes are not pages.
	const headers = { cookie: 'PARAGLIDE_LOCALE=en' };
	const health = await request.get(`${origin}/healthz`, { headers, maxRedirects: 0 });
	expect(health.status()).toBe(200);
	expect(await health.json()).toEqual({ status: 'ok' });
	expect(health.headers()['cache-control']).toBe('no-store');

	const ready = await request.get(`${origin}/readyz`, { headers, maxRedirects: 0 });
	expect(ready.status()).toBe(200);
	expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', storage: 'ok' } });
	// HEAD too (some load balancers use it).
	expect((await request.head(`${origin}/healthz`)).status()).toBe(200);
});

test('one JSON line per request: request id, route id, status, duration; no path, query or personal data', async ({
	request
}) => {
	const id = `e2e-${Date.now().toString(36)}-tracking`;
	const r = await request.get(`${origin}/tra-cuu?ma=KN-HNAA-2222&so=0912345678`, {
		headers: { 'x-request-id': id }
	});
	expect(r.status()).toBe(200);
	expect(r.headers()['x-request-id']).toBe(id);

	// A redirect thrown by a hook (staff page while signed out) is logged with its status. (SvelteKit
	// builds that response itself, after the hooks: it carries no X-Request-Id header.)
	const staff = await request.get(`${origin}/staff/khieu-nai?loc=KN-HNAB-2222`, {
		maxRedirects: 0
	});
	expect(staff.status()).toBe(303);

	// A forged id (spaces, markup) is replaced.
	const forged = await request.get(`${origin}/healthz`, {
		headers: { 'x-request-id': 'abc <script> def ghi' }
	});
	expect(forged.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

	await expect.poll(() => logLines().find((l) => l.id === id)).toBeTruthy();
	const line = logLines().find((l) => l.id === id)!;
	expect(Object.keys(line).sort()).toEqual(
		['id', 'level', 'method', 'ms', 'msg', 'route', 'status', 'time'].sort()
	);
	expect(line).toMatchObject({
		level: 'info',
		msg: 'request',
		method: 'GET',
		route: '/(citizen)/tra-cuu',
		status: 200
	});
	expect(typeof line.ms).toBe('number');
	await expect
		.poll(() => logLines().find((l) => l.route === '/(staff)/staff/khieu-nai')?.status)
		.toBe(303);
	// Nothing of the address, the query or the person reaches the log.
	expect(stdout).not.toContain('KN-HNAA-2222');
	expect(stdout).not.toContain('KN-HNAB-2222');
	expect(stdout).not.toContain('0912345678');
	expect(stdout).not.toContain('?');
	expect(stdout).not.toContain(info().serviceKey);
});

const info = () =>
	JSON.parse(readFileSync(standinInfoFile(), 'utf8')) as { serviceKey: string; url: string };

test('SIGTERM: the in-flight request is answered and the SMS being sent is sent and recorded, then the process ends', async () => {
	const service = serviceClient();
	const phone = `0399${String(Date.now()).slice(-6)}`;
	const { data, error } = await service
		.from('notifications')
		.insert({
			channel: 'sms',
			recipient: phone,
			template: 'complaint_accepted',
			payload: { code: 'KN-HNAA-2222', resolve_due: '2026-12-30' }
		})
		.select('id')
		.single();
	expect(error).toBeNull();
	// The job runner claims it and the provider holds the send.
	await expect.poll(() => held.some((h) => h.phone === phone), { timeout: 15_000 }).toBe(true);

	// A form post whose body is still arriving when the signal comes.
	const body = 'code=KN-HNZZ-2Z22&secret=SAX23456';
	const inFlight = new Promise<number>((resolve, reject) => {
		const req = http.request(`${origin}/tra-cuu`, {
			method: 'POST',
			headers: {
				origin,
				'content-type': 'application/x-www-form-urlencoded',
				'content-length': String(body.length),
				'x-forwarded-for': '198.18.7.7'
			}
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('error', reject);
		req.write(body.slice(0, 10));
		setTimeout(() => req.end(body.slice(10)), 1500);
	});
	await new Promise((r) => setTimeout(r, 200));

	app.kill('SIGTERM');
	await expect.poll(() => logLines().some((l) => l.msg === 'shutdown started')).toBe(true);
	// The request is answered (its body completes 1.5 s after it started) …
	expect(await inFlight).toBeLessThan(500);
	// … and the server has closed; the send is answered only now, well after both.
	await new Promise((r) => setTimeout(r, 1000));
	expect(app.exitCode).toBeNull();
	for (const h of held.filter((h) => h.phone === phone)) h.answer();
	held = held.filter((h) => h.phone !== phone);

	expect(await exited).toBe(0);
	const { data: row } = await service
		.from('notifications')
		.select('status, claimed_until')
		.eq('id', data!.id)
		.single();
	expect(row).toMatchObject({ status: 'sent' });
	// Logged once the server has closed and the tick (if one still ran then) has ended. Whether
	// the tick outlasted the last connection depends on idle keep-alive connections: not asserted.
	const done = logLines().find((l) => l.msg === 'shutdown complete');
	expect(done).toMatchObject({ level: 'info' });
	expect(typeof done?.jobs_waited).toBe('boolean');
	// Exactly one send: no tick started after the signal.
	expect(received.filter((p) => p === phone)).toHaveLength(1);
});
