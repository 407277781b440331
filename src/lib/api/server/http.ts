/**
 * HTTP plumbing of /api/v1 (issue 19): one error shape (RFC 9457 problem details carrying the
 * app's coded errors, in Vietnamese or English by Accept-Language), responses parsed through the
 * API's zod schemas, ETag / If-None-Match, and CSV for tables.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { hasMessage, t } from '$lib/server/i18n';
import { toCsv } from '$lib/stats/csv';

type Lang = 'vi' | 'en';

/** The language of the answer: the first of vi/en in Accept-Language (q-values honoured), else vi. */
function negotiateLanguage(request: Request): Lang {
	const header = request.headers.get('accept-language') ?? '';
	const ranked = header
		.split(',')
		.map((part, i) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = Number(
				params
					.find((p) => p.trim().startsWith('q='))
					?.trim()
					.slice(2) ?? 1
			);
			return { lang: tag.trim().toLowerCase().split('-')[0], q: Number.isNaN(q) ? 0 : q, i };
		})
		.filter((x) => x.q > 0 && (x.lang === 'vi' || x.lang === 'en'))
		.sort((a, b) => b.q - a.q || a.i - b.i);
	return (ranked[0]?.lang as Lang | undefined) ?? 'vi';
}

/** A message by key in `lang` (through the server's one `t()`), or null when the app has no such key. */
function message(key: string, lang: Lang, params: Record<string, unknown> = {}) {
	return hasMessage(key) ? t(key, params, undefined, lang) : null;
}

/**
 * The title and detail of a coded error: the API's own texts first, then the features' messages
 * for the codes their SQL functions raise (procedures_err_*, reception_error_*, complaints_error_*).
 */
function describe(code: string, lang: Lang) {
	const title = message(`api_problem_${code}`, lang);
	const detail =
		message(`api_problem_${code}_detail`, lang) ??
		message(`procedures_err_${code}`, lang) ??
		message(`reception_error_${code}`, lang) ??
		message(`complaints_error_${code}`, lang);
	return {
		title: title ?? detail ?? message('api_problem_invalid_request', lang)!,
		detail: detail ?? message('api_problem_generic_detail', lang, { code })!
	};
}

export interface FieldProblem {
	field: string;
	code: string;
}

/** An application/problem+json response for a coded error. */
export function problem(
	request: Request,
	status: number,
	code: string,
	options: { errors?: FieldProblem[]; headers?: Record<string, string> } = {}
): Response {
	const lang = negotiateLanguage(request);
	const { title, detail } = describe(code, lang);
	const url = new URL(request.url);
	const body = {
		type: `${url.origin}/api/v1/problems/${code}`,
		title,
		status,
		detail,
		code,
		instance: url.pathname,
		...(options.errors
			? {
					errors: options.errors.map((e) => ({
						field: e.field,
						code: e.code,
						message:
							message(e.code, lang) ??
							message(`procedures_${e.code}`, lang) ??
							message('api_error_invalid', lang)!
					}))
				}
			: {})
	};
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			'content-type': 'application/problem+json; charset=utf-8',
			'content-language': lang,
			'cache-control': 'no-store',
			vary: 'Accept-Language',
			...options.headers
		}
	});
}

/** Thrown inside a handler to answer with a problem; caught by `handle`. */
export class ApiProblem extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly errors?: FieldProblem[],
		readonly headers?: Record<string, string>
	) {
		super(code);
	}
}

/** Field problems from a zod error: zod messages are message keys (STYLE.md, i18n). */
export function fieldProblems(error: z.ZodError, input: unknown, prefix = ''): FieldProblem[] {
	const at = (path: PropertyKey[]) =>
		path.reduce<unknown>(
			(v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
			input
		);
	return error.issues.map((i) => ({
		field: prefix + (i.path.join('.') || '(root)'),
		code: /^[a-z][a-z0-9_]*$/.test(i.message)
			? i.message
			: i.code === 'invalid_type' && at(i.path) === undefined
				? 'api_error_required'
				: 'api_error_invalid'
	}));
}

/** Parse query parameters with a schema, or throw a 400 problem naming the fields. */
export function parseQuery<T extends z.ZodType>(url: URL, schema: T): z.output<T> {
	const raw = Object.fromEntries(
		[...url.searchParams.entries()].filter(([k]) => k !== 'format' && k !== 'lang')
	);
	const parsed = schema.safeParse(raw);
	if (!parsed.success)
		throw new ApiProblem(400, 'invalid_request', fieldProblems(parsed.error, raw));
	return parsed.data;
}

/**
 * Wrap a handler: ApiProblem → problem response; anything else → logged, 500 problem (the
 * details go to the server log only, as in hooks.server.ts).
 */
export function handle<E extends { request: Request; url: URL }>(
	fn: (event: E) => Promise<Response>
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			return await fn(event);
		} catch (e) {
			if (e instanceof ApiProblem)
				return problem(event.request, e.status, e.code, { errors: e.errors, headers: e.headers });
			console.error(`[api] ${event.request.method} ${event.url.pathname}:`, e);
			return problem(event.request, 500, 'internal');
		}
	};
}

export interface SendOptions {
	/** Cache-Control for a public answer; private answers are `no-store`. */
	cache?: string;
	status?: number;
	headers?: Record<string, string>;
}

/** A weak ETag over the body: equal bodies, equal tags, on every server. */
function etagOf(body: string): string {
	return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

function notModified(request: Request, etag: string): boolean {
	const header = request.headers.get('if-none-match');
	if (!header) return false;
	if (header.trim() === '*') return true;
	const strip = (t: string) => t.trim().replace(/^W\//, '');
	return header.split(',').some((t) => strip(t) === strip(etag));
}

/** Body + ETag, or 304 when the client's copy is current. */
function send(request: Request, body: string, contentType: string, options: SendOptions) {
	const etag = etagOf(body);
	const headers: Record<string, string> = {
		'cache-control': options.cache ?? 'no-store',
		etag,
		vary: 'Accept, Accept-Language',
		...options.headers
	};
	if (options.cache && notModified(request, etag))
		return new Response(null, { status: 304, headers });
	return new Response(body, {
		status: options.status ?? 200,
		headers: { 'content-type': contentType, ...headers }
	});
}

/**
 * A JSON answer, parsed through its schema first: fields the contract does not name are dropped,
 * and a shape that does not match it is a server error, never a silent change of the contract.
 */
export function sendJson<T extends z.ZodType>(
	request: Request,
	schema: T,
	data: z.input<T>,
	options: SendOptions = {}
): Response {
	const body = JSON.stringify(schema.parse(data));
	return send(request, body, 'application/json; charset=utf-8', options);
}

/** Whether the client asked for CSV (Accept: text/csv or ?format=csv). */
export function wantsCsv(request: Request, url: URL): boolean {
	const format = url.searchParams.get('format');
	if (format) return format === 'csv';
	const accept = request.headers.get('accept') ?? '';
	return /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept);
}

/** A CSV answer (RFC 4180, UTF-8 with BOM so spreadsheets read the diacritics). */
export function sendCsv(
	request: Request,
	columns: string[],
	rows: Record<string, unknown>[],
	filename: string,
	options: SendOptions = {}
): Response {
	const body = toCsv([columns, ...rows.map((r) => columns.map((c) => r[c]))]);
	return send(request, body, 'text/csv; charset=utf-8; header=present', {
		...options,
		headers: { 'content-disposition': `inline; filename="${filename}"`, ...options.headers }
	});
}
