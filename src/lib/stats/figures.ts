/**
 * The figures THADS leaders are judged on, computed exactly.
 *
 * Counts and money (đồng, up to trillions) are bigints; a percentage is an integer number of
 * hundredths of a percent ("basis points" of a percent: 7697 = 76,97%), rounded half up as the
 * agencies' published reports do. No floating point anywhere, so 174.390.399.000 / 1.277.040.781.000
 * gives 13,66% on every machine and never 13,659999…
 *
 * Definitions (DOMAIN.md, "The figures leaders are judged on"; TT 06/2019/TT-BTP main table):
 * - phải thi hành = carried over + newly accepted − entrusted out = có điều kiện + chưa có điều kiện
 * - tỷ lệ về việc = việc thi hành xong ÷ việc có điều kiện
 * - tỷ lệ về tiền = tiền thi hành xong ÷ tiền có điều kiện
 * - gap to target ("còn thiếu") = target − rate, in percentage points
 * - cùng kỳ = the same months of the previous work year
 */

/** Anything a database driver may hand us for an integer column: number, bigint or a digit string. */
export type IntLike = bigint | number | string | null | undefined;

/** Integer hundredths of a percent: 3721 means 37,21%. */
export type Hundredths = number;

/** Parse an integer from a driver value; null/undefined/'' are 0. Throws on fractions or junk. */
export function toBig(v: IntLike): bigint {
	if (v === null || v === undefined || v === '') return 0n;
	if (typeof v === 'bigint') return v;
	if (typeof v === 'number') {
		if (!Number.isSafeInteger(v)) throw new RangeError(`not a safe integer: ${v}`);
		return BigInt(v);
	}
	const s = v.trim();
	if (!/^-?\d+$/.test(s)) throw new RangeError(`not an integer: ${v}`);
	return BigInt(s);
}

/** Divide non-negative or signed bigints, rounding half away from zero (= half up for positives). */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
	if (d === 0n) throw new RangeError('division by zero');
	const neg = n < 0n !== d < 0n;
	const an = n < 0n ? -n : n;
	const ad = d < 0n ? -d : d;
	const q = (2n * an + ad) / (2n * ad);
	return neg ? -q : q;
}

/**
 * part ÷ whole as hundredths of a percent, half up: ratio(2413, 6485) = 3721 (37,21%).
 * Returns null when whole is 0 (no cases with conditions yet: the rate is undefined, not 0%).
 */
export function ratio(part: IntLike, whole: IntLike): Hundredths | null {
	const p = toBig(part);
	const w = toBig(whole);
	if (w === 0n) return null;
	return Number(divRoundHalfUp(p * 10000n, w));
}

/**
 * Gap to target in percentage points (hundredths): target 8325, rate 3721 → 4604 ("còn thiếu 46,04%").
 * Negative when the rate exceeds the target ("vượt"). Null when the rate or the target is unknown.
 */
export function gapToTarget(rate: Hundredths | null, target: Hundredths | null): Hundredths | null {
	if (rate === null || target === null) return null;
	return target - rate;
}

/** Change against the same period last year (cùng kỳ): absolute (cases or đồng) and relative. */
export interface Change {
	current: bigint;
	previous: bigint;
	/** current − previous, in the unit of the figure (việc or đồng). */
	delta: bigint;
	/** delta ÷ previous in hundredths of a percent; null when previous is 0. */
	percent: Hundredths | null;
}

/** 2.413 vs 2.179 → delta 234, +10,74% (the Gia Lai report: "tăng 234 việc, tương ứng 10,74%"). */
export function change(current: IntLike, previous: IntLike): Change {
	const c = toBig(current);
	const p = toBig(previous);
	const delta = c - p;
	return {
		current: c,
		previous: p,
		delta,
		percent: p === 0n ? null : Number(divRoundHalfUp(delta * 10000n, p))
	};
}

