/**
 * Catalogue search that forgives missing diacritics and small typos. The catalogue is small
 * (≤ 50 procedures), so the server loads it once, caches it, and ranks in memory: cheaper and
 * more forgiving than trigram indexes (which PGlite does not ship) and identical on every backend.
 */

const FROM = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const TO = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';
const MAP = new Map<string, string>([...FROM].map((c, i) => [c, TO[i] ?? c]));

/**
 * Lower-case, no diacritics, only [a-z0-9] words separated by single spaces. The same result as
 * SQL private.unaccent_vi() (tests/unit/procedures-search.test.ts holds both to the same cases).
 */
export function normalise(text: string): string {
	let out = '';
	for (const ch of text.normalize('NFC').toLowerCase()) out += MAP.get(ch) ?? ch;
	return out.replace(/[^a-z0-9]+/g, ' ').trim();
}

function tokens(text: string): string[] {
	const n = normalise(text);
	return n ? n.split(' ') : [];
}

// Reused rows for editDistance (words are short; longer ones get fresh buffers).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal string alignment distance, giving up once it exceeds `max` (returns max + 1). */
export function editDistance(a: string, b: string, max = 2): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	if (b.length + 1 > rowA.length) {
		rowA = new Int32Array(b.length + 1);
		rowB = new Int32Array(b.length + 1);
		rowC = new Int32Array(b.length + 1);
	}
	let prev2 = rowA;
	let prev = rowB;
	let cur = rowC;
	for (let j = 0; j <= b.length; j++) prev[j] = j;
	for (let i = 1; i <= a.length; i++) {
		cur[0] = i;
		let rowMin = i;
		const ai = a.charCodeAt(i - 1);
		for (let j = 1; j <= b.length; j++) {
			const bj = b.charCodeAt(j - 1);
			let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
			if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
				v = Math.min(v, prev2[j - 2]! + 1);
			cur[j] = v;
			if (v < rowMin) rowMin = v;
		}
		if (rowMin > max) return max + 1;
		const t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[b.length]!;
}

/** Typos allowed for a query word of this length: none for short words, 1 from 4, 2 from 8. */
function allowedTypos(len: number): number {
	return len >= 8 ? 2 : len >= 4 ? 1 : 0;
}

/** How well one query word matches one document word: 3 exact, 2 prefix, 1 typo, 0 none. */
function wordScore(q: string, w: string, isLast: boolean): number {
	if (q === w) return 3;
	// The word being typed: "xac nhan ket q" should already find "kết quả".
	if (w.startsWith(q) && (isLast || q.length >= 3)) return 2;
	const k = allowedTypos(q.length);
	if (k > 0 && editDistance(q, w, k) <= k) return 1;
	if (k > 0 && w.length > q.length && editDistance(q, w.slice(0, q.length), k) <= k && isLast)
		return 1;
	return 0;
}

export interface Searchable {
	code: string;
	name_vi: string;
	name_en: string;
	summary_vi?: string;
	summary_en?: string;
	topic_name_vi?: string;
	/** What the citizen gets ("Giấy xác nhận…"): people search by it as often as by the name. */
	result_vi?: string;
	result_en?: string;
}

/** The catalogue prepared for search: each distinct word once, items as lists of word ids. */
export interface SearchIndex<T> {
	vocab: string[];
	items: { item: T; name: string; result: string; nameIds: Int32Array; otherIds: Int32Array }[];
}
/** Pre-computes the words of each item once (the catalogue is cached with its index). */
export function buildIndex<T extends Searchable>(items: T[]): SearchIndex<T> {
	const vocab: string[] = [];
	const ids = new Map<string, number>();
	const idsOf = (text: string) => {
		const out: number[] = [];
		for (const w of new Set(tokens(text))) {
			let id = ids.get(w);
			if (id === undefined) {
				id = vocab.length;
				vocab.push(w);
				ids.set(w, id);
			}
			out.push(id);
		}
		return Int32Array.from(out);
	};
	return {
		vocab,
		items: items.map((item) => ({
			item,
			name: normalise(`${item.name_vi} ${item.name_en}`),
			result: normalise(`${item.result_vi ?? ''} ${item.result_en ?? ''}`),
			nameIds: idsOf(`${item.name_vi} ${item.name_en}`),
			otherIds: idsOf(
				`${item.summary_vi ?? ''} ${item.summary_en ?? ''} ${item.topic_name_vi ?? ''} ${item.code} ` +
					`${item.result_vi ?? ''} ${item.result_en ?? ''}`
			)
		}))
	};
}

/**
 * Ranks items for a query. Every query word must match some word of the item (a name word
 * counts double); one unmatched word is forgiven in queries of four words or more. Ties keep the
 * catalogue order. Each query word is compared with each distinct catalogue word once.
 */
export function search<T>(index: SearchIndex<T>, query: string): T[] {
	const q = tokens(query).slice(0, 12);
	if (q.length === 0) return index.items.map((x) => x.item);
	const phrase = q.join(' ');
	const perWord = q.map((word, i) => {
		const isLast = i === q.length - 1;
		const scores = new Uint8Array(index.vocab.length);
		for (let v = 0; v < index.vocab.length; v++)
			scores[v] = wordScore(word, index.vocab[v]!, isLast);
		return scores;
	});
	const scored: { item: T; score: number; order: number }[] = [];
	index.items.forEach((entry, order) => {
		let score = 0;
		let missed = 0;
		for (const scores of perWord) {
			let best = 0;
			for (const id of entry.nameIds) best = Math.max(best, scores[id]! * 2);
			if (best < 6) for (const id of entry.otherIds) best = Math.max(best, scores[id]!);
			if (best === 0) missed++;
			score += best;
		}
		if (missed > (q.length >= 4 ? 1 : 0)) return;
		if (entry.name.includes(phrase)) score += 10;
		// The phrase is the name of what the procedure gives ("giay xac nhan"): the right one first.
		else if (entry.result.includes(phrase)) score += 8;
		scored.push({ item: entry.item, score, order });
	});
	return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.item);
}
