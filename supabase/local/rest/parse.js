// Parsing of PostgREST's URL grammar (the subset supabase-js produces) into plain objects.
// Nothing here touches SQL: rest/sql.js turns these objects into parameterised statements.
// Anything outside the subset throws an ApiError naming the unsupported feature, so a request
// is never silently answered with something different from what PostgREST would return.
//
// Grammar reference: PostgREST docs, references/api/url_grammar.rst and tables_views.rst.

import { ApiError } from '../http.js';
import { parsecCheck } from './parsec.js';

/**
 * @typedef {{ op: '->' | '->>', key: string }} PathStep
 * @typedef {{ name: string, path: PathStep[] }} Field
 * @typedef {{ kind: 'star' } | { kind: 'field', field: Field, alias: string | null, cast: string | null }} SelectItem
 * @typedef {{ type: 'filter', field: Field, negate: boolean, op: string, quant: 'any' | 'all' | null, config: string | null, value: string | string[] }} Filter
 * @typedef {{ type: 'and' | 'or', negate: boolean, children: Array<Filter | Logic> }} Logic
 * @typedef {{ field: Field, dir: 'asc' | 'desc', nulls: 'first' | 'last' | null }} OrderTerm
 */

const OPERATORS = new Set([
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'like',
	'ilike',
	'match',
	'imatch',
	'in',
	'is',
	'isdistinct',
	'cs',
	'cd',
	'ov',
	'sl',
	'sr',
	'nxr',
	'nxl',
	'adj',
	'fts',
	'plfts',
	'phfts',
	'wfts'
]);
const QUANTIFIABLE = new Set(['eq', 'like', 'ilike', 'gt', 'gte', 'lt', 'lte', 'match', 'imatch']);
const FTS = new Set(['fts', 'plfts', 'phfts', 'wfts']);
const IS_VALUES = new Set(['null', 'not_null', 'true', 'false', 'unknown']);

/** Query-string keys that are not filters. */
export const RESERVED = new Set([
	'select',
	'order',
	'limit',
	'offset',
	'on_conflict',
	'columns',
	'and',
	'or',
	'not.and',
	'not.or'
]);

/** @param {string} what @param {string} details */
const parseError = (what, details) =>
	new ApiError(400, {
		code: 'PGRST100',
		details,
		hint: null,
		message: `"failed to parse ${what}"`
	});

/**
 * PGRST100 in PostgREST 14's words when its grammar refuses `input` (see parsec.js).
 * @param {'filter' | 'order' | 'logic' | 'select' | 'columns'} kind
 * @param {string} input
 * @param {string} name
 */
export function checkSyntax(kind, input, name) {
	const bad = parsecCheck(kind, input, name);
	if (bad)
		throw new ApiError(400, {
			code: 'PGRST100',
			details: bad.details,
			hint: null,
			message: bad.message
		});
}

/**
 * Split on `sep` at nesting depth 0, outside double quotes (with backslash escapes).
 * @param {string} s
 * @param {string} sep
 */
function splitTop(s, sep = ',') {
	/** @type {string[]} */
	const out = [];
	let depth = 0;
	let inQuote = false;
	let cur = '';
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (inQuote) {
			if (c === '\\' && i + 1 < s.length) {
				cur += c + s[++i];
				continue;
			}
			if (c === '"') inQuote = false;
			cur += c;
			continue;
		}
		if (c === '"') inQuote = true;
		else if (c === '(') depth++;
		else if (c === ')') depth--;
		if (depth < 0) throw parseError(`(${s})`, 'unbalanced parentheses');
		if (c === sep && depth === 0) {
			out.push(cur);
			cur = '';
		} else cur += c;
	}
	if (inQuote) throw parseError(`(${s})`, 'unterminated double quote');
	if (depth !== 0) throw parseError(`(${s})`, 'unbalanced parentheses');
	out.push(cur);
	return out;
}

/** Remove surrounding double quotes and unescape \" and \\. @param {string} s */
function unquote(s) {
	if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
		return s.slice(1, -1).replace(/\\(.)/g, '$1');
	}
	return s;
}

/**
 * A column reference with optional JSON path: `col`, `"my col"`, `data->a->>b`, `arr->0`.
 * @param {string} raw
 * @returns {Field}
 */