/** Difference of two rates in percentage points ("cao hơn 1,82% so với cùng kỳ"). */
export function rateChange(
	current: Hundredths | null,
	previous: Hundredths | null
): Hundredths | null {
	if (current === null || previous === null) return null;
	return current - previous;
}

/** The columns of one report (a unit's month, or a roll-up of many): see the SQL table. */
export interface EnforcementFigures {
	casesCarriedOver: bigint;
	casesNew: bigint;
	casesEntrustedOut: bigint;
	casesWithConditions: bigint;
	casesWithoutConditions: bigint;
	casesFinished: bigint;
	casesSuspended: bigint;
	casesPostponed: bigint;
	/** tạm đình chỉ */
	casesStayed: bigint;
	/** trường hợp khác */
	casesOther: bigint;
	casesInProgress: bigint;
	moneyCarriedOver: bigint;
	moneyNew: bigint;
	moneyEntrustedOut: bigint;
	moneyWithConditions: bigint;
	moneyWithoutConditions: bigint;
	moneyFinished: bigint;
	moneySuspended: bigint;
	moneyPostponed: bigint;
	moneyStayed: bigint;
	moneyOther: bigint;
	moneyInProgress: bigint;
}

export const FIGURE_KEYS = [
	'casesCarriedOver',
	'casesNew',
	'casesEntrustedOut',
	'casesWithConditions',
	'casesWithoutConditions',
	'casesFinished',
	'casesSuspended',
	'casesPostponed',
	'casesStayed',
	'casesOther',
	'casesInProgress',
	'moneyCarriedOver',
	'moneyNew',
	'moneyEntrustedOut',
	'moneyWithConditions',
	'moneyWithoutConditions',
	'moneyFinished',
	'moneySuspended',
	'moneyPostponed',
	'moneyStayed',
	'moneyOther',
	'moneyInProgress'
] as const satisfies readonly (keyof EnforcementFigures)[];

