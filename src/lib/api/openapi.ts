/**
 * The OpenAPI 3.1 document of /api/v1 (issue 19), built from the zod schemas the handlers parse
 * their answers and inputs with (./schemas.ts): z.toJSONSchema gives JSON Schema 2020-12, which is
 * OpenAPI 3.1's schema dialect. The list of operations below is the only hand-written part; the
 * contract tests call every operation and validate every answer against this document.
 */
import { z } from 'zod';
import * as S from './schemas';
import { API_VERSION } from './version';

type Json = Record<string, unknown>;
type Security = 'public' | 'tracking' | 'partner';

export interface Operation {
	method: 'get' | 'post';
	path: string;
	id: string;
	tag: 'catalogue' | 'offices' | 'statistics' | 'tracking' | 'partner' | 'meta';
	summary: { vi: string; en: string };
	security: Security;
	query?: z.ZodType;
	path_params?: Record<string, string>;
	headers?: { name: string; description: string; required: boolean }[];
	body?: z.ZodType;
	/** Success: status → component name (or null for no body). */
	ok: Record<number, keyof typeof S.COMPONENTS | null>;
	csv?: boolean;
	cached?: boolean;
	errors: number[];
}

export const OPERATIONS: Operation[] = [
	{
		method: 'get',
		path: '/procedures',
		id: 'listProcedures',
		tag: 'catalogue',
		summary: {
			vi: 'Danh mục thủ tục (tìm kiếm theo từ khóa, lọc theo nhóm)',
			en: 'Procedure catalogue (search, filter by topic)'
		},
		security: 'public',
		query: S.procedureQuery,
		ok: { 200: 'ProcedureList' },
		csv: true,
		cached: true,
		errors: [400]
	},
	{
		method: 'get',
		path: '/procedures/{code}',
		id: 'getProcedure',
		tag: 'catalogue',
		summary: {
			vi: 'Một thủ tục: phiên bản, hồ sơ, phí, thời hạn, căn cứ pháp lý, mã quốc gia',
			en: 'One procedure: version, documents, fees, time, legal basis, national code'
		},
		security: 'public',
		path_params: { code: 'Procedure code.' },
		ok: { 200: 'Procedure' },
		cached: true,
		errors: [404]
	},
	{
		method: 'get',
		path: '/offices',
		id: 'listOffices',
		tag: 'offices',
		summary: {
			vi: 'Danh bạ cơ quan tiếp công dân và giờ tiếp; gần nhất trước khi có lat, lng',
			en: 'Receiving offices and reception hours; nearest first given lat, lng'
		},
		security: 'public',
		query: S.officeQuery,
		ok: { 200: 'OfficeList' },
		csv: true,
		cached: true,
		errors: [400]
	},
	{
		method: 'get',
		path: '/offices/{code}',
		id: 'getOffice',
		tag: 'offices',
		summary: { vi: 'Một cơ quan tiếp công dân', en: 'One receiving office' },
		security: 'public',
		path_params: { code: 'Office code.' },
		ok: { 200: 'Office' },
		cached: true,
		errors: [404]
	},
	{
		method: 'get',
		path: '/offices/{code}/availability',
		id: 'getAvailability',
		tag: 'offices',
		summary: {
			vi: 'Các khung giờ còn chỗ đặt lịch tiếp công dân trong một ngày',
			en: 'Reception slots with places left on one day'
		},
		security: 'public',
		path_params: { code: 'Office code.' },
		query: S.availabilityQuery,
		ok: { 200: 'Availability' },
		cached: true,
		errors: [400, 404]
	},
	{
		method: 'get',
		path: '/statistics',
		id: 'getStatistics',
		tag: 'statistics',
		summary: {
			vi: 'Thống kê công khai kết quả thi hành án theo tỉnh (như trang thống kê công khai)',
			en: 'Public enforcement statistics by province (as on the public statistics page)'
		},
		security: 'public',
		query: S.statsQuery,
		ok: { 200: 'PublicStats' },
		csv: true,
		cached: true,
		errors: [400]
	},
	{
		method: 'get',
		path: '/tracking',
		id: 'getTracking',
		tag: 'tracking',
		summary: {
			vi: 'Trạng thái và diễn biến của đơn, lịch hẹn hoặc hồ sơ thủ tục',
			en: 'Status and timeline of a complaint, booking or application'
		},
		security: 'tracking',
		headers: [
			{ name: 'X-Tracking-Code', description: 'Tracking code (KN-, LH-, HS-…).', required: true },
			{ name: 'X-Tracking-Secret', description: 'The 8-character secret.', required: true }
		],
		ok: { 200: 'Tracking' },
		errors: [400, 404, 429]
	},
	{
		method: 'post',
		path: '/partner/applications',
		id: 'submitPartnerApplication',
		tag: 'partner',
		summary: {
			vi: 'Đối tác nộp hồ sơ thủ tục đã tiếp nhận qua kênh của mình (cần khóa đối tác và Idempotency-Key)',
			en: 'A partner files an application received through its channel (partner key and Idempotency-Key)'
		},
		security: 'partner',
		headers: [
			{
				name: 'Idempotency-Key',
				description: 'Unique per submission: a retry with the same key gets the first answer.',
				required: true
			}
		],
		body: S.PartnerApplicationInput,
		ok: { 201: 'PartnerSubmission', 200: 'PartnerSubmission' },
		errors: [400, 401, 403, 409, 429]
	}
];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Component schemas: JSON Schema 2020-12 from zod, with references between them. */
function components(): Record<string, Json> {
	const registry = z.registry<{ id: string }>();
	for (const [id, schema] of Object.entries(S.COMPONENTS)) registry.add(schema, { id });
	const out = z.toJSONSchema(registry, {
		target: 'draft-2020-12',
		io: 'output',
		uri: (id) => `#/components/schemas/${id}`
	}).schemas as Record<string, Json>;
	for (const s of Object.values(out)) {
		delete s.$schema;
		delete s.$id;
	}
	return out;
}

