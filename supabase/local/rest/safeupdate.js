// pg-safeupdate, emulated. On Supabase the extension is loaded for PostgREST's connections
// (`authenticator`), so every UPDATE or DELETE parsed during an API request — sent by PostgREST
// or run inside a function it calls — fails with 21000 "UPDATE requires a WHERE clause" when its
// jointree has no quals (github.com/eradman/pg-safeupdate, safeupdate.c: the check runs at parse
// analysis, also on the queries of a modifying CTE). PostgreSQL and PGlite here have no such hook,
// so the stand-in checks the two places a request can reach:
//   - REST PATCH/DELETE without a filter (rest/index.js), exactly;
//   - function bodies, statically with `unguardedDml` below: a call is refused when the function,
//     or a function its body names, holds such a statement (reached or not — stricter than
//     Supabase, never looser). The migration lint (tests/db/conformance/safeupdate-lint.test.ts)
//     runs the same scanner over every function the migrations leave behind.

/**
 * @typedef {{ kind: 'UPDATE' | 'DELETE', line: number }} Offence
 * @typedef {{ t: string, line: number, depth: number }} Token
 */

/**
 * Words and punctuation of a SQL or PL/pgSQL body, lower-cased, with comments, string literals,
 * quoted identifiers and dollar-quoted strings (dynamic SQL text) removed.
 * @param {string} src
 * @returns {Token[]}
 */
function tokenize(src) {
	/** @type {Token[]} */
	const out = [];
	let i = 0;
	let line = 1;
	let depth = 0;
	const n = src.length;
	/** @param {number} from @param {number} to */
	const countLines = (from, to) => {
		for (let k = from; k < to; k++) if (src[k] === '\n') line++;
	};
	while (i < n) {
		const c = src[i];
		if (c === '\n') {
			line++;
			i++;
		} else if (c === '-' && src[i + 1] === '-') {
			while (i < n && src[i] !== '\n') i++;
		} else if (c === '/' && src[i + 1] === '*') {
			// Block comments nest in PostgreSQL.
			let level = 0;
			const start = i;
			do {
				if (src[i] === '/' && src[i + 1] === '*') {
					level++;
					i += 2;
				} else if (src[i] === '*' && src[i + 1] === '/') {
					level--;
					i += 2;
				} else i++;
			} while (i < n && level > 0);
			countLines(start, i);
		} else if (c === "'") {
			const start = i++;
			const escapes = /[eE]/.test(src[start - 1] ?? '') && !/\w/.test(src[start - 2] ?? '');
			while (i < n) {
				if (escapes && src[i] === '\\') i += 2;
				else if (src[i] === "'" && src[i + 1] === "'") i += 2;
				else if (src[i] === "'") break;
				else i++;
			}
			i++;
			countLines(start, i);
			out.push({ t: "'", line, depth });
		} else if (c === '"') {
			const start = i++;
			while (i < n && !(src[i] === '"' && src[i + 1] !== '"')) i += src[i] === '"' ? 2 : 1;
			i++;
			countLines(start, i);
			out.push({ t: 'ident', line, depth });
		} else if (c === '$' && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(src.slice(i, i + 64))) {
			const tag = /** @type {RegExpExecArray} */ (
				/^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(src.slice(i))
			)[0];
			const end = src.indexOf(tag, i + tag.length);
			const stop = end < 0 ? n : end + tag.length;
			countLines(i, stop);
			i = stop;
			out.push({ t: "'", line, depth });
		} else if (/[A-Za-z_]/.test(c ?? '')) {
			const m = /** @type {RegExpExecArray} */ (
				/^[A-Za-z_][A-Za-z0-9_$]*/.exec(src.slice(i, i + 256))
			);
			out.push({ t: m[0].toLowerCase(), line, depth });
			i += m[0].length;
		} else if (c === '(') {
			out.push({ t: '(', line, depth });
			depth++;
			i++;
		} else if (c === ')') {
			depth--;
			out.push({ t: ')', line, depth });
			i++;
		} else if (c === ';') {
			out.push({ t: ';', line, depth });
			i++;
		} else {
			if (!/\s/.test(c ?? '')) out.push({ t: c ?? '', line, depth });
			i++;
		}
	}
	return out;
}

// A word before UPDATE/DELETE that makes it something other than a statement: `for update`,
// `for no key update`, `on conflict … do update`, trigger events `before update or delete on`,
// `grant update`, `of`, policy commands `for delete`.
const NOT_A_STATEMENT = new Set([
	'for',
	'key',
	'do',
	'or',
	'on',
	'before',
	'after',
	'of',
	'grant',
	'revoke',
	',',
	'when',
	'instead'
]);

/**
 * UPDATE and DELETE statements in a function body that have no WHERE clause at their own level
 * (a WHERE inside a sub-select does not count, as in safeupdate's jointree check).
 * @param {string} body prosrc of a `sql` or `plpgsql` function
 * @returns {Offence[]}
 */
export function unguardedDml(body) {
	return dmlIn(tokenize(body));
}

/**
 * Both findings of a body from one pass of the tokenizer (the catalog scans every function).
 * @param {string} body
 */
export function scanBody(body) {
	const toks = tokenize(body);
	return { offences: dmlIn(toks), calls: namesIn(toks) };
}

/** @param {Token[]} toks @returns {Offence[]} */
function dmlIn(toks) {
	/** @type {Offence[]} */
	const found = [];
	for (let k = 0; k < toks.length; k++) {
		const tok = /** @type {Token} */ (toks[k]);
		if (tok.t !== 'update' && tok.t !== 'delete') continue;
		const prev = toks[k - 1]?.t ?? ';';
		if (NOT_A_STATEMENT.has(prev)) continue;
		// The statement runs to `;` or to the parenthesis that closes its level (a CTE): that `)`
		// carries the outer depth.
		let where = false;
		for (let j = k + 1; j < toks.length; j++) {
			const x = /** @type {Token} */ (toks[j]);
			if (x.depth < tok.depth || (x.depth === tok.depth && x.t === ';')) break;
			if (x.depth === tok.depth && x.t === 'where') {
				where = true;
				break;
			}
		}
		if (!where) found.push({ kind: tok.t === 'update' ? 'UPDATE' : 'DELETE', line: tok.line });
	}
	return found;
}

/** @param {Token[]} toks @returns {Set<string>} */
function namesIn(toks) {
	/** @type {Set<string>} */
	const names = new Set();
	for (let k = 0; k + 1 < toks.length; k++) {
		const a = /** @type {Token} */ (toks[k]);
		if (toks[k + 1]?.t !== '(' || !/^[a-z_]/.test(a.t)) continue;
		const qualified = toks[k - 1]?.t === '.' && /^[a-z_]/.test(toks[k - 2]?.t ?? '');
		names.add(qualified ? `${toks[k - 2]?.t}.${a.t}` : a.t);
	}
	return names;
}
