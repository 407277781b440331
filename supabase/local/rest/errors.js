// PostgreSQL error → PostgREST HTTP status and JSON body
// (PostgREST docs, references/errors.rst, "HTTP Status Codes").

import { ApiError } from '../http.js';
import { TimeoutError } from '../db.js';

/**
 * @param {string} code SQLSTATE
 * @param {string} role the request's role: 42501 is 401 for anon, 403 otherwise
 */
export function statusForSqlState(code, role) {
	if (code === '42501') return role === 'anon' ? 401 : 403;
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
	if (err && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)) {
		return new ApiError(statusForSqlState(err.code, role), {
			code: err.code,
			details: err.detail ?? null,
			hint: err.hint ?? null,
			message: err.message
		});
	}
	return new ApiError(500, {
		code: 'PGRSTX00',
		details: null,
		hint: null,
		message: `Supabase stand-in internal error: ${err?.message ?? String(e)}`
	});
}