export function parseField(raw) {
	const s = raw.trim();
	if (!s) throw parseError('field', 'empty column name');
	const parts = s.split(/(->>|->)/);
	const name = unquote(parts[0] ?? '');
	if (!name || /[()]/.test(name) || name.includes('"')) {
		throw parseError(`field (${s})`, `"${s}" is not a column name`);
	}
	/** @type {PathStep[]} */
	const path = [];
	for (let i = 1; i < parts.length; i += 2) {
		const key = unquote(parts[i + 1] ?? '');
		if (key === '') throw parseError(`field (${s})`, 'empty JSON path key');
		path.push({ op: /** @type {'->' | '->>'} */ (parts[i]), key });
	}
	return { name, path };
}

/**
 * `select=` list. Embedding (`rel(cols)`), aggregates (`count()`) and spreads (`...rel`) are
 * refused: joins live in views in this project.
 * @param {string | null} raw
 * @param {string} relation for error messages
 * @returns {SelectItem[]}
 */
export function parseSelect(raw, relation) {
	if (raw !== null) checkSyntax('select', raw, `select parameter (${raw})`);
	if (raw === null || raw.trim() === '' || raw.trim() === '*') return [{ kind: 'star' }];
	/** @type {SelectItem[]} */
	const items = [];
	for (const part of splitTop(raw)) {
		const item = part.trim();
		if (item === '') throw parseError(`select (${raw})`, 'empty item in select list');
		if (item === '*') {
			items.push({ kind: 'star' });
			continue;
		}
		if (item.startsWith('...') || /\(/.test(item.replace(/"[^"]*"/g, ''))) {
			const target =
				item
					.replace(/^\.\.\./, '')
					.split(/[(!:]/)
					.pop() ?? item;
			if (
				/^(count|sum|avg|min|max)\(\)/.test(item.split(':').pop() ?? '') ||
				/\.(count|sum|avg|min|max)\(\)/.test(item)
			) {
				throw new ApiError(400, {
					code: 'PGRST123',
					details: null,
					hint: 'The Supabase stand-in does not support aggregate functions in select; use a view or an rpc.',
					message: 'Use of aggregate functions is not allowed'
				});
			}
			throw new ApiError(400, {
				code: 'PGRST200',
				details: `Searched for a foreign key relationship between '${relation}' and '${target.split('(')[0]}' in the schema 'public', but the Supabase stand-in does not support resource embedding.`,
				hint: 'Resource embedding (joins in select) is not supported by the Supabase stand-in: expose a view instead.',
				message: `Could not find a relationship between '${relation}' and '${target.split('(')[0]}' in the schema cache`
			});
		}
		// alias:field::cast — the alias colon is the first single ':' not part of '::'.
		let alias = null;
		let rest = item;
		const m = /^("(?:[^"\\]|\\.)*"|[^:"]+):(?!:)(.*)$/.exec(item);
		if (m) {
			alias = unquote(m[1] ?? '');
			rest = m[2] ?? '';
		}
		let cast = null;
		const castAt = rest.lastIndexOf('::');
		if (castAt >= 0) {
			cast = rest.slice(castAt + 2).trim();
			rest = rest.slice(0, castAt);
			if (!/^[a-z_][a-z0-9_]*(\[\])?$/i.test(cast)) {
				throw parseError(`select (${raw})`, `unsupported cast "::${cast}"`);
			}
		}
		items.push({ kind: 'field', field: parseField(rest), alias, cast });
	}
	return items;
}

/**
 * A filter right-hand side: `[not.]op[(any|all)][(config)].value`.
 * @param {Field} field
 * @param {string} rhs
 * @returns {Filter}
 */