/** Query parameters from a zod object schema (the same one the handler parses with). */
function queryParameters(schema: z.ZodType): Json[] {
	const js = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as {
		properties?: Record<string, Json>;
		required?: string[];
	};
	return Object.entries(js.properties ?? {}).map(([name, s]) => {
		const { description, ...schema } = s;
		return {
			name,
			in: 'query',
			required: (js.required ?? []).includes(name),
			...(description ? { description } : {}),
			schema
		};
	});
}

/** A request body's schema (input side: what the client sends), without the dialect marker. */
function bodySchema(schema: z.ZodType): Json {
	const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
		target: 'draft-2020-12',
		io: 'input'
	}) as Json;
	return rest;
}

const problemResponse = (description: string) => ({
	description,
	content: { 'application/problem+json': { schema: ref('Problem') } }
});

const ERROR_TEXT: Record<number, string> = {
	400: 'Invalid parameters (problem details name the fields).',
	401: 'Missing or unknown partner key.',
	403: 'The key is revoked or lacks the scope.',
	404: 'Not found.',
	409: 'The idempotency key was used with a different request.',
	429: 'Too many requests (see Retry-After).'
};

function operation(op: Operation): Json {
	const parameters: Json[] = [
		...Object.entries(op.path_params ?? {}).map(([name, description]) => ({
			name,
			in: 'path',
			required: true,
			description,
			schema: { type: 'string', maxLength: 100 }
		})),
		...(op.query ? queryParameters(op.query) : []),
		...(op.csv
			? [
					{
						name: 'format',
						in: 'query',
						required: false,
						description: 'csv for a CSV table (same as Accept: text/csv).',
						schema: { type: 'string', enum: ['json', 'csv'] }
					}
				]
			: []),
		...(op.cached
			? [
					{
						name: 'If-None-Match',
						in: 'header',
						required: false,
						description: 'ETag of a copy held: 304 when it is current.',
						schema: { type: 'string' }
					}
				]
			: []),
		...(op.headers ?? []).map((h) => ({
			name: h.name,
			in: 'header',
			required: h.required,
			description: h.description,
			schema: { type: 'string', maxLength: h.name === 'Idempotency-Key' ? 200 : 40 }
		})),
		{
			name: 'Accept-Language',
			in: 'header',
			required: false,
			description: 'vi (default) or en: the language of error messages.',
			schema: { type: 'string' }
		}
	];
	const responses: Json = {};
	for (const [status, name] of Object.entries(op.ok)) {
		const content: Json = name ? { 'application/json': { schema: ref(name) } } : {};
		if (op.csv) content['text/csv'] = { schema: { type: 'string' } };
		responses[status] = {
			description: op.summary.en,
			headers: op.cached
				? {
						ETag: { description: 'Entity tag of this answer.', schema: { type: 'string' } },
						'Cache-Control': { description: 'How long it may be kept.', schema: { type: 'string' } }
					}
				: undefined,
			...(name || op.csv ? { content } : {})
		};
	}
	if (op.cached) responses['304'] = { description: 'Not modified (If-None-Match matched).' };
	for (const status of op.errors) responses[String(status)] = problemResponse(ERROR_TEXT[status]!);
	responses['500'] = problemResponse('Unexpected error.');
	return {
		operationId: op.id,
		tags: [op.tag],
		summary: op.summary.en,
		description: op.summary.vi,
		...(op.security === 'public'
			? { security: [] }
			: op.security === 'partner'
				? { security: [{ partnerKey: [] }] }
				: { security: [] }),
		parameters,
		...(op.body
			? {
					requestBody: {
						required: true,
						content: {
							'application/json': {
								schema: bodySchema(op.body)
							}
						}
					}
				}
			: {}),
		responses: JSON.parse(JSON.stringify(responses))
	};
}

