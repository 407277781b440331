// /rest/v1 — the PostgREST subset that supabase-js uses (see ARCHITECTURE.md).

import { ApiError, send, readBody, parseJson, safeDecode } from '../http.js';
import {
	RESERVED,
	checkSyntax,
	parseSelect,
	parseFilter,
	parseField,
	parseLogic,
	parseOrder,
	parseNonNegInt,
	parsePrefer,
	parseRangeHeader,
	parseAccept,
	checkStrictPrefs
} from './parse.js';
import {
	Params,
	ident,
	selectListSql,
	whereSql,
	orderSql,
	limitSql,
	aggSql,
	unknownColumn
} from './sql.js';
import { toApiError } from './errors.js';
import { findUnguardedDml } from './catalog.js';
import { fuzzyGetOne } from './fuzzy.js';

/** @typedef {import('./catalog.js').Relation} Relation */
/** @typedef {import('./catalog.js').Fn} Fn */
/** @typedef {import('./parse.js').Filter} Filter */
/** @typedef {import('./parse.js').Logic} Logic */

/**
 * @typedef {{ role: string, claims: Record<string, any> }} Auth
 * @typedef {{
 *   catalog: { get(): Promise<import('./catalog.js').Catalog>, reloadOnMiss(): Promise<import('./catalog.js').Catalog> },
 *   runAs: <T>(auth: Auth, req: import('node:http').IncomingMessage, fn: (tx: import('../db.js').Tx) => Promise<T>, opts?: { readOnly?: boolean }) => Promise<T>,
 *   maxBodyBytes: number,
 * }} RestContext
 */

const REL_SQL = (/** @type {string} */ name) => `${ident('public')}.${ident(name)}`;

/** Thrown inside a transaction to roll it back and answer with this error. */
class Rollback extends ApiError {}

/**
 * @param {RestContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string} subpath the part after /rest/v1
 * @param {Auth} auth
 */
export async function handleRest(ctx, req, res, url, subpath, auth) {
	try {
		const profile = req.headers['accept-profile'] ?? req.headers['content-profile'];
		if (profile !== undefined && profile !== 'public') {
			throw new ApiError(406, {
				code: 'PGRST106',
				details: null,
				hint: null,
				message: 'The schema must be one of the following: public'
			});
		}
		const segments = subpath
			.split('/')
			.filter(Boolean)
			.map((s) =>
				safeDecode(
					s,
					(m) =>
						new ApiError(400, {
							code: 'PGRST100',
							details: m,
							hint: null,
							message: '"failed to parse path"'
						})
				)
			);
		if (segments.length === 2 && segments[0] === 'rpc') {
			await handleRpc(ctx, req, res, url, /** @type {string} */ (segments[1]), auth);
		} else if (segments.length === 1) {
			await handleRelation(ctx, req, res, url, /** @type {string} */ (segments[0]), auth);
		} else {
			throw new ApiError(404, {
				code: 'PGRST125',
				details: null,
				hint: null,
				message: `Invalid path specified in request URL: ${subpath}`
			});
		}
	} catch (e) {
		const err = toApiError(e, auth.role);
		send(res, err.status, err.body, err.headers);
	}
}

/**
 * Look a relation up, reloading the cache once on a miss (new migration or test fixture).
 * @param {RestContext} ctx
 * @param {string} name
 */
async function findRelation(ctx, name) {
	let cat = await ctx.catalog.get();
	let rel = cat.relations.get(name);
	if (!rel) {
		cat = await ctx.catalog.reloadOnMiss();
		rel = cat.relations.get(name);
	}
	if (!rel) {
		// Error.hs tableNotFoundHint: the closest table or view (fuzzy score ≥ 0.75), searched only
		// when the schema has fewer than 500 of them (SchemaCache.hs maxDbTablesForFuzzySearch).
		const names = [...cat.relations.keys()];
		const similar = names.length < 500 ? fuzzyGetOne(names, name, 0.75) : null;
		throw new ApiError(404, {
			code: 'PGRST205',
			details: null,
			hint: similar ? `Perhaps you meant the table 'public.${similar}'` : null,
			message: `Could not find the table 'public.${name}' in the schema cache`
		});
	}
	return rel;
}

/**
 * PostgREST's parse order (QueryParams.parse): order, logic trees, columns, select, filters,
 * on_conflict — the first refusal is the one reported, in PostgREST 14's words.
 * @param {URL} url
 */
