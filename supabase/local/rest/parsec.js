/**
 * PostgREST 14's query-parameter grammar (src/PostgREST/ApiRequest/QueryParams.hs, tag v14.9)
 * on a small port of Parsec's error machinery, so PGRST100 reads exactly as PostgREST writes it:
 * message `"failed to parse filter (noop.0)" (line 1, column 1)`, details
 * `unexpected "o" expecting "not" or operator (eq, gt, ...)`. Used as a validator: the stand-in's
 * own parser (parse.js) builds the request once this grammar accepts the text.
 * Parser: (inp: string[], st) => { c: consumed, ok, v, st, e: { line, col, msgs } }.
 */

const SYS = 0;
const UN = 1;
const EXP = 2;

/** @typedef {{ i: number, line: number, col: number }} St */
/** @typedef {{ line: number, col: number, msgs: Array<[number, string]> }} Err */
/** @typedef {{ c: boolean, ok: boolean, v?: any, st?: St, e: Err }} R */
/** @typedef {(inp: string[], st: St) => R} P */

const CTRL =
	'NUL SOH STX ETX EOT ENQ ACK a b t n v f r SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US'.split(
		' '
	);

/** Haskell's `show` of a String (quote '"') or a Char (quote "'"). @param {string} s @param {string} q */
function hsShow(s, q = '"') {
	const cps = Array.from(s);
	let out = q;
	cps.forEach((ch, k) => {
		const cp = /** @type {number} */ (ch.codePointAt(0));
		if (ch === q || ch === '\\') out += '\\' + ch;
		else if (cp >= 32 && cp < 127) out += ch;
		else {
			const esc = cp < 32 ? '\\' + CTRL[cp] : cp === 127 ? '\\DEL' : '\\' + cp;
			out += esc;
			const next = cps[k + 1] ?? '';
			if (/\d$/.test(esc) && /[0-9]/.test(next)) out += '\\&';
			if (esc === '\\SO' && next === 'H') out += '\\&';
		}
	});
	return out + q;
}

/** @param {St} st @param {Array<[number, string]>} msgs @returns {Err} */
const err = (st, msgs) => ({ line: st.line, col: st.col, msgs });
/** @param {Err} a @param {Err} b */
const cmp = (a, b) => a.line - b.line || a.col - b.col;
/** @param {Err} e1 @param {Err} e2 @returns {Err} */
function merge(e1, e2) {
	if (!e2.msgs.length && e1.msgs.length) return e1;
	if (!e1.msgs.length && e2.msgs.length) return e2;
	const c = cmp(e1, e2);
	if (c === 0) return { line: e1.line, col: e1.col, msgs: [...e1.msgs, ...e2.msgs] };
	return c > 0 ? e1 : e2;
}
/** @param {St} st @param {string} ch @returns {St} */
function adv(st, ch) {
	if (ch === '\n') return { i: st.i + 1, line: st.line + 1, col: 1 };
	if (ch === '\t') return { i: st.i + 1, line: st.line, col: st.col + 8 - ((st.col - 1) % 8) };
	return { i: st.i + 1, line: st.line, col: st.col + 1 };
}

/** @param {any} v @returns {P} */
const pure = (v) => (_inp, st) => ({ c: false, ok: true, v, st, e: err(st, []) });
/** @type {P} */
const zero = (_inp, st) => ({ c: false, ok: false, e: err(st, []) });
/** @param {(ch: string) => boolean} f @returns {P} */
const satisfy = (f) => (inp, st) => {
	if (st.i >= inp.length) return { c: false, ok: false, e: err(st, [[SYS, '']]) };
	const ch = /** @type {string} */ (inp[st.i]);
	if (!f(ch)) return { c: false, ok: false, e: err(st, [[SYS, hsShow(ch)]]) };
	const st2 = adv(st, ch);
	return { c: true, ok: true, v: ch, st: st2, e: err(st2, []) };
};
/** @param {Err} e @param {string[]} labels */
function setExpect(e, labels) {
	const rest = e.msgs.filter(([t]) => t !== EXP);
	/** @type {Array<[number, string]>} */
	const add = labels.length ? [[EXP, labels[0] ?? '']] : [[EXP, '']];
	for (const l of labels.slice(1).reverse()) add.push([EXP, l]);
	return { ...e, msgs: [add[0], ...rest, ...add.slice(1)].filter(Boolean) };
}
/** @param {P} p @param {string} l @returns {P} */
const label = (p, l) => (inp, st) => {
	const r = p(inp, st);
	if (r.c) return r;
	if (r.ok && !r.e.msgs.length) return r;
	return { ...r, e: /** @type {Err} */ (setExpect(r.e, [l])) };
};
/** @param {P} p @param {(v: any) => P} k @returns {P} */
const bind = (p, k) => (inp, st) => {
	const r = p(inp, st);
	if (!r.ok) return r;
	const r2 = k(r.v)(inp, /** @type {St} */ (r.st));
	if (r2.c) return r2;
	const e = r.e.msgs.length ? merge(r.e, r2.e) : r2.e;
	return { ...r2, c: r.c, e };
};
/** @param {...P} ps @returns {P} */
const alt =
	(...ps) =>
	(inp, st) => {
		/** @type {Err | null} */
		let e = null;
		for (const p of ps) {
			const r = p(inp, st);
			if (r.c) return r;
			/** @type {Err} */
			const e2 = e ? merge(e, r.e) : r.e;
			if (r.ok) return { ...r, e: e2 };
			e = e2;
		}
		return { c: false, ok: false, e: e ?? err(st, []) };
	};
