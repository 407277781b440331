/**
 * Catalogue search that forgives missing diacritics and small typos. The catalogue is small
 * (≤ 50 procedures), so the server loads it once, caches it, and ranks in memory: cheaper and
 * more forgiving than trigram indexes (which PGlite does not ship) and identical on every backend.
 */

const FROM =
	'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const TO =
	'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';
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

export function tokens(text: string): string[] {
	const n = normalise(text);
	return n ? n.split(' ') : [];
}

/** Optimal string alignment distance, giving up once it exceeds `max` (returns max + 1). */
export function editDistance(a: string, b: string, max = 2): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	const prev2 = new Array<number>(b.length + 1).fill(0);
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				v = Math.min(v, prev2[j - 2]! + 1);
			cur.push(v);
			rowMin = Math.min(rowMin, v);
		}
		if (rowMin > max) return max + 1;
		prev2.splice(0, prev2.length, ...prev);
		prev = cur;
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
}

export interface IndexedItem<T> {
	item: T;
	nameWords: string[];
	otherWords: string[];
	name: string;
}

/** Pre-computes the words of each item once (the catalogue is cached with its index). */
export function buildIndex<T extends Searchable>(items: T[]): IndexedItem<T>[] {
	return items.map((item) => ({
		item,
		name: normalise(`${item.name_vi} ${item.name_en}`),
		nameWords: [...new Set(tokens(`${item.name_vi} ${item.name_en}`))],
		otherWords: [
			...new Set(
				tokens(
					`${item.summary_vi ?? ''} ${item.summary_en ?? ''} ${item.topic_name_vi ?? ''} ${item.code}`
				)
			)
		]
	}));
}

/**
 * Ranks items for a query. Every query word must match some word of the item (a name word
 * counts double); one unmatched word is forgiven in queries of four words or more. Ties keep the
 * catalogue order.
 */
export function search<T>(index: IndexedItem<T>[], query: string): T[] {
	const q = tokens(query);
	if (q.length === 0) return index.map((x) => x.item);
	const phrase = q.join(' ');
	const scored: { item: T; score: number; order: number }[] = [];
	index.forEach((entry, order) => {
		let score = 0;
		let missed = 0;
		q.forEach((word, i) => {
			const isLast = i === q.length - 1;
			let best = 0;
			for (const w of entry.nameWords) best = Math.max(best, wordScore(word, w, isLast) * 2);
			if (best < 6) for (const w of entry.otherWords) best = Math.max(best, wordScore(word, w, isLast));
			if (best === 0) missed++;
			score += best;
		});
		if (missed > (q.length >= 4 ? 1 : 0)) return;
		if (entry.name.includes(phrase)) score += 10;
		scored.push({ item: entry.item, score, order });
	});
	return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.item);
}