export function parseFilter(field, rhs) {
	let s = rhs;
	let negate = false;
	if (s.startsWith('not.')) {
		negate = true;
		s = s.slice(4);
	}
	const m = /^([a-z_]+)(?:\((any|all)\))?(?:\(([a-z_][a-z0-9_]*)\))?\.([\s\S]*)$/.exec(s);
	if (!m) {
		// `col=eq` without value is a parse error; `col=5` is PostgREST's "unknown operator".
		throw parseError(
			`filter (${rhs})`,
			`unexpected "${s.slice(0, 20)}" expecting an operator such as eq, neq, gt, in, is`
		);
	}
	const op = /** @type {string} */ (m[1]);
	const quant = m[2];
	const config = m[3];
	const value = m[4] ?? '';
	if (!OPERATORS.has(op)) {
		throw parseError(`filter (${rhs})`, `unknown or unsupported operator "${op}"`);
	}
	if (quant && !QUANTIFIABLE.has(op))
		throw parseError(`filter (${rhs})`, `operator ${op} does not take (any)/(all)`);
	if (config && !FTS.has(op))
		throw parseError(`filter (${rhs})`, `operator ${op} does not take a configuration`);
	if (op === 'in' || quant) {
		const v = value.trim();
		const inner = op === 'in' ? /^\(([\s\S]*)\)$/.exec(v) : /^\{([\s\S]*)\}$/.exec(v);
		if (!inner) {
			throw parseError(
				`filter (${rhs})`,
				op === 'in'
					? 'in expects a list like in.(1,2,3)'
					: `${op}(${quant}) expects a list like {a,b}`
			);
		}
		const list = !inner[1] ? [] : splitTop(inner[1]).map((x) => unquote(x.trim()));
		return {
			type: 'filter',
			field,
			negate,
			op,
			quant: /** @type {any} */ (quant ?? null),
			config: null,
			value: list
		};
	}
	if (op === 'is' && !IS_VALUES.has(value.toLowerCase())) {
		throw parseError(
			`filter (${rhs})`,
			`is expects null, not_null, true, false or unknown, got "${value}"`
		);
	}
	return { type: 'filter', field, negate, op, quant: null, config: config ?? null, value };
}

/**
 * `or=(…)` / `and=(…)` / `not.or=(…)` trees; items are `field.op.value` or nested `and(...)`.
 * @param {'and' | 'or'} type
 * @param {boolean} negate
 * @param {string} raw the value, including the outer parentheses
 * @param {number} [depth]
 * @returns {Logic}
 */
export function parseLogic(type, negate, raw, depth = 0) {
	if (depth > 20) throw parseError(`logic tree`, 'nested too deeply');
	const s = raw.trim();
	if (!s.startsWith('(') || !s.endsWith(')')) {
		throw parseError(`logic tree (${raw})`, `expected "(" ... ")" after ${type}=`);
	}
	const body = s.slice(1, -1);
	if (body.trim() === '') throw parseError(`logic tree (${raw})`, 'empty logic tree');
	/** @type {Array<Filter | Logic>} */
	const children = [];
	for (const part of splitTop(body)) {
		const item = part.trim();
		const nested = /^(not\.)?(and|or)(\([\s\S]*\))$/.exec(item);
		if (nested) {
			children.push(
				parseLogic(/** @type {'and' | 'or'} */ (nested[2]), !!nested[1], nested[3] ?? '', depth + 1)
			);
			continue;
		}
		// field.op.value — the field ends at the first '.' that is followed by an operator.
		const fm = /^((?:"(?:[^"\\]|\\.)*"|[^."])+)\.([\s\S]+)$/.exec(item);
		if (!fm) throw parseError(`logic tree (${raw})`, `"${item}" is not field.operator.value`);
		const rhs = fm[2] ?? '';
		const filter = parseFilter(parseField(fm[1] ?? ''), rhs);
		// Inside logic trees values may be double-quoted to protect , ( ).
		if (typeof filter.value === 'string') filter.value = unquote(filter.value);
		children.push(filter);
	}
	return { type, negate, children };
}

/**
 * `order=a.desc.nullslast,b`
 * @param {string} raw
 * @returns {OrderTerm[]}
 */
export function parseOrder(raw) {
	checkSyntax('order', raw, `order (${raw})`);
	/** @type {OrderTerm[]} */
	const terms = [];
	for (const part of splitTop(raw)) {
		const item = part.trim();
		if (!item) throw parseError(`order (${raw})`, 'empty order term');
		if (item.includes('(')) {
			throw parseError(
				`order (${raw})`,
				'ordering by an embedded resource is not supported by the stand-in'
			);
		}
		const bits = item.split('.');
		/** @type {'asc' | 'desc'} */
		let dir = 'asc';
		/** @type {'first' | 'last' | null} */
		let nulls = null;
		while (bits.length > 1) {
			const last = bits[bits.length - 1];
			if (last === 'asc' || last === 'desc') dir = last;
			else if (last === 'nullsfirst') nulls = 'first';
			else if (last === 'nullslast') nulls = 'last';
			else break;
			bits.pop();
		}
		terms.push({ field: parseField(bits.join('.')), dir, nulls });
	}
	return terms;
}

/**
 * @param {string | null} raw
 * @param {string} what
 */