/** @param {P} p @returns {P} */
const attempt = (p) => (inp, st) => {
	const r = p(inp, st);
	return r.ok ? r : { ...r, c: false };
};
/** @param {P} p @returns {P} */
const lookAhead = (p) => (inp, st) => {
	const r = p(inp, st);
	return r.ok ? { c: false, ok: true, v: r.v, st, e: err(st, []) } : r;
};
/** @param {P} p @returns {P} */
const many = (p) => (inp, st) => {
	/** @type {any[]} */
	const xs = [];
	let cur = st;
	let consumed = false;
	for (;;) {
		const r = p(inp, cur);
		if (r.ok && r.c) {
			xs.push(r.v);
			cur = /** @type {St} */ (r.st);
			consumed = true;
			continue;
		}
		if (r.c) return r;
		if (r.ok) throw new Error('many: parser accepts an empty string');
		return { c: consumed, ok: true, v: xs, st: cur, e: r.e };
	}
};
/** The character after `p`, reported as Parsec does (at the position before it). @param {P} p @returns {P} */
const notFollowedBy = (p) => (inp, st) => {
	const r = p(inp, st);
	if (r.ok) return { c: false, ok: false, e: err(st, [[UN, hsShow(String(r.v), "'")]]) };
	return { c: false, ok: true, v: null, st, e: err(st, []) };
};
/** @type {P} */
const anyChar = satisfy(() => true);
const eof = label(notFollowedBy(anyChar), 'end of input');
/** @param {string} s @returns {P} */
const string = (s) => (inp, st) => {
	const want = Array.from(s);
	if (!want.length) return pure(s)(inp, st);
	let cur = st;
	for (let k = 0; k < want.length; k++) {
		const x = inp[cur.i];
		/** @type {Array<[number, string]>} */
		const msgs = [
			[SYS, x === undefined ? '' : hsShow(x)],
			[EXP, hsShow(s)]
		];
		if (x === undefined || x !== want[k]) return { c: k > 0, ok: false, e: err(st, msgs) };
		cur = adv(cur, x);
	}
	return { c: true, ok: true, v: s, st: cur, e: err(cur, []) };
};
/** @param {string} c */
const char = (c) =>
	label(
		satisfy((x) => x === c),
		hsShow(c)
	);
/** @param {string} cs */
const oneOf = (cs) => satisfy((x) => cs.includes(x));
/** @param {string} cs */
const noneOf = (cs) => satisfy((x) => !cs.includes(x));
/** @param {P} p @param {P} q */
const then = (p, q) => bind(p, () => q);
/** @param {P} p @param {P} q */
const before = (p, q) => bind(p, (x) => bind(q, () => pure(x)));
/** @param {P} p */
const many1 = (p) => bind(p, (x) => bind(many(p), (xs) => pure([x, ...xs])));
/** @param {P} p @param {P} sep */
const sepBy1 = (p, sep) => bind(p, (x) => bind(many(then(sep, p)), (xs) => pure([x, ...xs])));
/** @param {P} p @param {P} sep */
const sepBy = (p, sep) => alt(sepBy1(p, sep), pure([]));
/** @param {P} p */
const optionMaybe = (p) => alt(p, pure(null));
/** @param {P} o @param {P} c @param {P} p */
const between = (o, c, p) => then(o, before(p, c));
/** @param {P} p @param {(v: any) => any} f @returns {P} */
const map = (p, f) => (inp, st) => {
	const r = p(inp, st);
	return r.ok ? { ...r, v: f(r.v) } : r;
};

// ---- the grammar (QueryParams.hs) ----
const letter = label(
	satisfy((x) => /\p{L}/u.test(x)),
	'letter'
);
const digit = label(
	satisfy((x) => x >= '0' && x <= '9'),
	'digit'
);
const ws = many(oneOf(' \t'));
/** @param {P} p */
const lexeme = (p) => then(ws, before(p, ws));
const pDelimiter = label(char('.'), 'delimiter (.)');
const pIdentifier = map(many1(alt(letter, digit, oneOf('_ $'))), (xs) => xs.join('').trim());
/** @param {P} ident */
const sepByDash = (ident) =>
	map(sepBy1(ident, attempt(then(char('-'), notFollowedBy(char('>'))))), (xs) => xs.join('-'));