/** snake_case SQL column for a figure key: casesWithConditions → cases_with_conditions. */
export function columnOf(key: keyof EnforcementFigures): string {
	return key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

/** Read a row returned by the database (snake_case columns, numbers or strings) into bigints. */
export function figuresFromRow(row: Record<string, unknown>, prefix = ''): EnforcementFigures {
	const out = {} as EnforcementFigures;
	for (const k of FIGURE_KEYS) out[k] = toBig(row[prefix + columnOf(k)] as IntLike);
	return out;
}

export function emptyFigures(): EnforcementFigures {
	const out = {} as EnforcementFigures;
	for (const k of FIGURE_KEYS) out[k] = 0n;
	return out;
}

/** Column-wise sum (what the SQL roll-up does; used by tests and the import's sub-unit check). */
export function sumFigures(rows: EnforcementFigures[]): EnforcementFigures {
	const out = emptyFigures();
	for (const r of rows) for (const k of FIGURE_KEYS) out[k] += r[k];
	return out;
}

/** Total to enforce (phải thi hành): carried over + new − entrusted out. */
export function casesToEnforce(f: EnforcementFigures): bigint {
	return f.casesCarriedOver + f.casesNew - f.casesEntrustedOut;
}
export function moneyToEnforce(f: EnforcementFigures): bigint {
	return f.moneyCarriedOver + f.moneyNew - f.moneyEntrustedOut;
}

/** The headline rates of one set of figures. */
export interface Rates {
	casesToEnforce: bigint;
	moneyToEnforce: bigint;
	/** tỷ lệ về việc */
	cases: Hundredths | null;
	/** tỷ lệ về tiền */
	money: Hundredths | null;
	/** share of cases with conditions in the total to enforce */
	casesWithConditionsShare: Hundredths | null;
	moneyWithConditionsShare: Hundredths | null;
}

export function rates(f: EnforcementFigures): Rates {
	const ct = casesToEnforce(f);
	const mt = moneyToEnforce(f);
	return {
		casesToEnforce: ct,
		moneyToEnforce: mt,
		cases: ratio(f.casesFinished, f.casesWithConditions),
		money: ratio(f.moneyFinished, f.moneyWithConditions),
		casesWithConditionsShare: ratio(f.casesWithConditions, ct),
		moneyWithConditionsShare: ratio(f.moneyWithConditions, mt)
	};
}

/** One consistency problem in a set of figures; `refuse` problems block saving, `warn` do not. */
export interface Inconsistency {
	severity: 'refuse' | 'warn';
	/** message key suffix, e.g. 'finished_exceeds_with_conditions' → m.stats_check_…() */
	code: string;
	fields: (keyof EnforcementFigures)[];
}

/**
 * The circular's arithmetic. Hard rules (the database repeats them as CHECK constraints):
 * no negatives; phải thi hành = có điều kiện + chưa có điều kiện; finished + đình chỉ (suspended) +
 * hoãn + tạm đình chỉ (stayed) + other + in progress = có điều kiện (so finished ≤ có điều kiện ≤ total); entrusted ≤ carried + new.
 */
export function checkConsistency(f: EnforcementFigures): Inconsistency[] {
	const out: Inconsistency[] = [];
	for (const k of FIGURE_KEYS)
		if (f[k] < 0n) out.push({ severity: 'refuse', code: 'negative', fields: [k] });
	for (const [kind, to] of [
		['cases', casesToEnforce(f)],
		['money', moneyToEnforce(f)]
	] as const) {
		const p = kind === 'cases' ? 'cases' : 'money';
		const g = (s: string) => f[(p + s) as keyof EnforcementFigures];
		const wc = g('WithConditions');
		if (to < 0n)
			out.push({
				severity: 'refuse',
				code: 'entrusted_exceeds_accepted',
				fields: [`${p}EntrustedOut` as keyof EnforcementFigures]
			});
		if (wc + g('WithoutConditions') !== to)
			out.push({
				severity: 'refuse',
				code: 'split_not_total',
				fields: [`${p}WithConditions`, `${p}WithoutConditions`] as (keyof EnforcementFigures)[]
			});
		if (g('Finished') > wc)
			out.push({
				severity: 'refuse',
				code: 'finished_exceeds_with_conditions',
				fields: [`${p}Finished` as keyof EnforcementFigures]
			});
		if (
			g('Finished') +
				g('Suspended') +
				g('Postponed') +
				g('Stayed') +
				g('Other') +
				g('InProgress') !==
			wc
		)
			out.push({
				severity: 'refuse',
				code: 'outcomes_not_with_conditions',
				fields: [
					`${p}Finished`,
					`${p}Suspended`,
					`${p}Postponed`,
					`${p}Stayed`,
					`${p}Other`,
					`${p}InProgress`
				] as (keyof EnforcementFigures)[]
			});
	}
	// Soft rules: money without cases (or cases without money) is possible (non-monetary
	// obligations) but unusual enough to ask the clerk to look again.
	if (f.casesFinished === 0n && f.moneyFinished > 0n)
		out.push({ severity: 'warn', code: 'money_without_cases', fields: ['moneyFinished'] });
	return out;
}

/**
 * Month-to-month check of cumulative reports: within a work year carried-over figures are fixed and
 * newly accepted / finished only grow. A decrease is a warning (a correction may explain it).
 */
export function checkAgainstPreviousMonth(
	prev: EnforcementFigures,
	cur: EnforcementFigures
): Inconsistency[] {
	const out: Inconsistency[] = [];
	for (const k of ['casesCarriedOver', 'moneyCarriedOver'] as const)
		if (prev[k] !== cur[k])
			out.push({ severity: 'warn', code: 'carried_over_changed', fields: [k] });
	for (const k of ['casesNew', 'casesFinished', 'moneyNew', 'moneyFinished'] as const)
		if (cur[k] < prev[k]) out.push({ severity: 'warn', code: 'cumulative_decreased', fields: [k] });
	return out;
}