function checkQuery(url) {
	const sp = url.searchParams;
	for (const v of sp.getAll('order')) checkSyntax('order', v, `order (${v})`);
	for (const [k, v] of sp) {
		if (k === 'or' || k === 'and' || k === 'not.or' || k === 'not.and') {
			checkSyntax('logic', k + v, `logic tree (${v})`);
		}
	}
	for (const v of sp.getAll('columns')) checkSyntax('columns', v, `columns parameter (${v})`);
	const select = sp.get('select');
	if (select !== null) checkSyntax('select', select, `select parameter (${select})`);
	for (const [k, v] of sp) if (!RESERVED.has(k)) checkSyntax('filter', v, `filter (${v})`);
	for (const v of sp.getAll('on_conflict')) {
		checkSyntax('columns', v, `on_conflict parameter (${v})`);
	}
}

/**
 * Filters from the query string (everything that is not a reserved key, minus `skip` names).
 * @param {URL} url
 * @param {Set<string>} [skip]
 * @returns {Array<Filter | Logic>}
 */
function parseFilters(url, skip = new Set()) {
	/** @type {Array<Filter | Logic>} */
	const filters = [];
	for (const [key, value] of url.searchParams) {
		if (skip.has(key)) continue;
		if (key === 'or' || key === 'and' || key === 'not.or' || key === 'not.and') {
			const negate = key.startsWith('not.');
			checkSyntax('logic', key + value, `logic tree (${value})`);
			filters.push(
				parseLogic(/** @type {'and' | 'or'} */ (negate ? key.slice(4) : key), negate, value)
			);
			continue;
		}
		if (RESERVED.has(key)) continue;
		if (key.includes('.') && /\.(and|or)$/.test(key)) {
			throw new ApiError(400, {
				code: 'PGRST108',
				details: null,
				hint: 'The Supabase stand-in does not support filters on embedded resources.',
				message: `'${key}' is not an embedded resource in this request`
			});
		}
		checkSyntax('filter', value, `filter (${value})`);
		filters.push(parseFilter(parseField(key), value));
	}
	return filters;
}

/**
 * Limit/offset from the query string, else from the Range header.
 * @param {import('node:http').IncomingMessage} req
 * @param {URL} url
 */
function pageOf(req, url) {
	let limit = parseNonNegInt(url.searchParams.get('limit'), 'limit');
	let offset = parseNonNegInt(url.searchParams.get('offset'), 'offset') ?? 0;
	const range = parseRangeHeader(/** @type {string | undefined} */ (req.headers.range));
	if (range && limit === null && offset === 0) {
		if (range.invalid) {
			throw new ApiError(416, {
				code: 'PGRST103',
				details: null,
				hint: null,
				message: 'Requested range not satisfiable'
			});
		}
		offset = range.offset;
		limit = range.limit;
	}
	return { limit, offset };
}

/** @param {unknown} n */
const toInt = (n) => (n === null || n === undefined ? null : Number(n));

/**
 * Status and Content-Range of a read, as PostgREST 14's RangeQuery.rangeStatusHeader: 416 when the
 * offset lies beyond the counted total, 206 when fewer rows than the total came back, and a range
 * `lower-upper` only when rows came back and the total is not 0.
 * @param {number} offset
 * @param {number} n rows returned
 * @param {number | null} total the exact count, when asked for
 */
function rangeStatus(offset, n, total) {
	if (total !== null && offset > total) {
		throw new ApiError(416, {
			code: 'PGRST103',
			details: `An offset of ${offset} was requested, but there are only ${total} rows.`,
			hint: null,
			message: 'Requested range not satisfiable'
		});
	}
	const range = total !== 0 && n > 0 ? `${offset}-${offset + n - 1}` : '*';
	return {
		status: total !== null && n < total ? 206 : 200,
		headers: { 'content-range': `${range}/${total ?? '*'}` }
	};
}

/**
 * pg-safeupdate's refusal, as PostgreSQL raises it (see safeupdate.js).
 * @param {'UPDATE' | 'DELETE'} kind
 * @param {string | null} [hint]
 */
const safeUpdateError = (kind, hint = null) =>
	new ApiError(400, {
		code: '21000',
		details: null,
		hint,
		message: `${kind} requires a WHERE clause`
	});

/**
 * Prefer: handling=strict, max-affected=n on a mutation that touched more rows → 400 PGRST124,
 * rolled back (MainTx.hs failExceedsMaxAffectedPref). Without handling=strict it is ignored.
 * @param {ReturnType<typeof parsePrefer>} prefs
 * @param {number} n
 */
function checkMaxAffected(prefs, n) {
	if (prefs.handling === 'strict' && prefs.maxAffected !== undefined && n > prefs.maxAffected) {
		throw new Rollback(400, {
			code: 'PGRST124',
			details: `The query affects ${n} rows`,
			hint: null,
			message: 'Query result exceeds max-affected preference constraint'
		});
	}
}

/**
 * Write the JSON (or CSV / single object) result of a read or a mutation.
 * @param {import('node:http').ServerResponse} res
 * @param {{ kind: string, stripNulls: boolean }} accept
 * @param {number} status
 * @param {string | null} body JSON array text, or null for no body
 * @param {Record<string, string>} headers
 */