/** @type {P} */
const pQuotedValue = map(
	between(char('"'), char('"'), many(alt(noneOf('\\"'), then(char('\\'), anyChar)))),
	(xs) => xs.join('')
);
const pFieldName = label(
	alt(pQuotedValue, sepByDash(pIdentifier)),
	'field name (* or [a..z0..9_$])'
);
const pJsonKeyName = label(
	alt(pQuotedValue, sepByDash(map(many1(noneOf('(-:.,>)')), (xs) => xs.join('').trim()))),
	'any non reserved character different from: .,>()'
);
const pJsonPath = (() => {
	const arrow = alt(attempt(string('->>')), attempt(string('->')));
	const end = alt(
		attempt(lookAhead(string('->'))),
		attempt(lookAhead(string('::'))),
		attempt(lookAhead(string('.'))),
		attempt(lookAhead(string(','))),
		attempt(eof)
	);
	const idx = before(
		bind(alt(char('-'), pure('+')), (s) => map(many1(digit), (ds) => s + ds.join(''))),
		end
	);
	return many(then(arrow, alt(attempt(idx), attempt(pJsonKeyName))));
})();
const pField = lexeme(then(pFieldName, alt(pJsonPath, pure([]))));
const aliasSeparator = then(char(':'), notFollowedBy(char(':')));

/** @param {string[]} names */
const ops = (names) =>
	label(alt(...names.map((n) => attempt(string(n)))), 'unknown single value operator');
const simpleOperator = ops(['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj']);
const quantOperator = ops(['eq', 'gte', 'gt', 'lte', 'lt', 'like', 'ilike', 'match', 'imatch']);
const pListElement = alt(
	attempt(before(pQuotedValue, notFollowedBy(noneOf(',)')))),
	many(noneOf(',)'))
);
const pListVal = then(
	lexeme(char('(')),
	before(sepBy1(pListElement, char(',')), lexeme(char(')')))
);
/** @param {string} s */
const ciString = (s) =>
	Array.from(s).reduceRight(
		(/** @type {P} */ acc, ch) => then(alt(char(ch), char(ch.toUpperCase())), acc),
		pure(s)
	);
/** @param {P} pSVal */
const pOpExpr = (pSVal) => {
	const pIn = then(attempt(then(string('in'), pDelimiter)), pListVal);
	const pIs = then(
		attempt(then(string('is'), pDelimiter)),
		label(
			alt(...['null', 'not_null', 'true', 'false', 'unknown'].map((w) => attempt(ciString(w)))),
			'isVal: (null, not_null, true, false, unknown)'
		)
	);
	const pIsDist = then(attempt(then(string('isdistinct'), pDelimiter)), pSVal);
	const pFts = then(
		alt(...['fts', 'plfts', 'phfts', 'wfts'].map((w) => attempt(string(w)))),
		then(optionMaybe(attempt(between(char('('), char(')'), pIdentifier))), then(pDelimiter, pSVal))
	);
	const pSimpleOp = then(simpleOperator, then(pDelimiter, pSVal));
	const pQuantOp = then(
		quantOperator,
		then(
			optionMaybe(
				attempt(between(char('('), char(')'), alt(attempt(string('any')), string('all'))))
			),
			then(pDelimiter, pSVal)
		)
	);
	const pOperation = label(
		alt(pIn, pIs, pIsDist, attempt(pFts), attempt(pSimpleOp), attempt(pQuantOp)),
		'operator (eq, gt, ...)'
	);
	return then(alt(attempt(then(string('not'), pDelimiter)), pure(false)), pOperation);
};
const pSingleVal = many(anyChar);
const pLogicSingleVal = alt(
	attempt(before(pQuotedValue, notFollowedBy(noneOf(',)')))),
	attempt(then(string('{'), then(many(noneOf('{}')), string('}')))),
	many(noneOf(',)'))
);
/** @type {P} */
const pLogicTree = (inp, st) =>
	alt(
		attempt(then(pField, then(pDelimiter, pOpExpr(pLogicSingleVal)))),
		then(
			label(alt(attempt(then(string('not'), pDelimiter)), pure(false)), 'negation operator (not)'),
			then(
				label(alt(attempt(string('and')), string('or')), 'logic operator (and, or)'),
				then(lexeme(char('(')), before(sepBy1(pLogicTree, lexeme(char(','))), lexeme(char(')'))))
			)
		)
	)(inp, st);
