// Turns parsed PostgREST requests into SQL. Identifiers are checked against the catalog and
// double-quoted; every value travels as a bind parameter ($n). The shapes follow PostgREST's own
// queries (a `pgrst_source` CTE aggregated with json_agg) so results — JSON formatting of
// timestamps, numerics, nulls — come out of Postgres exactly as they do on Supabase.

import { ApiError } from '../http.js';

/** @typedef {import('./parse.js').Field} Field */
/** @typedef {import('./parse.js').Filter} Filter */
/** @typedef {import('./parse.js').Logic} Logic */
/** @typedef {import('./parse.js').SelectItem} SelectItem */
/** @typedef {import('./parse.js').OrderTerm} OrderTerm */
/** @typedef {import('./catalog.js').Relation} Relation */

/** @param {string} name */
export const ident = (name) => '"' + name.replace(/"/g, '""') + '"';

/** Collects bind parameters and hands out their placeholders. */
export class Params {
	constructor() {
		/** @type {unknown[]} */
		this.values = [];
	}
	/** @param {unknown} v */
	add(v) {
		this.values.push(v);
		return `$${this.values.length}`;
	}
}

/**
 * PostgREST's 42703 for a column the relation does not have.
 * @param {string} rel
 * @param {string} col
 */
export function unknownColumn(rel, col) {
	return new ApiError(400, {
		code: '42703',
		details: null,
		hint: null,
		message: `column ${rel}.${col} does not exist`
	});
}

/**
 * `"col"` or `"col"->'a'->>'b'` (keys as parameters; numeric keys index arrays).
 * @param {Field} field
 * @param {Relation | null} rel null when the columns are not known up front (rpc results)
 * @param {Params} params
 * @param {string} [qualifier]
 */
function fieldSql(field, rel, params, qualifier) {
	// A name that is not a column goes to Postgres qualified with the relation, as PostgREST writes
	// every field: a function taking the row type then answers it (a computed field, attribute
	// notation), anything else fails there with 42703 "column <rel>.<name> does not exist".
	const q =
		qualifier ??
		(rel && !rel.columns.has(field.name) ? `${ident('public')}.${ident(rel.name)}` : null);
	let sql = (q ? q + '.' : '') + ident(field.name);
	for (const step of field.path) {
		const key = /^-?\d+$/.test(step.key)
			? `${params.add(step.key)}::int`
			: `${params.add(step.key)}::text`;
		sql = `(${sql}${step.op}${key})`;
	}
	return sql;
}

/** PostgREST names a JSON path column after its last key. @param {Field} f */
const fieldOutputName = (f) => f.path[f.path.length - 1]?.key ?? f.name;

/**
 * The select list. `*` stays `*` (cheapest, and keeps the relation's column order).
 * @param {SelectItem[]} items
 * @param {Relation | null} rel
 * @param {Params} params
 * @param {string} [qualifier]
 */
export function selectListSql(items, rel, params, qualifier) {
	return items
		.map((it) => {
			if (it.kind === 'star') return qualifier ? `${qualifier}.*` : '*';
			let expr = fieldSql(it.field, rel, params, qualifier);
			if (it.cast) expr = `${expr}::${it.cast}`;
			const name = it.alias ?? fieldOutputName(it.field);
			return `${expr} as ${ident(name)}`;
		})
		.join(', ');
}

/** @param {string} s like pattern with PostgREST's `*` wildcard */
const likePattern = (s) => s.replace(/\*/g, '%');

/**
 * Build a Postgres array literal from strings ('{"a","b\"c"}'), so `= any($n)` gets one
 * parameter whose element type Postgres infers from the column.
 * @param {string[]} list
 */
function arrayLiteral(list) {
	return (
		'{' +
		list
			.map((v) =>
				v === 'null' ? 'NULL' : '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"'
			)
			.join(',') +
		'}'
	);
}

const SIMPLE_OPS = /** @type {Record<string, string>} */ ({
	eq: '=',
	neq: '<>',
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	like: 'like',
	ilike: 'ilike',
	match: '~',
	imatch: '~*',
	isdistinct: 'is distinct from',
	cs: '@>',
	cd: '<@',
	ov: '&&',
	sl: '<<',
	sr: '>>',
	nxr: '&<',
	nxl: '&>',
	adj: '-|-'
});
const FTS_FN = /** @type {Record<string, string>} */ ({
	fts: 'to_tsquery',
	plfts: 'plainto_tsquery',
	phfts: 'phraseto_tsquery',
	wfts: 'websearch_to_tsquery'
});

/**
 * @param {Filter} f
 * @param {Relation | null} rel
 * @param {Params} params
 * @param {string} [qualifier]
 */
function filterSql(f, rel, params, qualifier) {
	const col = fieldSql(f.field, rel, params, qualifier);
	let sql;
	if (f.op === 'is') {
		const v = /** @type {string} */ (f.value).toLowerCase();
		sql = `${col} is ${v === 'not_null' ? 'not null' : v}`;
	} else if (f.op === 'in') {
		sql = `${col} = any(${params.add(arrayLiteral(/** @type {string[]} */ (f.value)))})`;
	} else if (f.quant) {
		const op = SIMPLE_OPS[f.op];
		const list = /** @type {string[]} */ (f.value).map((v) =>
			f.op === 'like' || f.op === 'ilike' ? likePattern(v) : v
		);
		sql = `${col} ${op} ${f.quant}(${params.add(arrayLiteral(list))})`;
	} else if (FTS_FN[f.op]) {
		const cfg = f.config ? `${params.add(f.config)}::regconfig, ` : '';
		sql = `${col} @@ ${FTS_FN[f.op]}(${cfg}${params.add(f.value)})`;
	} else {
		const v = /** @type {string} */ (f.value);
		const value = f.op === 'like' || f.op === 'ilike' ? likePattern(v) : v;
		sql = `${col} ${SIMPLE_OPS[f.op]} ${params.add(value)}`;
	}
	return f.negate ? `not (${sql})` : sql;
}

/**
 * @param {Filter | Logic} node
 * @param {Relation | null} rel
 * @param {Params} params
 * @param {string} [qualifier]
 * @returns {string}
 */
function conditionSql(node, rel, params, qualifier) {
	if (node.type === 'filter') return filterSql(node, rel, params, qualifier);
	const parts = node.children.map((c) => conditionSql(c, rel, params, qualifier));
	const sql = '(' + parts.join(node.type === 'and' ? ' and ' : ' or ') + ')';
	return node.negate ? `not ${sql}` : sql;
}

/**
 * @param {Array<Filter | Logic>} filters
 * @param {Relation | null} rel
 * @param {Params} params
 * @param {string} [qualifier]
 */
export function whereSql(filters, rel, params, qualifier) {
	if (filters.length === 0) return '';
	return ' where ' + filters.map((f) => conditionSql(f, rel, params, qualifier)).join(' and ');
}

/**
 * @param {OrderTerm[]} order
 * @param {Relation | null} rel
 * @param {Params} params
 * @param {string} [qualifier]
 */
export function orderSql(order, rel, params, qualifier) {
	if (order.length === 0) return '';
	return (
		' order by ' +
		order
			.map(
				(o) =>
					`${fieldSql(o.field, rel, params, qualifier)} ${o.dir}${o.nulls ? ` nulls ${o.nulls}` : ''}`
			)
			.join(', ')
	);
}

/**
 * @param {number | null} limit
 * @param {number | null} offset
 * @param {Params} params
 */
export function limitSql(limit, offset, params) {
	let sql = '';
	if (limit !== null) sql += ` limit ${params.add(String(limit))}::bigint`;
	if (offset) sql += ` offset ${params.add(String(offset))}::bigint`;
	return sql;
}

/**
 * json_agg of the rows, optionally with nulls stripped (Accept: …;nulls=stripped).
 * @param {boolean} stripNulls
 */
export const aggSql = (stripNulls) =>
	stripNulls
		? `coalesce(json_agg(json_strip_nulls(to_json(_t))), '[]')::text`
		: `coalesce(json_agg(_t), '[]')::text`;