/** The whole document. `server` is the origin the API is served from. */
export function openApiDocument(server = '/'): Json {
	const paths: Record<string, Json> = {
		'/openapi.json': {
			get: {
				operationId: 'getOpenApi',
				tags: ['meta'],
				summary: 'This document',
				security: [],
				responses: {
					200: {
						description: 'The OpenAPI 3.1 document.',
						content: { 'application/json': { schema: { type: 'object' } } }
					}
				}
			}
		}
	};
	for (const op of OPERATIONS) {
		paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operation(op) };
	}
	return {
		openapi: '3.1.1',
		info: {
			title: 'THADS online support — open API',
			version: API_VERSION,
			summary: 'Cổng hỗ trợ trực tuyến Thi hành án dân sự — API mở',
			description:
				'Public catalogue, offices, booking availability and statistics; citizen tracking with ' +
				'code and secret in headers; partner submissions with keys issued by an administrator. ' +
				'Errors are RFC 9457 problem details in Vietnamese or English (Accept-Language).',
			license: { name: 'Public data', identifier: 'CC-BY-4.0' }
		},
		jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
		servers: [{ url: `${server.replace(/\/$/, '')}/api/v1` }],
		tags: [
			{ name: 'catalogue', description: 'Procedure catalogue' },
			{ name: 'offices', description: 'Receiving offices and booking availability' },
			{ name: 'statistics', description: 'Public statistics' },
			{ name: 'tracking', description: 'Citizen tracking (code + secret in headers)' },
			{ name: 'partner', description: 'Partner submissions (key issued by an administrator)' },
			{ name: 'meta', description: 'This document' }
		],
		paths,
		components: {
			schemas: components(),
			securitySchemes: {
				partnerKey: {
					type: 'http',
					scheme: 'bearer',
					description:
						'A partner key issued by an administrator (Authorization: Bearer thads_pk_…).'
				}
			}
		}
	};
}
