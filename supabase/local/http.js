// Small HTTP helpers shared by the REST, Auth and Storage handlers (plain node:http).

/**
 * An error that already knows its HTTP status and JSON body, in the shape of the service that
 * raised it (PostgREST `{code, details, hint, message}`, GoTrue `{code, error_code, msg}`,
 * Storage `{statusCode, error, message}`).
 */
export class ApiError extends Error {
	/**
	 * @param {number} status
	 * @param {Record<string, unknown>} body
	 * @param {Record<string, string>} [headers]
	 */
	constructor(status, body, headers = {}) {
		super(String(body.message ?? body.msg ?? body.error ?? `HTTP ${status}`));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

export const CORS_HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD',
	'access-control-allow-headers':
		'authorization, apikey, content-type, prefer, range, range-unit, accept, accept-profile, content-profile, x-client-info, x-upsert, cache-control, x-supabase-api-version, x-retry-count, x-metadata',
	'access-control-expose-headers':
		'content-range, content-location, x-total-count, link, x-supabase-api-version'
};

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body already a string (JSON text) or a value to JSON.stringify; null → no body
 * @param {Record<string, string | number>} [headers]
 */
export function send(res, status, body, headers = {}) {
	if (res.headersSent || res.writableEnded) return;
	const text =
		body === null || body === undefined
			? ''
			: typeof body === 'string'
				? body
				: JSON.stringify(body);
	/** @type {Record<string, string | number>} */
	const h = { ...CORS_HEADERS, ...headers };
	if (text !== '' && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) {
		h['content-type'] = 'application/json; charset=utf-8';
	}
	h['content-length'] = Buffer.byteLength(text);
	res.writeHead(status, h);
	res.end(text);
}

/**
 * Read the whole request body, refusing more than `limit` bytes (the connection is then drained
 * but the data dropped, so a huge upload cannot exhaust memory).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer>}
 */
export function readBody(req, limit) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooBig = false;
		req.on('data', (/** @type {Buffer} */ c) => {
			size += c.length;
			if (size > limit) {
				tooBig = true;
				chunks.length = 0;
				return;
			}
			if (!tooBig) chunks.push(c);
		});
		req.on('end', () => {
			if (tooBig) reject(Object.assign(new Error('body too large'), { tooLarge: true, size }));
			else resolve(Buffer.concat(chunks));
		});
		req.on('error', reject);
	});
}

/**
 * Parse a JSON body; undefined for an empty body.
 * @param {Buffer} buf
 * @returns {{ ok: true, value: any } | { ok: false }}
 */
export function parseJson(buf) {
	const text = buf.toString('utf8');
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/**
 * The bearer token and apikey of a request. supabase-js sends both (`apikey: <anon key>` and
 * `Authorization: Bearer <session access token or anon key>`).
 * @param {import('node:http').IncomingMessage} req
 * @param {URL} url
 */
export function credentials(req, url) {
	const auth = req.headers.authorization;
	const m = typeof auth === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
	const apikey =
		(typeof req.headers.apikey === 'string' ? req.headers.apikey : null) ??
		url.searchParams.get('apikey');
	return { bearer: m?.[1] ?? null, apikey, hasAuthHeader: typeof auth === 'string' };
}

/**
 * decodeURIComponent that reports a malformed escape (`%ZZ`) as a 400 instead of throwing.
 * @param {string} s
 * @param {(msg: string) => Error} makeError
 */
export function safeDecode(s, makeError) {
	try {
		return decodeURIComponent(s);
	} catch {
		throw makeError(`Malformed percent-encoding in "${s.slice(0, 100)}"`);
	}
}
