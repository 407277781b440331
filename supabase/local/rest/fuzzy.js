// PostgREST's "Perhaps you meant …" hints (PGRST202, PGRST205) come from the Haskell package
// fuzzyset 0.2.4 (Data.FuzzySet, a port of fuzzyset.js) with its defaults: n-grams of 2 and 3
// characters, cosine similarity to pick up to 50 candidates, then the normalised Levenshtein
// distance (text-metrics levenshteinNorm) as the score. Written from that package's source;
// candidates with equal scores come out in PostgREST in hash-map order, here in insertion order.

/** Lower case, keep letters, digits, white space and commas (Data.FuzzySet.Util.normalized). */
const normalized = (/** @type {string} */ s) =>
	[...s.toLowerCase()].filter((c) => /[\p{L}\p{N}\s,]/u.test(c)).join('');

/**
 * n-gram counts of '-' + normalized(value) + '-' (Internal.gramVector).
 * @param {string} value
 * @param {number} size
 */
function gramVector(value, size) {
	const str = [...`-${normalized(value)}-`];
	/** @type {Map<string, number>} */
	const v = new Map();
	for (let i = 0; i + size <= str.length; i++) {
		const g = str.slice(i, i + size).join('');
		v.set(g, (v.get(g) ?? 0) + 1);
	}
	return v;
}

/** @param {Map<string, number>} v */
const magnitude = (v) => Math.sqrt([...v.values()].reduce((a, n) => a + n * n, 0));

/**
 * 1 - Levenshtein distance / length of the longer string, over code points.
 * @param {string} a
 * @param {string} b
 */
function levenshteinNorm(a, b) {
	const s = [...a];
	const t = [...b];
	const len = Math.max(s.length, t.length);
	if (len === 0) return 1;
	let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
	for (let i = 1; i <= s.length; i++) {
		const cur = [i];
		for (let j = 1; j <= t.length; j++) {
			const cost = s[i - 1] === t[j - 1] ? 0 : 1;
			cur[j] = Math.min(
				/** @type {number} */ (prev[j]) + 1,
				/** @type {number} */ (cur[j - 1]) + 1,
				/** @type {number} */ (prev[j - 1]) + cost
			);
		}
		prev = cur;
	}
	return 1 - /** @type {number} */ (prev[t.length]) / len;
}

/**
 * The best match for `query` among `values` with at least `minScore`, or null
 * (Data.FuzzySet.getOneWithMinScore on Data.FuzzySet.fromList values).
 * @param {string[]} values
 * @param {string} query
 * @param {number} minScore
 * @returns {string | null}
 */
export function fuzzyGetOne(values, query, minScore) {
	/** @type {Map<string, string>} lower-cased key → value (the first one added wins) */
	const exact = new Map();
	// fromList = foldr add: the last value is added first.
	for (const v of [...values].reverse())
		if (!exact.has(v.toLowerCase())) exact.set(v.toLowerCase(), v);
	const key = query.toLowerCase();
	const hit = exact.get(key);
	if (hit !== undefined) return hit;
	const keys = [...exact.keys()];
	for (const size of [3, 2]) {
		const q = gramVector(key, size);
		const qMag = magnitude(q);
		/** @type {Array<{ cos: number, entry: string }>} */
		const byCosine = [];
		for (const entry of keys) {
			const v = gramVector(entry, size);
			let dot = 0;
			for (const [g, n] of q) dot += n * (v.get(g) ?? 0);
			if (dot > 0) byCosine.push({ cos: dot / (qMag * magnitude(v)), entry });
		}
		byCosine.sort((a, b) => b.cos - a.cos);
		const scored = byCosine
			.slice(0, 50)
			.map(({ entry }) => ({ score: levenshteinNorm(key, entry), entry }))
			.sort((a, b) => b.score - a.score)
			.filter((r) => r.score >= minScore);
		const best = scored[0];
		if (best) return exact.get(best.entry) ?? best.entry;
	}
	return null;
}