function respond(res, accept, status, body, headers) {
	if (body === null) return send(res, status, null, headers);
	if (accept.kind === 'object') {
		const rows = JSON.parse(body);
		return send(res, status, JSON.stringify(rows[0]), {
			...headers,
			'content-type': 'application/vnd.pgrst.object+json; charset=utf-8'
		});
	}
	if (accept.kind === 'csv') {
		// Reads build their CSV in SQL (readSql); mutations return JSON rows.
		const csv = body.startsWith('[') ? toCsv(JSON.parse(body)) : body;
		return send(res, status, csv, {
			...headers,
			'content-type': 'text/csv; charset=utf-8'
		});
	}
	return send(res, status, body, headers);
}

/**
 * The query of a read: total, row count and body (JSON array text, or CSV as PostgREST 14 builds it
 * in SQL — SqlFragment.hs asCsvF: the first row's keys, then each row's record text without its
 * parentheses, so quoting, numerics, arrays and jsonb are Postgres's own).
 * @param {{ kind: string, stripNulls: boolean }} accept
 * @param {string} total SQL for the exact count, or `null::int`
 * @param {string} inner the select producing the rows
 */
function readSql(accept, total, inner) {
	if (accept.kind !== 'csv')
		return `select ${total} as total, count(_t)::int as n, ${aggSql(accept.stripNulls)} as body from (${inner}) _t`;
	return `with pgrst_source as (${inner})
	  select ${total} as total, (select count(*)::int from pgrst_source) as n,
	    (select coalesce(string_agg(a.k, ','), '') from (select json_object_keys(r)::text as k
	       from (select row_to_json(hh) as r from pgrst_source as hh limit 1) s) a)
	    || chr(10) ||
	    (select coalesce(string_agg(substring(_t::text, 2, length(_t::text) - 2), chr(10)), '') from pgrst_source _t)
	    as body`;
}

/** CSV of JSON rows (mutations' representation). @param {any[]} rows */
function toCsv(rows) {
	if (!Array.isArray(rows) || rows.length === 0) return '';
	const cols = Object.keys(rows[0]);
	/** @param {unknown} v */
	const cell = (v) => {
		if (v === null || v === undefined) return '';
		const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
		return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
	};
	return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n');
}

/** @param {number} n */
function singularError(n) {
	return new Rollback(406, {
		code: 'PGRST116',
		details: `The result contains ${n} rows`,
		hint: null,
		message: 'Cannot coerce the result to a single JSON object'
	});
}

/**
 * GET/HEAD/POST/PATCH/DELETE on a table or view.
 * @param {RestContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string} name
 * @param {Auth} auth
 */
