// Contract tests of /api/v1 (issue 19): every operation of the OpenAPI document is called, and
// every answer (status, content type, body) is validated against the document the server serves.
// The document's own validity and its version/changelog pin are in tests/unit/api-openapi.test.ts.
// HTTP only: run in the desktop project (the browser plays no part).
import { expect, test, type APIResponse } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { serviceClient } from './helpers';

const requireFromValidator = createRequire(
	createRequire(import.meta.url).resolve('@seriousme/openapi-schema-validator')
);
const { Ajv2020 } = requireFromValidator('ajv/dist/2020.js');
const addFormats = requireFromValidator('ajv-formats').default;

type Doc = {
	paths: Record<string, Record<string, { operationId: string; responses: Record<string, Resp> }>>;
};
type Resp = { content?: Record<string, { schema: object }> };

test.describe.configure({ mode: 'serial' });

let doc: Doc;
let ajv: { getSchema(ref: string): ((v: unknown) => boolean) & { errors?: unknown } };
/** operationId → statuses seen and validated. */
const seen = new Map<string, Set<string>>();

const pointer = (...parts: string[]) =>
	parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Validates one answer of `method path` (the document's templated path) against the document. */
async function check(res: APIResponse, method: string, path: string): Promise<unknown> {
	const op = doc.paths[path]?.[method];
	expect(op, `${method} ${path} is in the document`).toBeTruthy();
	const status = String(res.status());
	const declared = op!.responses[status];
	expect(declared, `${op!.operationId} declares status ${status}`).toBeTruthy();
	const set = seen.get(op!.operationId) ?? new Set<string>();
	set.add(status);
	seen.set(op!.operationId, set);
	const type = (res.headers()['content-type'] ?? '').split(';')[0]!.trim();
	if (!declared!.content) {
		expect(await res.body()).toHaveLength(0);
		return null;
	}
	expect(Object.keys(declared!.content), `${op!.operationId} ${status} declares ${type}`).toContain(
		type
	);
	if (!type.includes('json')) return await res.text();
	const body = await res.json();
	const validate = ajv.getSchema(
		`doc#/${pointer('paths', path, method, 'responses', status, 'content', type, 'schema')}`
	);
	expect(validate, 'schema compiles').toBeTruthy();
	const ok = validate!(body);
	expect(ok, JSON.stringify(validate!.errors, null, 1)).toBe(true);
	return body;
}

test.beforeAll(async ({ request }, info) => {
	test.skip(info.project.name !== 'desktop', 'HTTP contract: one browser project is enough');
	const res = await request.get('/api/v1/openapi.json');
	expect(res.status()).toBe(200);
	doc = (await res.json()) as Doc;
	const a = new Ajv2020({ strict: false, allErrors: true });
	addFormats(a);
	a.addSchema({ $id: 'doc', ...doc });
	ajv = a;
});

test('catalogue: list, search, CSV, ETag, one procedure, unknown code, invalid query', async ({
	request
}) => {
	const list = (await check(await request.get('/api/v1/procedures'), 'get', '/procedures')) as {
		items: { code: string; online: boolean }[];
		total: number;
	};
	expect(list.total).toBeGreaterThan(0);
	expect(list.items).toHaveLength(list.total);

	const found = (await check(
		await request.get('/api/v1/procedures?q=' + encodeURIComponent('yeu cau thi hanh an')),
		'get',
		'/procedures'
	)) as { items: { code: string }[]; query: string };
	expect(found.items[0]?.code).toBe('yeu-cau-thi-hanh-an');

	const csv = await request.get('/api/v1/procedures', { headers: { accept: 'text/csv' } });
	const text = (await check(csv, 'get', '/procedures')) as string;
	expect(text.split('\r\n')[0]).toContain('code,national_code,version');
	expect(text).toContain('yeu-cau-thi-hanh-an');

	const first = await request.get('/api/v1/procedures');
	const etag = first.headers()['etag']!;
	expect(first.headers()['cache-control']).toContain('public');
	const again = await request.get('/api/v1/procedures', { headers: { 'if-none-match': etag } });
	expect(again.status()).toBe(304);
	await check(again, 'get', '/procedures');

	const one = (await check(
		await request.get('/api/v1/procedures/yeu-cau-thi-hanh-an'),
		'get',
		'/procedures/{code}'
	)) as { version: number; legal_basis: string; documents: unknown[] };
	expect(one.version).toBeGreaterThanOrEqual(1);
	expect(one.legal_basis.length).toBeGreaterThan(0);
	const oneTag = (await request.get('/api/v1/procedures/yeu-cau-thi-hanh-an')).headers()['etag']!;
	await check(
		await request.get('/api/v1/procedures/yeu-cau-thi-hanh-an', {
			headers: { 'if-none-match': oneTag }
		}),
		'get',
		'/procedures/{code}'
	);

	const missing = await request.get('/api/v1/procedures/khong-co', {
		headers: { 'accept-language': 'en' }
	});
	const problem = (await check(missing, 'get', '/procedures/{code}')) as Record<string, unknown>;
	expect(problem).toMatchObject({
		status: 404,
		code: 'procedure_not_found',
		title: 'Procedure not found'
	});
	expect(missing.headers()['content-language']).toBe('en');

	const invalid = (await check(
		await request.get('/api/v1/procedures?q=' + 'x'.repeat(201)),
		'get',
		'/procedures'
	)) as { errors: { field: string; message: string }[] };
	expect(invalid.errors[0]).toMatchObject({ field: 'q', message: 'Giá trị quá dài' });
});

test('offices: directory, nearest first, CSV, one office, availability of a day', async ({
	request
}) => {
	const all = (await check(await request.get('/api/v1/offices'), 'get', '/offices')) as {
		items: { code: string; reception_hours: string | null }[];
	};
	expect(all.items.map((o) => o.code)).toContain('HN-KV1');
	// Hà Nội, Hoàn Kiếm: a Hà Nội office comes first.
	const near = (await check(
		await request.get('/api/v1/offices?lat=21.028&lng=105.852'),
		'get',
		'/offices'
	)) as { items: { code: string; distance_km?: number }[] };
	expect(near.items[0]?.code).toMatch(/^HN/);
	expect(near.items[0]?.distance_km).toBeLessThan(30);
	const tag = (await request.get('/api/v1/offices')).headers()['etag']!;
	await check(
		await request.get('/api/v1/offices', { headers: { 'if-none-match': tag } }),
		'get',
		'/offices'
	);
	const csv = (await check(
		await request.get('/api/v1/offices?format=csv'),
		'get',
		'/offices'
	)) as string;
	expect(csv).toContain('HN-KV1');
	const bad = (await check(await request.get('/api/v1/offices?lat=91'), 'get', '/offices')) as {
		code: string;
	};
	expect(bad.code).toBe('invalid_request');

	await check(await request.get('/api/v1/offices/HN-KV1'), 'get', '/offices/{code}');
	const officeTag = (await request.get('/api/v1/offices/HN-KV1')).headers()['etag']!;
	await check(
		await request.get('/api/v1/offices/HN-KV1', { headers: { 'if-none-match': officeTag } }),
		'get',
		'/offices/{code}'
	);
	await check(await request.get('/api/v1/offices/KHONG-CO'), 'get', '/offices/{code}');

	// The first day in the coming two weeks with a slot (weekends and holidays have none).
	let withSlots: { slots: { places_left: number }[] } | null = null;
	let lastTag = '';
	let lastDay = '';
	for (let i = 1; i <= 14 && !withSlots; i++) {
		const day = new Date(Date.now() + (7 + 24 * i) * 3600_000).toISOString().slice(0, 10);
		const res = await request.get(`/api/v1/offices/HN-KV1/availability?day=${day}`);
		const a = (await check(res, 'get', '/offices/{code}/availability')) as {
			slots: { places_left: number }[];
		};
		if (a.slots.length) {
			withSlots = a;
			lastTag = res.headers()['etag']!;
			lastDay = day;
		}
	}
	expect(withSlots?.slots[0]?.places_left).toBeGreaterThan(0);
	await check(
		await request.get(`/api/v1/offices/HN-KV1/availability?day=${lastDay}`, {
			headers: { 'if-none-match': lastTag }
		}),
		'get',
		'/offices/{code}/availability'
	);
	await check(
		await request.get('/api/v1/offices/HN-KV1/availability?day=2026-02-30'),
		'get',
		'/offices/{code}/availability'
	);
	await check(
		await request.get(`/api/v1/offices/KHONG-CO/availability?day=${lastDay}`),
		'get',
		'/offices/{code}/availability'
	);
});

test('statistics: the public page figures as JSON and CSV, ETag, invalid period', async ({
	request
}) => {
	const s = (await check(await request.get('/api/v1/statistics'), 'get', '/statistics')) as {
		period: { work_year: number; month_index: number } | null;
		rows: { code: string; cases_finished: string }[];
	};
	expect(s.period).not.toBeNull();
	expect(s.rows.length).toBeGreaterThan(0);
	const p = `${s.period!.work_year}-${s.period!.month_index}`;
	const csv = (await check(
		await request.get(`/api/v1/statistics?period=${p}`, { headers: { accept: 'text/csv' } }),
		'get',
		'/statistics'
	)) as string;
	expect(csv).toContain(`${s.rows[0]!.code},`);
	const tag = (await request.get('/api/v1/statistics')).headers()['etag']!;
	await check(
		await request.get('/api/v1/statistics', { headers: { 'if-none-match': tag } }),
		'get',
		'/statistics'
	);
	await check(await request.get('/api/v1/statistics?period=2026'), 'get', '/statistics');
});

test('tracking: code and secret in headers; the same answer for a wrong secret', async ({
	request
}) => {
	const { data, error } = await serviceClient().rpc('submit_complaint', {
		idempotency_key: crypto.randomUUID(),
		payload: {
			kind: 'petition',
			unit_id: '00000000-0000-4000-a000-000000000011',
			consent: true,
			content: 'Đề nghị cho biết tiến độ thi hành bản án dân sự số 12/2025/DS-ST của tôi.',
			request: 'Trả lời bằng văn bản',
			filer: { full_name: 'Người tra cứu qua API', phone: '0912345678' }
		}
	});
	expect(error).toBeNull();
	const { code, secret } = (Array.isArray(data) ? data[0] : data) as {
		code: string;
		secret: string;
	};
	const ok = (await check(
		await request.get('/api/v1/tracking', {
			headers: { 'x-tracking-code': code, 'x-tracking-secret': secret }
		}),
		'get',
		'/tracking'
	)) as { kind: string; status: string; timeline: unknown[] };
	expect(ok.kind).toBe('complaint');
	expect(ok.timeline.length).toBeGreaterThan(0);
	// No personal data in the API's view.
	expect(JSON.stringify(ok)).not.toContain('Người tra cứu qua API');

	const wrong = (await check(
		await request.get('/api/v1/tracking', {
			headers: { 'x-tracking-code': code, 'x-tracking-secret': '23456789' }
		}),
		'get',
		'/tracking'
	)) as { code: string };
	expect(wrong.code).toBe('tracking_not_found');
	const inQuery = (await check(
		await request.get(`/api/v1/tracking?code=${code}&secret=${secret}`),
		'get',
		'/tracking'
	)) as { code: string };
	expect(inQuery.code).toBe('tracking_credentials_required');
});

/** A partner and a key arranged by the service role (issuing through the admin page is api-partner.spec.ts). */
async function partnerKey(scopes: string[], rate: number): Promise<string> {
	const service = serviceClient();
	const partner = await service
		.from('partners')
		.insert({ name: `Đối tác hợp đồng ${randomBytes(4).toString('hex')}` })
		.select('id')
		.single();
	expect(partner.error).toBeNull();
	const key = `thads_pk_${randomBytes(20).toString('hex')}`;
	const { error } = await service.from('partner_keys').insert({
		partner_id: partner.data!.id,
		prefix: key.slice(0, 17),
		key_hash: createHash('sha256').update(key).digest('hex'),
		scopes,
		rate_per_minute: rate
	});
	expect(error).toBeNull();
	return key;
}

test('partner submissions: created, replayed, refused in every declared way', async ({
	request
}) => {
	const body = {
		procedure_code: 'xac-nhan-ket-qua-thi-hanh-an',
		office: 'HN-KV1',
		applicant: { name: 'Phạm Văn Hợp Đồng', email: 'hopdong@example.vn' },
		answers: { so_quyet_dinh_tha: '7/QĐ-THADS', tu_cach: 'duoc_thi_hanh' }
	};
	const path = '/partner/applications';
	const post = (headers: Record<string, string>, data: unknown = body) =>
		request.post('/api/v1/partner/applications', { headers, data });
	const key = await partnerKey(['applications:submit'], 2);
	const auth = { authorization: `Bearer ${key}`, 'accept-language': 'en' };
	const idem = crypto.randomUUID();
	const created = (await check(await post({ ...auth, 'idempotency-key': idem }), 'post', path)) as {
		code: string;
	};
	expect(created.code).toMatch(/^HS-/);
	const replayed = await post({ ...auth, 'idempotency-key': idem });
	expect(replayed.status()).toBe(200);
	await check(replayed, 'post', path);
	// The key allows 2 a minute: this is the third.
	const limited = await post({ ...auth, 'idempotency-key': crypto.randomUUID() });
	expect(limited.status()).toBe(429);
	expect(limited.headers()['retry-after']).toBe('60');
	await check(limited, 'post', path);

	const other = await partnerKey(['applications:submit'], 60);
	const otherAuth = { authorization: `Bearer ${other}` };
	const conflict = await post({ ...otherAuth, 'idempotency-key': 'same-key' });
	expect(conflict.status()).toBe(201);
	const reused = await post(
		{ ...otherAuth, 'idempotency-key': 'same-key' },
		{ ...body, office: 'HN-KV2' }
	);
	expect(reused.status()).toBe(409);
	await check(reused, 'post', path);
	const unknownProcedure = (await check(
		await post(
			{ ...otherAuth, 'idempotency-key': crypto.randomUUID() },
			{ ...body, procedure_code: 'khong-co' }
		),
		'post',
		path
	)) as { code: string };
	expect(unknownProcedure.code).toBe('procedure_not_found');
	await check(await post({ 'idempotency-key': crypto.randomUUID() }), 'post', path);
	const wrongKey = await post({
		authorization: `Bearer ${other}x`,
		'idempotency-key': crypto.randomUUID()
	});
	expect(wrongKey.status()).toBe(401);
	await check(wrongKey, 'post', path);

	const readOnly = await partnerKey(['applications:read'], 60);
	const scope = (await check(
		await post({ authorization: `Bearer ${readOnly}`, 'idempotency-key': crypto.randomUUID() }),
		'post',
		path
	)) as { code: string };
	expect(scope.code).toBe('partner_scope_missing');
});

test('the document itself, and a 404 in the same error shape outside any operation', async ({
	request
}) => {
	await check(await request.get('/api/v1/openapi.json'), 'get', '/openapi.json');
	const res = await request.get('/api/v1/no-such-thing');
	expect(res.status()).toBe(404);
	expect(res.headers()['content-type']).toContain('application/problem+json');
	const validate = ajv.getSchema('doc#/components/schemas/Problem')!;
	expect(validate(await res.json())).toBe(true);
});

test('every declared answer of every operation was exercised and validated', () => {
	/**
	 * Not exercised here, with the reason: 500 (an unexpected error has no honest trigger); the
	 * tracking 429 (exhausting the per-client tracking limit would lock this suite's other tracking
	 * pages for ten minutes — the limiter is shared with /tra-cuu and tested in tests/db).
	 */
	const exempt = new Set(['*:500', 'getTracking:429']);
	const missing: string[] = [];
	for (const methods of Object.values(doc.paths))
		for (const op of Object.values(methods))
			for (const status of Object.keys(op.responses))
				if (
					!exempt.has(`*:${status}`) &&
					!exempt.has(`${op.operationId}:${status}`) &&
					!seen.get(op.operationId)?.has(status)
				)
					missing.push(`${op.operationId}:${status}`);
	expect(missing).toEqual([]);
});
