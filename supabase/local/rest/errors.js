// PostgreSQL error → PostgREST HTTP status and JSON body
// (PostgREST docs, references/errors.rst, "HTTP Status Codes").

import { ApiError } from '../http.js';
import { TimeoutError } from '../db.js';

/**
 * @param {string} code SQLSTATE
 * @param {string} role the request's role: 42501 is 401 for anon, 403 otherwise
 */
function statusForSqlState(code, role, message = '') {
	if (code === '42501') return role === 'anon' ? 401 : 403;
	// pg-safeupdate's refusal is the client's fault; any other cardinality violation (a sub-query
	// returning two rows) is the server's (PostgREST 14 Error.hs pgErrorStatus).
	if (code === '21000') return /requires a WHERE clause$/.test(message) ? 400 : 500;
	if (code === '57P01') return 503;
	if (code === '23503' || code === '23505') return 409;
	if (code === '25006') return 405;
	if (code === 'P0001') return 400;
	if (code === '42883' || code === '42P01') return 404;
	if (code === '42P17') return 500;
	if (code === '53400') return 500;
	if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
	const two = code.slice(0, 2);
	if (two === '08' || two === '53') return 503;
	if (two === '0L' || two === '0P' || two === '28') return 403;
	if (
		['09', '25', '2D', '38', '39', '3B', '40', '54', '55', '57', '58', 'F0', 'HV', 'XX'].includes(
			two
		)
	)
		return 500;
	if (two === 'P0') return 500;
	return 400;
}

/**
 * Convert anything thrown while serving a REST request into an ApiError.
 * @param {unknown} e
 * @param {string} role
 * @returns {ApiError}
 */
export function toApiError(e, role) {
	if (e instanceof ApiError) return e;
	if (e instanceof TimeoutError && /** @type {any} */ (e).statement) {
		// The role's statement_timeout, as PostgreSQL reports it and PostgREST maps it.
		return new ApiError(500, { code: '57014', details: null, hint: null, message: e.message });
	}
	if (e instanceof TimeoutError) {
		return new ApiError(504, {
			code: 'PGRST003',
			details: null,
			hint: 'The Supabase stand-in aborts requests after its time-out; the transaction was rolled back.',
			message: e.message
		});
	}
	const err = /** @type {any} */ (e);
	if (err && err.code === 'PGRST') return raisedResponse(err.message, err.detail);
	if (err && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)) {
		const status = statusForSqlState(err.code, role, err.message);
		return new ApiError(
			status,
			{
				code: err.code,
				details: err.detail ?? null,
				hint: err.hint ?? null,
				message: err.message
			},
			// PostgREST adds the challenge to every 401 (Error.hs `headers` of PgError).
			status === 401 ? { 'www-authenticate': 'Bearer' } : {}
		);
	}
	return new ApiError(500, {
		code: 'PGRSTX00',
		details: null,
		hint: null,
		message: `Supabase stand-in internal error: ${err?.message ?? String(e)}`
	});
}

/**
 * `raise sqlstate 'PGRST' using message = '{"code", "message", "details"?, "hint"?}',
 * detail = '{"status", "status_text"?, "headers"}'`: the function decides the whole response
 * (PostgREST docs references/errors.rst "Raise errors with HTTP Status Codes"; Error.hs
 * parseRaisePGRST). A message or detail that is not such JSON → 500 PGRST121.
 * @param {string} message
 * @param {string | undefined} detail
 */
function raisedResponse(message, detail) {
	const obj = (/** @type {string | undefined} */ s) => {
		try {
			const v = s === undefined ? undefined : JSON.parse(s);
			return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
		} catch {
			return null;
		}
	};
	const m = obj(message);
	const d = obj(detail);
	const parseError = (/** @type {string} */ details, /** @type {string} */ hint) =>
		new ApiError(500, {
			code: 'PGRST121',
			details,
			hint,
			message: 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error'
		});
	const msgHint =
		"MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.";
	const detHint =
		"DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.";
	if (!m || typeof m.code !== 'string' || typeof m.message !== 'string')
		return parseError(`Invalid JSON value for MESSAGE: '${message}'`, msgHint);
	if (detail === undefined || detail === null)
		return parseError('DETAIL is missing in the RAISE statement', detHint);
	if (!d || !Number.isInteger(d.status) || !d.headers || typeof d.headers !== 'object')
		return parseError(`Invalid JSON value for DETAIL: '${detail}'`, detHint);
	/** @type {Record<string, string>} */
	const headers = {};
	for (const [k, v] of Object.entries(d.headers)) headers[k.toLowerCase()] = String(v);
	return new ApiError(
		d.status,
		{
			code: m.code,
			details: typeof m.details === 'string' ? m.details : null,
			hint: typeof m.hint === 'string' ? m.hint : null,
			message: m.message
		},
		headers
	);
}