async function handleRelation(ctx, req, res, url, name, auth) {
	const method = req.method ?? 'GET';
	const accept = parseAccept(/** @type {string | undefined} */ (req.headers.accept));
	const prefs = parsePrefer(req.headers.prefer);
	checkQuery(url);
	const select = parseSelect(url.searchParams.get('select'), name);
	const filters = parseFilters(url);
	const order = url.searchParams.has('order')
		? parseOrder(/** @type {string} */ (url.searchParams.get('order')))
		: [];
	const rel = await findRelation(ctx, name);
	checkStrictPrefs(prefs);
	const wantCount =
		prefs.count === 'exact' || prefs.count === 'planned' || prefs.count === 'estimated';

	if (method === 'GET' || method === 'HEAD') {
		const { limit, offset } = pageOf(req, url);
		const p = new Params();
		const cols = selectListSql(select, rel, p);
		const where = whereSql(filters, rel, p);
		const ord = orderSql(order, rel, p);
		const lim = limitSql(limit, offset, p);
		const total = wantCount ? `(select count(*) from ${REL_SQL(name)}${where})::int` : 'null::int';
		const sql = readSql(accept, total, `select ${cols} from ${REL_SQL(name)}${where}${ord}${lim}`);
		const row = await ctx.runAs(
			auth,
			req,
			async (tx) => {
				const r = (await tx.query(sql, p.values)).rows[0];
				if (accept.kind === 'object' && toInt(r.n) !== 1) throw singularError(toInt(r.n) ?? 0);
				return r;
			},
			{ readOnly: true }
		);
		const { status, headers } = rangeStatus(offset, toInt(row.n) ?? 0, toInt(row.total));
		return respond(res, accept, status, method === 'HEAD' ? null : row.body, headers);
	}

	if (method === 'POST' || method === 'PATCH' || method === 'DELETE') {
		if (url.searchParams.has('limit') || url.searchParams.has('offset')) {
			if (method !== 'POST') {
				throw new ApiError(400, {
					code: 'PGRST109',
					details: null,
					hint: 'The Supabase stand-in does not support limit/offset on UPDATE or DELETE.',
					message: 'Limited update/delete is not supported by the Supabase stand-in'
				});
			}
		}
		const body = method === 'DELETE' ? undefined : await readJsonBody(ctx, req);
		const representation = prefs.return === 'representation';
		const p = new Params();
		let mutation;
		if (method === 'POST') mutation = insertSql(rel, url, prefs, body, p);
		else if (method === 'PATCH') mutation = updateSql(rel, body, filters, p);
		else mutation = `delete from ${REL_SQL(name)}${whereSql(filters, rel, p)}`;

		if (mutation === null) {
			// Nothing to do (empty PATCH body / empty insert array): PostgREST answers without a query.
			const status = method === 'POST' ? 201 : representation ? 200 : 204;
			return respond(res, accept, status, representation ? '[]' : null, { 'content-range': '*/*' });
		}
		if (method !== 'POST' && filters.length === 0) {
			// PostgREST sends no WHERE for a request without filters; Supabase's pg-safeupdate refuses it.
			throw safeUpdateError(method === 'PATCH' ? 'UPDATE' : 'DELETE');
		}
		const upsert = method === 'POST' && prefs.resolution === 'merge-duplicates';
		// An upsert reports whether it inserted anything (xmax = 0 on a freshly inserted row version):
		// PostgREST answers 201 then, 200 when every row was an update (Response.hs).
		const returning = representation
			? ` returning ${selectListSql(select, rel, p)}${upsert ? ', (xmax = 0) as pgrst_inserted' : ''}`
			: ` returning ${upsert ? '(xmax = 0) as pgrst_inserted' : '1'}`;
		const columns = select.some((it) => it.kind === 'star')
			? [...rel.columns.keys()]
			: select.map((it) =>
					it.kind === 'field' ? (it.alias ?? it.field.path.at(-1)?.key ?? it.field.name) : ''
				);
		const bodySql = !representation
			? 'null::text'
			: upsert
				? `(select ${aggSql(accept.stripNulls)} from (select ${columns.map(ident).join(', ')} from pgrst_source) _t)`
				: aggSql(accept.stripNulls);
		const sql = `with pgrst_source as (${mutation}${returning}) select count(*)::int as n, ${upsert ? 'count(*) filter (where pgrst_inserted)::int' : 'null::int'} as inserted, ${bodySql} as body from pgrst_source _t`;
		const row = await ctx.runAs(auth, req, async (tx) => {
			const r = (await tx.query(sql, p.values)).rows[0];
			if (accept.kind === 'object' && toInt(r.n) !== 1) throw singularError(toInt(r.n) ?? 0);
			if (method !== 'POST') checkMaxAffected(prefs, toInt(r.n) ?? 0);
			return r;
		});
		const n = toInt(row.n) ?? 0;
		// Content-Range as Response.hs builds it: inserts and deletes `*/<count>`, updates `0-<n-1>/<count>`.
		const headers = {
			'content-range':
				method === 'PATCH'
					? `${n === 0 ? '*' : `0-${n - 1}`}/${wantCount ? n : '*'}`
					: `*/${wantCount ? n : '*'}`
		};
		const status =
			method === 'POST'
				? upsert && (toInt(row.inserted) ?? 0) === 0
					? 200
					: 201
				: representation
					? 200
					: 204;
		return respond(res, accept, status, representation ? row.body : null, headers);
	}

	if (method === 'PUT') {
		throw new ApiError(405, {
			code: 'PGRST117',
			details: null,
			hint: 'The Supabase stand-in does not support PUT upserts; use POST with Prefer: resolution=merge-duplicates (supabase-js upsert()).',
			message: 'Unsupported HTTP method: PUT'
		});
	}
	throw new ApiError(405, {
		code: 'PGRST117',
		details: null,
		hint: null,
		message: `Unsupported HTTP method: ${method}`
	});
}

/**
 * The body as bytes (a raw text/xml/bytea argument), within the size limit.
 * @param {RestContext} ctx
 * @param {import('node:http').IncomingMessage} req
 */
async function readRawBody(ctx, req) {
	try {
		return await readBody(req, ctx.maxBodyBytes);
	} catch (e) {
		if (/** @type {any} */ (e).tooLarge) {
			throw new ApiError(413, {
				code: 'PGRST102',
				details: null,
				hint: null,
				message: 'Request body too large'
			});
		}
		throw e;
	}
}

/**
 * @param {RestContext} ctx
 * @param {import('node:http').IncomingMessage} req
 */
