// The partner journey of /api/v1 (issue 19), desktop: an administrator issues a key and sets a
// webhook in the staff area; the partner files an application through the API; the officer sees
// it in the queue marked with its channel and starts checking it; a local webhook receiver gets
// the status change, signed with HMAC. Then the key is revoked and refused at once. Every API
// answer is validated against the served OpenAPI document.
import { expect, test, type APIResponse } from '@playwright/test';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { demoStaff, expectNoA11yViolations, signInAsStaff, signOut } from './helpers';
import { e2eJobsSecret } from './serve.js';

const requireFromValidator = createRequire(
	createRequire(import.meta.url).resolve('@seriousme/openapi-schema-validator')
);
const { Ajv2020 } = requireFromValidator('ajv/dist/2020.js');
const addFormats = requireFromValidator('ajv-formats').default;

interface Received {
	body: string;
	signature: string;
}

/** A local webhook receiver: records every POST, answers 204. */
function receiver(): Promise<{ server: Server; url: string; received: Received[] }> {
	const received: Received[] = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push({ body, signature: String(req.headers['x-thads-signature'] ?? '') });
			res.writeHead(204).end();
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const port = (server.address() as { port: number }).port;
			resolve({ server, url: `http://127.0.0.1:${port}/thads-hook`, received });
		})
	);
}

/** The receiver's check: HMAC-SHA256(secret, "<t>.<body>") in constant time. */
function verify(secret: string, r: Received): boolean {
	const m = r.signature.match(/^t=(\d+),v1=([0-9a-f]{64})$/);
	if (!m) return false;
	const expected = createHmac('sha256', secret).update(`${m[1]}.${r.body}`).digest();
	return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

test('a partner key issued by an administrator files an application the officer sees; the webhook gets the signed status change', async ({
	page,
	request
}, info) => {
	test.skip(info.project.name !== 'desktop', 'a staff journey: the desktop run is enough');
	test.setTimeout(120_000);
	const doc = await (await request.get('/api/v1/openapi.json')).json();
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats(ajv);
	ajv.addSchema({ $id: 'doc', ...doc });
	const valid = async (res: APIResponse) => {
		const status = String(res.status());
		const type = (res.headers()['content-type'] ?? '').split(';')[0]!;
		const validate = ajv.getSchema(
			`doc#/paths/~1partner~1applications/post/responses/${status}/content/${type.replace('/', '~1')}/schema`
		);
		expect(validate, `declared: ${status} ${type}`).toBeTruthy();
		const body = await res.json();
		expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
		return body;
	};
	const hook = await receiver();
	try {
		// 1. The administrator adds the partner, issues a key and sets the webhook.
		await signInAsStaff(page, demoStaff.admin, undefined, '/staff/doi-tac');
		await expect(page.getByRole('heading', { level: 1, name: 'Đối tác API' })).toBeVisible();
		await expectNoA11yViolations(page);
		const name = `Cổng một cửa thử nghiệm ${Date.now().toString(36)}`;
		await page.getByLabel('Tên tổ chức').fill(name);
		await page.getByRole('button', { name: 'Thêm đối tác' }).click();
		await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
		await page.getByRole('button', { name: `Cấp khóa mới cho ${name}` }).click();
		const key = (await page.getByTestId('issued-key').innerText()).trim();
		expect(key).toMatch(/^thads_pk_/);
		await page.getByLabel(`Địa chỉ webhook của ${name}`).fill(hook.url);
		await page.getByRole('region', { name }).getByRole('button', { name: 'Lưu webhook' }).click();
		const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		await signOut(page);

		// 2. The partner files an application; a retry with the same Idempotency-Key gets the same code.
		const idem = crypto.randomUUID();
		const body = {
			procedure_code: 'xac-nhan-ket-qua-thi-hanh-an',
			office: 'HN-KV1',
			applicant: { name: 'Lê Thị Qua Đối Tác', phone: '0987654321' },
			answers: { so_quyet_dinh_tha: '45/QĐ-THADS', tu_cach: 'duoc_thi_hanh' }
		};
		const post = (headers: Record<string, string>, data: unknown = body) =>
			request.post('/api/v1/partner/applications', { headers, data });
		const auth = { authorization: `Bearer ${key}` };
		const created = await post({ ...auth, 'idempotency-key': idem });
		expect(created.status()).toBe(201);
		const first = await valid(created);
		expect(first.code).toMatch(/^HS-/);
		const replay = await post({ ...auth, 'idempotency-key': idem });
		expect(replay.status()).toBe(200);
		expect(await valid(replay)).toMatchObject({ code: first.code, replayed: true });
		const conflict = await post(
			{ ...auth, 'idempotency-key': idem },
			{ ...body, applicant: { name: 'Người Khác', phone: '0987654322' } }
		);
		expect(conflict.status()).toBe(409);
		expect((await valid(conflict)).code).toBe('idempotency_conflict');
		const noIdem = await post(auth);
		expect(noIdem.status()).toBe(400);
		await valid(noIdem);
		const badBody = await post({ ...auth, 'idempotency-key': crypto.randomUUID() }, { office: 1 });
		expect(badBody.status()).toBe(400);
		expect((await valid(badBody)).errors.length).toBeGreaterThan(0);
		const noKey = await post({ 'idempotency-key': crypto.randomUUID() });
		expect(noKey.status()).toBe(401);
		await valid(noKey);

		// 3. The officer sees it in the queue, on the partner channel, and starts checking it.
		await signInAsStaff(page, demoStaff.proceduresHN1, undefined, '/staff/thu-tuc');
		await page.goto('/staff/thu-tuc?xem=tat-ca');
		const row = page.getByRole('row').filter({ hasText: first.code });
		await expect(row.getByText('Qua đối tác')).toBeVisible();
		await page.getByRole('link', { name: first.code }).click();
		await page.getByRole('button', { name: 'Bắt đầu kiểm tra hồ sơ' }).click();
		await signOut(page);

		// 4. The job runner sends the webhook; the receiver checks the signature.
		await expect
			.poll(
				async () => {
					await request.post('/api/jobs/run', {
						headers: { 'x-jobs-secret': e2eJobsSecret() },
						data: { jobs: ['api.webhooks'] }
					});
					return hook.received.length;
				},
				{ timeout: 20_000 }
			)
			.toBeGreaterThan(0);
		const delivery = hook.received[0]!;
		expect(verify(secret, delivery)).toBe(true);
		expect(verify('0'.repeat(64), delivery)).toBe(false);
		expect(JSON.parse(delivery.body)).toMatchObject({
			event: 'application.status_changed',
			code: first.code,
			status: 'checking',
			previous_status: 'submitted'
		});

		// 5. Revoked in the admin page: refused at once.
		await signInAsStaff(page, demoStaff.admin, undefined, '/staff/doi-tac');
		await expect(page.getByRole('cell', { name: 'delivered' }).first()).toBeVisible();
		await page.getByRole('button', { name: `Thu hồi khóa ${key.slice(0, 17)}` }).click();
		await expect(page.getByText(/Đã thu hồi lúc/).first()).toBeVisible();
		const refused = await post({ ...auth, 'idempotency-key': crypto.randomUUID() });
		expect(refused.status()).toBe(403);
		expect((await valid(refused)).code).toBe('partner_key_revoked');
	} finally {
		hook.server.close();
	}
});
