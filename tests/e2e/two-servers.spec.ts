// Stateless app servers (issue 15, part 4; ARCHITECTURE.md rule 9): two app servers on one
// database behave as one. Limits live in the database, and a catalogue change reaches every
// server's in-memory copy within about a second. Both servers sit behind a "proxy" here
// (ADDRESS_HEADER=x-forwarded-for), so the test chooses each request's client address.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root, standinInfoFile } from './serve.js';
import { serviceClient } from './helpers';

const base = Number(process.env.E2E_PORT ?? 4173);
const ports = [base + 2, base + 3];
const origins = ports.map((p) => `http://127.0.0.1:${p}`);
const servers: ChildProcess[] = [];

// No browser needed: once, in the desktop project.
test.skip(
	({ javaScriptEnabled, viewport }) => javaScriptEnabled === false || (viewport?.width ?? 0) < 1000,
	'runs once, in the desktop project'
);
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
	const info = JSON.parse(readFileSync(standinInfoFile(), 'utf8')) as {
		url: string;
		anonKey: string;
		serviceKey: string;
		clientAddressKey: string;
	};
	for (const [i, port] of ports.entries()) {
		servers.push(
			spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
				cwd: root,
				stdio: ['ignore', 'ignore', 'inherit'],
				env: {
					...process.env,
					HOST: '127.0.0.1',
					PORT: String(port),
					ORIGIN: origins[i],
					ADDRESS_HEADER: 'x-forwarded-for',
					XFF_DEPTH: '1',
					PUBLIC_SUPABASE_URL: info.url,
					PUBLIC_SUPABASE_ANON_KEY: info.anonKey,
					SUPABASE_SERVICE_ROLE_KEY: info.serviceKey,
					// One deployment, one key (it is registered in the database).
					THADS_CLIENT_ADDRESS_KEY: info.clientAddressKey
				}
			})
		);
	}
	for (const origin of origins) {
		const deadline = Date.now() + 30_000;
		for (;;) {
			try {
				if ((await fetch(`${origin}/ngoai-tuyen`)).ok) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) throw new Error(`${origin} did not start`);
			await new Promise((r) => setTimeout(r, 200));
		}
	}
});

test.afterAll(() => {
	for (const s of servers) s.kill('SIGTERM');
});

/** A form POST to server `i` from the browser at `address` (as the proxy would forward it). */
function post(
	request: APIRequestContext,
	i: number,
	pathname: string,
	form: Record<string, string>,
	address: string
) {
	return request.post(`${origins[i]}${pathname}`, {
		form,
		headers: { origin: origins[i]!, 'x-forwarded-for': address, accept: 'text/html' },
		maxRedirects: 0
	});
}

const randomAddress = () =>
	`198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

test('sign-in throttling is shared: three failures on one server, the fourth try waits on the other', async ({
	request
}) => {
	const address = randomAddress();
	const email = `hai-may-${Date.now()}@thads.local`;
	for (let i = 0; i < 3; i++) {
		const r = await post(
			request,
			i % 2,
			'/staff/dang-nhap',
			{ email, password: `sai-${i}` },
			address
		);
		expect(r.status()).toBe(400);
	}
	const fourth = await post(request, 1, '/staff/dang-nhap', { email, password: 'sai-3' }, address);
	expect(fourth.status()).toBe(429);
	expect(await fourth.text()).toContain('quá nhiều lần');
	// Another browser is not refused for that account.
	const other = await post(
		request,
		0,
		'/staff/dang-nhap',
		{ email, password: 'sai' },
		randomAddress()
	);
	expect(other.status()).toBe(400);
});

test('the tracking limit is shared: 20 tries per client in 10 minutes, whichever server answers', async ({
	request
}) => {
	const address = randomAddress();
	for (let i = 0; i < 20; i++) {
		const r = await post(
			request,
			i % 2,
			'/tra-cuu',
			{ code: `KN-HNZZ-2${'23456789ABCDEFGHJKMNPQ'[i]}22`, secret: 'SAX23456' },
			address
		);
		expect(r.status(), `try ${i + 1}`).not.toBe(429);
	}
	for (const i of [0, 1]) {
		const r = await post(
			request,
			i,
			'/tra-cuu',
			{ code: 'KN-HNZZ-2Z22', secret: 'SAX23456' },
			address
		);
		expect(r.status()).toBe(429);
	}
});

test('a catalogue change shows on both servers within seconds', async ({ request }) => {
	const service = serviceClient();
	const { data } = await service
		.from('procedures')
		.select('id, code')
		.eq('is_active', true)
		.order('sort')
		.limit(1)
		.single();
	const { id, code } = data as { id: string; code: string };
	const statuses = async () =>
		Promise.all(origins.map(async (o) => (await request.get(`${o}/thu-tuc/${code}`)).status()));
	expect(await statuses()).toEqual([200, 200]); // both servers now hold the catalogue in memory

	try {
		await service.from('procedures').update({ is_active: false }).eq('id', id);
		await expect.poll(statuses, { timeout: 5_000, intervals: [250] }).toEqual([404, 404]);
	} finally {
		await service.from('procedures').update({ is_active: true }).eq('id', id);
	}
	await expect.poll(statuses, { timeout: 5_000, intervals: [250] }).toEqual([200, 200]);
});