async function readJsonBody(ctx, req) {
	const ct = String(req.headers['content-type'] ?? 'application/json').toLowerCase();
	const form = ct.startsWith('application/x-www-form-urlencoded');
	if (!form && !ct.startsWith('application/json') && !ct.startsWith('text/plain')) {
		throw new ApiError(415, {
			code: 'PGRST107',
			details: null,
			hint: 'The Supabase stand-in accepts JSON bodies only.',
			message: `Content-Type not acceptable: ${ct}`
		});
	}
	let buf;
	try {
		buf = await readBody(req, ctx.maxBodyBytes);
	} catch (e) {
		if (/** @type {any} */ (e).tooLarge) {
			throw new ApiError(413, {
				code: 'PGRST102',
				details: null,
				hint: null,
				message: 'Request body too large'
			});
		}
		throw e;
	}
	// A urlencoded body is one object of text values (PostgREST ApiRequest/Payload.hs).
	if (form) return Object.fromEntries(new URLSearchParams(buf.toString('utf8')));
	if (nestingDepth(buf) > MAX_JSON_DEPTH) {
		// Supabase refuses a 5,000-level body as a client error; here the JSON would overflow the
		// stand-in's own (recursive) JSON handling, which must not become a 500.
		throw new ApiError(400, {
			code: 'PGRST102',
			details: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
			hint: null,
			message: 'Empty or invalid json'
		});
	}
	const parsed = parseJson(buf);
	if (!parsed.ok) {
		throw new ApiError(400, {
			code: 'PGRST102',
			details: null,
			hint: null,
			message: 'Empty or invalid json'
		});
	}
	return parsed.value;
}

const MAX_JSON_DEPTH = 1000;

/**
 * How deeply `[`/`{` nest in a JSON text (strings skipped), without recursion.
 * @param {Buffer} buf
 */
function nestingDepth(buf) {
	let depth = 0;
	let max = 0;
	let inString = false;
	for (let i = 0; i < buf.length; i++) {
		const c = buf[i];
		if (inString) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
		else if (c === 0x5d || c === 0x7d) depth--;
	}
	return max;
}

/** @param {string} rel @param {string} col */
const missingColumn = (rel, col) =>
	new ApiError(400, {
		code: 'PGRST204',
		details: null,
		hint: null,
		message: `Could not find the '${col}' column of '${rel}' in the schema cache`
	});

/** @param {string} raw `"a","b"` or `a,b` */
const parseColumnList = (raw) =>
	raw
		.split(',')
		.map((c) => c.trim().replace(/^"(.*)"$/, '$1'))
		.filter(Boolean);

/**
 * INSERT … SELECT … FROM json_populate_recordset — PostgREST's own shape, so JSON → column type
 * conversion is Postgres's.
 * @param {Relation} rel
 * @param {URL} url
 * @param {ReturnType<typeof parsePrefer>} prefs
 * @param {unknown} body
 * @param {Params} p
 */
function insertSql(rel, url, prefs, body, p) {
	const rows = Array.isArray(body) ? body : body === undefined ? null : [body];
	if (!rows || rows.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
		throw new ApiError(400, {
			code: 'PGRST102',
			details: null,
			hint: null,
			message: 'Empty or invalid json: expected a JSON object or an array of objects'
		});
	}
	if (rows.length === 0) return null;
	const explicit = url.searchParams.has('columns')
		? parseColumnList(/** @type {string} */ (url.searchParams.get('columns')))
		: null;
	/** @type {string[]} */
	const union = explicit ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
	for (const c of union) if (!rel.columns.has(c)) throw missingColumn(rel.name, c);

	let conflict = '';
	if (prefs.resolution === 'merge-duplicates' || prefs.resolution === 'ignore-duplicates') {
		const target = url.searchParams.has('on_conflict')
			? parseColumnList(/** @type {string} */ (url.searchParams.get('on_conflict')))
			: rel.pk;
		if (target.length === 0) {
			throw new ApiError(400, {
				code: 'PGRST100',
				details: null,
				hint: 'Pass on_conflict (supabase-js: upsert(…, { onConflict })) for a relation without a primary key.',
				message: `"failed to parse on_conflict": ${rel.name} has no primary key`
			});
		}
		for (const c of target) if (!rel.columns.has(c)) throw unknownColumn(rel.name, c);
		conflict = ` on conflict (${target.map(ident).join(', ')})`;
	}

	// missing=default (supabase-js defaultToNull: false): keys absent from a row take the column
	// default, evaluated per row, as PostgREST 14 does it (Query/SqlFragment.hs fromJsonBodyF:
	// `jsonb_build_object(<col>, <default>, …) || row`); a column without a default gets null. An
	// upsert then sets every payload column, so a missing one is reset to its default.
	let payload = `${p.add(JSON.stringify(rows))}::jsonb`;
	if (prefs.missing === 'default') {
		const defs = union
			.map((c) => [c, rel.columns.get(c)?.default])
			.filter(([, d]) => d)
			.map(([c, d]) => `${p.add(c)}::text, (${d})`);
		if (defs.length > 0)
			payload = `(select jsonb_agg(jsonb_build_object(${defs.join(', ')}) || _e) from jsonb_array_elements(${payload}) _e)`;
	}
	const source = `jsonb_populate_recordset(null::${REL_SQL(rel.name)}, ${payload}) _`;
	let action = '';
	if (conflict) {
		if (prefs.resolution === 'ignore-duplicates' || union.length === 0)
			action = `${conflict} do nothing`;
		else
			action = `${conflict} do update set ${union.map((c) => `${ident(c)} = excluded.${ident(c)}`).join(', ')}`;
	}
	if (union.length === 0) return `insert into ${REL_SQL(rel.name)} select from ${source}${action}`;
	const colList = union.map(ident).join(', ');
	return `insert into ${REL_SQL(rel.name)} (${colList}) select ${colList} from ${source}${action}`;
}