const pOrder = (() => {
	const pNulls = alt(
		attempt(then(pDelimiter, string('nullsfirst'))),
		attempt(then(pDelimiter, string('nullslast')))
	);
	const pOrdDir = alt(
		attempt(then(pDelimiter, string('asc'))),
		attempt(then(pDelimiter, string('desc')))
	);
	const pEnd = alt(attempt(lookAhead(char(','))), attempt(eof));
	const tail = then(optionMaybe(pOrdDir), alt(before(optionMaybe(pNulls), pEnd), pEnd));
	const term = then(pField, tail);
	const relTerm = then(pFieldName, then(between(char('('), char(')'), pField), tail));
	return sepBy1(lexeme(alt(attempt(relTerm), term)), char(','));
})();
/** @type {P} */
const pFieldForest = (inp, st) => {
	const pEnd = alt(attempt(lookAhead(string(')'))), attempt(lookAhead(string(','))), attempt(eof));
	const pAlias = optionMaybe(attempt(before(pFieldName, aliasSeparator)));
	const pCast = optionMaybe(then(string('::'), pIdentifier));
	const pAggregation = alt(
		string('sum'),
		string('avg'),
		string('count'),
		attempt(string('max')),
		attempt(string('min'))
	);
	const pFieldSelect = lexeme(
		alt(
			attempt(then(string('*'), pEnd)),
			attempt(then(pAlias, then(string('count()'), then(pCast, pEnd)))),
			then(
				pAlias,
				then(
					pField,
					then(
						pCast,
						then(
							optionMaybe(attempt(then(char('.'), before(pAggregation, string('()'))))),
							then(pCast, pEnd)
						)
					)
				)
			)
		)
	);
	const pEmbedParam = then(
		char('!'),
		alt(attempt(string('left')), attempt(string('inner')), attempt(pFieldName))
	);
	const pEmbedParams = then(optionMaybe(pEmbedParam), optionMaybe(pEmbedParam));
	const open = attempt(lookAhead(string('(')));
	const pRelationSelect = lexeme(
		then(
			pAlias,
			bind(pFieldName, (name) => (name === 'count' ? zero : then(pEmbedParams, open)))
		)
	);
	const pSpread = lexeme(then(string('...'), then(pFieldName, then(pEmbedParams, open))));
	const sub = between(char('('), char(')'), pFieldForest);
	const pFieldTree = alt(
		then(attempt(pSpread), sub),
		then(attempt(pRelationSelect), sub),
		pFieldSelect
	);
	return sepBy(pFieldTree, lexeme(char(',')))(inp, st);
};
const pColumns = sepBy1(pFieldName, lexeme(char(',')));

const GRAMMAR = {
	filter: pOpExpr(pSingleVal),
	order: pOrder,
	logic: pLogicTree,
	select: pFieldForest,
	columns: pColumns
};

/** Parsec's showErrorMessages "or" "unknown parse error" "expecting" "unexpected" "end of input". @param {Array<[number, string]>} msgs */
function showErrorMessages(msgs) {
	if (!msgs.length) return 'unknown parse error';
	const sorted = [...msgs].sort((a, b) => a[0] - b[0]);
	const of = (/** @type {number} */ t) => sorted.filter(([k]) => k === t).map(([, s]) => s);
	const clean = (/** @type {string[]} */ xs) => [...new Set(xs.filter((x) => x !== ''))];
	const commasOr = (/** @type {string[]} */ ms) =>
		ms.length <= 1 ? (ms[0] ?? '') : `${ms.slice(0, -1).join(', ')} or ${ms[ms.length - 1]}`;
	const showMany = (/** @type {string} */ pre, /** @type {string[]} */ xs) => {
		const ms = clean(xs);
		if (!ms.length) return '';
		return pre ? `${pre} ${commasOr(ms)}` : commasOr(ms);
	};
	const sys = of(SYS);
	const un = of(UN);
	const first = sys[0];
	const showSys =
		un.length || first === undefined
			? ''
			: first === ''
				? 'unexpected end of input'
				: `unexpected ${first}`;
	const parts = clean([
		showSys,
		showMany('unexpected', un),
		showMany('expecting', of(EXP)),
		showMany('', of(3))
	]);
	return parts.join(' ').trim();
}

/**
 * Parse `input` with PostgREST's grammar for `kind`; null when it parses, else the PGRST100 body.
 * @param {'filter' | 'order' | 'logic' | 'select' | 'columns'} kind
 * @param {string} input the text PostgREST parses (for logic trees: `or(...)`, `not.and(...)`)
 * @param {string} name the source name: `filter (eq.1)`, `select parameter (a,b)`
 * @returns {{ message: string, details: string } | null}
 */
export function parsecCheck(kind, input, name) {
	const r = GRAMMAR[kind](Array.from(input), { i: 0, line: 1, col: 1 });
	if (r.ok) return null;
	return {
		message: `"failed to parse ${name}" (line ${r.e.line}, column ${r.e.col})`,
		details: showErrorMessages(r.e.msgs)
	};
}