export function parseNonNegInt(raw, what) {
	if (raw === null) return null;
	if (!/^\d{1,15}$/.test(raw))
		throw parseError(`${what} parameter (${raw})`, `${what} must be a non-negative integer`);
	return Number(raw);
}

// The preferences PostgREST 14 knows (src/PostgREST/ApiRequest/Preferences.hs `acceptedPrefs`);
// anything else is "invalid" and refused only under handling=strict (PGRST122).
const ACCEPTED_PREFS = new Set([
	'resolution=merge-duplicates',
	'resolution=ignore-duplicates',
	'return=representation',
	'return=minimal',
	'return=headers-only',
	'count=exact',
	'count=planned',
	'count=estimated',
	'tx=commit',
	'tx=rollback',
	'missing=default',
	'missing=null',
	'handling=strict',
	'handling=lenient'
]);

/**
 * `Prefer` header(s) → the preferences the stand-in honours, split on commas as PostgREST does.
 * The first value of each kind wins; unknown ones are listed in `invalid`.
 * @param {string | string[] | undefined} header
 */
export function parsePrefer(header) {
	const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
	/** @type {{ return?: string, count?: string, resolution?: string, missing?: string, tx?: string, handling?: string, maxAffected?: number, invalid: string[] }} */
	const prefs = { invalid: [] };
	for (const part of raw.split(',')) {
		const p = part.trim();
		if (!p) continue;
		const eq = p.indexOf('=');
		const k = eq < 0 ? p : p.slice(0, eq);
		const v = eq < 0 ? '' : p.slice(eq + 1);
		if (k === 'max-affected' && /^-?\d+$/.test(v)) {
			prefs.maxAffected ??= Number(v);
			continue;
		}
		// timezone=<name>: accepted by PostgREST when the database knows the name; the stand-in
		// does not apply it (see README) and does not refuse it either.
		if (k === 'timezone') continue;
		if (!ACCEPTED_PREFS.has(p)) {
			prefs.invalid.push(p);
			continue;
		}
		const key = /** @type {'return' | 'count' | 'resolution' | 'missing' | 'tx' | 'handling'} */ (
			k
		);
		prefs[key] ??= v;
	}
	return prefs;
}

/**
 * Prefer: handling=strict with preferences PostgREST does not know → 400 PGRST122 (Plan.hs).
 * @param {ReturnType<typeof parsePrefer>} prefs
 */
export function checkStrictPrefs(prefs) {
	if (prefs.handling === 'strict' && prefs.invalid.length > 0) {
		throw new ApiError(400, {
			code: 'PGRST122',
			details: `Invalid preferences: ${prefs.invalid.join(', ')}`,
			hint: null,
			message: 'Invalid preferences given with handling=strict'
		});
	}
}

/**
 * `Range: 0-9` (items) → { offset, limit }.
 * @param {string | undefined} header
 */
export function parseRangeHeader(header) {
	if (!header) return null;
	const m = /^(?:items=)?\s*(\d+)-(\d*)\s*$/.exec(header);
	if (!m) return null;
	const from = Number(m[1]);
	const to = m[2] === '' ? null : Number(m[2]);
	if (to !== null && to < from) return { offset: from, limit: 0, invalid: true };
	return { offset: from, limit: to === null ? null : to - from + 1, invalid: false };
}

/**
 * The Accept header → output format. PostgREST answers 406 for media types it cannot produce.
 * @param {string | undefined} accept
 * @returns {{ kind: 'array' | 'object' | 'csv', stripNulls: boolean }}
 */
export function parseAccept(accept) {
	if (!accept) return { kind: 'array', stripNulls: false };
	const candidates = accept.split(',').map((s) => s.trim().toLowerCase());
	for (const c of candidates) {
		const [type, ...params] = c.split(';').map((x) => x.trim());
		const stripNulls = params.includes('nulls=stripped');
		if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object') {
			return { kind: 'object', stripNulls };
		}
		if (
			type === 'application/json' ||
			type === 'application/vnd.pgrst.array+json' ||
			type === '*/*' ||
			type === 'application/*'
		) {
			return { kind: 'array', stripNulls };
		}
		if (type === 'text/csv') return { kind: 'csv', stripNulls: false };
	}
	throw new ApiError(406, {
		code: 'PGRST107',
		details: null,
		hint: 'The Supabase stand-in produces application/json, application/vnd.pgrst.object+json and text/csv only.',
		message: `None of these media types are available: ${accept}`
	});
}