/**
 * @param {Relation} rel
 * @param {unknown} body
 * @param {Array<Filter | Logic>} filters
 * @param {Params} p
 */
function updateSql(rel, body, filters, p) {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new ApiError(400, {
			code: 'PGRST102',
			details: null,
			hint: null,
			message: 'Empty or invalid json: PATCH expects a JSON object'
		});
	}
	const cols = Object.keys(body);
	if (cols.length === 0) return null;
	for (const c of cols) if (!rel.columns.has(c)) throw missingColumn(rel.name, c);
	const src = `json_populate_record(null::${REL_SQL(rel.name)}, ${p.add(JSON.stringify(body))}::json)`;
	const list = cols.map(ident).join(', ');
	const set =
		cols.length === 1
			? `${list} = (select ${list} from ${src} _)`
			: `(${list}) = (select ${list} from ${src} _)`;
	return `update ${REL_SQL(rel.name)} set ${set}${whereSql(filters, rel, p)}`;
}

/**
 * The parameter type a raw request body goes to, by Content-Type (PostgREST's MediaType: a body
 * of text/plain, text/xml or application/octet-stream is passed whole to a single unnamed
 * text, xml or bytea parameter); 'json' for JSON (the default), null for any other type.
 * @param {string | undefined} contentType
 * @returns {'json' | 'text' | 'xml' | 'bytea' | null}
 */
function bodyKind(contentType) {
	const ct = String(contentType ?? 'application/json')
		.split(';')[0]
		?.trim()
		.toLowerCase();
	if (ct === 'application/json') return 'json';
	if (ct === 'text/plain') return 'text';
	if (ct === 'text/xml') return 'xml';
	if (ct === 'application/octet-stream') return 'bytea';
	return null;
}

/**
 * Pick the overload PostgREST 14 would (Plan.hs findProc): the functions whose required
 * parameters are exactly the given keys minus the optional ones; when none, a function with a
 * single unnamed parameter of the body's type (POST only). More than one → ambiguous (PGRST203),
 * whatever their number of parameters.
 * @param {Fn[]} candidates
 * @param {string[]} keys
 * @param {boolean} isPost
 * @param {ReturnType<typeof bodyKind>} kind
 */
function matchFunction(candidates, keys, isPost, kind) {
	const rawBody = isPost && (kind === 'text' || kind === 'xml' || kind === 'bytea');
	const named = candidates.filter((f) => {
		if (f.args.some((a) => a.mode === 'v')) return false;
		if (f.args.length === 0) return keys.length === 0 && !rawBody;
		const optional = new Set(f.args.filter((a) => a.hasDefault).map((a) => a.name));
		const required = new Set(f.args.filter((a) => !a.hasDefault).map((a) => a.name));
		const rest = new Set(keys.filter((k) => !optional.has(k)));
		return rest.size === required.size && [...rest].every((k) => required.has(k));
	});
	if (named.length > 0)
		return { fn: named[0], ambiguous: named.length > 1, candidates: named, single: false };
	const singles = candidates.filter((f) => {
		const a = f.args[0];
		if (!isPost || f.args.length !== 1 || !a || a.name !== '') return false;
		return kind === 'json' ? a.type === 'json' || a.type === 'jsonb' : a.type === kind;
	});
	if (singles.length > 0)
		return { fn: singles[0], ambiguous: singles.length > 1, candidates: singles, single: true };
	return null;
}

/**
 * PGRST202's hint (Error.hs noRpcHint): with no function of that name, the closest name (score
 * ≥ 0.75); else the closest parameter list of its overloads (score ≥ 0.33).
 * @param {import('./catalog.js').Catalog} cat
 * @param {string} name
 * @param {string[]} keys sorted
 */
function noRpcHint(cat, name, keys) {
	const overloads = cat.functions.get(name) ?? [];
	const list = (/** @type {string[]} */ names) => `(${[...names].sort().join(', ')})`;
	if (overloads.length === 0) {
		const best = fuzzyGetOne([...cat.functions.keys()], name, 0.75);
		return best ? `Perhaps you meant to call the function public.${best}` : null;
	}
	const best = fuzzyGetOne(
		overloads.map((f) => list(f.args.map((a) => a.name))),
		list(keys),
		0.33
	);
	return best ? `Perhaps you meant to call the function public.${name}${best}` : null;
}

/**
 * /rest/v1/rpc/<fn>: named arguments from the JSON body (POST) or the query string (GET).
 * @param {RestContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string} name
 * @param {Auth} auth
 */
async function handleRpc(ctx, req, res, url, name, auth) {
	const method = req.method ?? 'GET';
	if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') {
		throw new ApiError(405, {
			code: 'PGRST101',
			details: null,
			hint: null,
			message: 'Only GET and POST verbs are allowed for functions'
		});
	}
	const accept = parseAccept(/** @type {string | undefined} */ (req.headers.accept));
	const prefs = parsePrefer(req.headers.prefer);

	/** @type {Record<string, unknown>} */
	let args = {};
	let cat = await ctx.catalog.get();
	if (!cat.functions.has(name)) cat = await ctx.catalog.reloadOnMiss();
	const candidates = cat.functions.get(name) ?? [];
	const kind = bodyKind(req.headers['content-type']);
	/** @type {Buffer | null} a text/xml/bytea body, passed whole */
	let rawBody = null;
	if (method === 'POST' && (kind === 'text' || kind === 'xml' || kind === 'bytea')) {
		rawBody = await readRawBody(ctx, req);
	} else if (method === 'POST') {
		const body = await readJsonBody(ctx, req);
		if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
			throw new ApiError(400, {
				code: 'PGRST102',
				details: null,
				hint: 'The Supabase stand-in supports a JSON object of named arguments only.',
				message: 'Empty or invalid json'
			});
		}
		args = body ?? {};
	} else {
		// GET: query params naming an argument of some overload are arguments, and so is any other
		// whose value is not a filter (`x=1`), as PostgREST reads them; the rest filter the result.
		const argNames = new Set(candidates.flatMap((f) => f.args.map((a) => a.name)));
		const isFilter = (/** @type {string} */ v) => {
			try {
				parseFilter(parseField('x'), v);
				return true;
			} catch {
				return false;
			}
		};
		for (const [k, v] of url.searchParams) {
			if (RESERVED.has(k)) continue;
			if (argNames.has(k) || !isFilter(v)) args[k] = v;
		}
	}
	const keys = Object.keys(args);
	const isPost = method === 'POST';
	const match = candidates.length ? matchFunction(candidates, keys, isPost, kind) : null;
	if (!match) {
		// PostgREST 14 Error.hs NoRpc: "parameter" for one, the json/jsonb alternative for a JSON
		// POST; a raw body names its parameter type, without parameters in the message or a hint.
		const sorted = keys.slice().sort();
		const list = sorted.join(', ');
		const params = keys.length
			? ` with parameter${keys.length > 1 ? 's' : ''} ${list}`
			: ' without parameters';
		const raw = rawBody !== null;
		throw new ApiError(404, {
			code: 'PGRST202',
			details: `Searched for the function public.${name}${raw ? ` with a single unnamed ${kind} parameter` : `${params}${isPost && kind === 'json' ? ' or with a single unnamed json/jsonb parameter' : ''}`}, but no matches were found in the schema cache.`,
			hint: raw ? null : noRpcHint(cat, name, sorted),
			message: `Could not find the function public.${name}${raw ? '' : keys.length ? `(${list})` : ' without parameters'} in the schema cache`
		});
	}
	if (match.ambiguous) {
		throw new ApiError(300, {
			code: 'PGRST203',
			details: null,
			hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
			// Only the overloads that matched the arguments, as PostgREST 14 lists them (Error.hs).
			message: `Could not choose the best candidate function between: ${match.candidates.map((f) => `public.${f.name}(${f.args.map((a) => `${a.name} => ${a.type}`).join(', ')})`).join(', ')}`
		});
	}
	const fn = /** @type {Fn} */ (match.fn);
	checkStrictPrefs(prefs);
	const strictMax = prefs.handling === 'strict' && prefs.maxAffected !== undefined;
	if (strictMax && !fn.retset) {
		throw new ApiError(400, {
			code: 'PGRST128',
			details: null,
			hint: null,
			message:
				'Function must return SETOF or TABLE when max-affected preference is used with handling=strict'
		});
	}
	const dml = findUnguardedDml(cat, `public.${fn.name}`);
	if (dml) {
		throw safeUpdateError(
			dml.offence.kind,
			`The Supabase stand-in found it before the call, at line ${dml.offence.line} of ${dml.fn}: on Supabase pg-safeupdate refuses it when it runs. Add a WHERE clause (WHERE true to mean every row).`
		);
	}
	const p = new Params();
	let from = '';
	let call;
	if (match.single && rawBody !== null) {
		const arg =
			fn.args[0]?.type === 'bytea'
				? `decode(${p.add(rawBody.toString('hex'))}::text, 'hex')`
				: `${p.add(rawBody.toString('utf8'))}::text::${fn.args[0]?.type}`;
		call = `${REL_SQL(fn.name)}(${arg})`;
	} else if (match.single) {
		call = `${REL_SQL(fn.name)}(${p.add(JSON.stringify(args))}::${fn.args[0]?.type})`;
	} else if (keys.length) {
		const given = fn.args.filter((a) => keys.includes(a.name));
		from = `json_to_record(${p.add(JSON.stringify(args))}::json) as _a(${given.map((a) => `${ident(a.name)} ${a.type}`).join(', ')})`;
		call = `${REL_SQL(fn.name)}(${given.map((a) => `${ident(a.name)} := _a.${ident(a.name)}`).join(', ')})`;
	} else {
		call = `${REL_SQL(fn.name)}()`;
	}
	const readOnly = method !== 'POST';
	const argKeys = new Set(keys);

	if (fn.retKind === 'void' || (!fn.retset && fn.retKind === 'scalar')) {
		const sql =
			fn.retKind === 'void'
				? `select ${call} is null as _void${from ? ` from ${from}` : ''}`
				: `select to_json(${call})::text as body${from ? ` from ${from}` : ''}`;
		const row = await ctx.runAs(auth, req, async (tx) => (await tx.query(sql, p.values)).rows[0], {
			readOnly
		});
		if (fn.retKind === 'void') return send(res, 204, null, {});
		// One value is one row to PostgREST: Content-Range 0-0/1 with a count (supabase-js reads it).
		return send(res, 200, method === 'HEAD' ? null : (row.body ?? 'null'), {
			'content-range': `0-0/${prefs.count ? 1 : '*'}`
		});
	}

	// Set-returning or composite: filters, select, order and range apply to the result rows.
	const select = parseSelect(url.searchParams.get('select'), name);
	const filters = parseFilters(url, argKeys);
	const order = url.searchParams.has('order')
		? parseOrder(/** @type {string} */ (url.searchParams.get('order')))
		: [];
	const { limit, offset } = pageOf(req, url);
	const source = `${from ? `${from}, lateral ` : ''}${call} as _r`;
	let sql;
	if (fn.retKind === 'scalar') {
		if (filters.length || order.length || select.some((s) => s.kind !== 'star')) {
			throw new ApiError(400, {
				code: 'PGRST100',
				details: null,
				hint: null,
				message: `"failed to parse" filters, order or select on function ${name}, which returns a set of scalars`
			});
		}
		const total = prefs.count ? `(select count(*) from ${source})::int` : 'null::int';
		sql = `select count(_t)::int as n, coalesce(json_agg(_t.v), '[]')::text as body, ${total} as total from (select _r as v from ${source}${limitSql(limit, offset, p)}) _t`;
	} else {
		const cols = selectListSql(select, null, p, '_r');
		const where = whereSql(filters, null, p, '_r');
		const ord = orderSql(order, null, p, '_r');
		const lim = limitSql(limit, offset, p);
		const wantCount = !!prefs.count;
		const total = wantCount ? `(select count(*) from ${source}${where})::int` : 'null::int';
		sql = readSql(accept, total, `select ${cols} from ${source}${where}${ord}${lim}`);
	}
	const row = await ctx.runAs(
		auth,
		req,
		async (tx) => {
			const r = (await tx.query(sql, p.values)).rows[0];
			if (
				(accept.kind === 'object' || !fn.retset) &&
				accept.kind === 'object' &&
				toInt(r.n) !== 1
			) {
				throw singularError(toInt(r.n) ?? 0);
			}
			if (strictMax) checkMaxAffected(prefs, toInt(r.n) ?? 0);
			return r;
		},
		{ readOnly }
	);
	const { status, headers } = rangeStatus(offset, toInt(row.n) ?? 0, toInt(row.total));
	if (method === 'HEAD') return send(res, status, null, headers);
	if (!fn.retset && accept.kind !== 'csv') {
		// A function returning one composite value answers with the object itself.
		const rows = JSON.parse(row.body);
		return send(res, status, JSON.stringify(rows[0] ?? null), headers);
	}
	return respond(res, accept, status, row.body, headers);
}
