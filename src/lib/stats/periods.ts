/**
 * Reporting periods of the THADS work year (năm công tác: 1 October – 30 September).
 *
 * "3 tháng năm 2024" is October–December 2023; "năm 2024" is 1/10/2023 – 30/9/2024. Monthly
 * reports are cumulative from the start of the work year (TT 06/2019/TT-BTP), so every period
 * resolves to a work year and a range of month indexes (1 = October … 12 = September): the rates
 * are those of the report for the last month, and the period's own flows are the difference between
 * the last month and the month before the first.
 *
 * Calendar quarters line up with the work year (Q4 = Oct–Dec opens it), so a quarter never spans
 * two work years. A custom range must stay inside one work year (the cumulative figures restart on
 * 1 October); `resolvePeriod` says so instead of silently mixing two years.
 */
import { vnYearMonth } from '../vn-time';

export type Period =
	| { kind: 'month'; year: number; month: number }
	| { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
	| { kind: 'months'; workYear: number; months: number }
	| { kind: 'work_year'; workYear: number }
	| { kind: 'custom'; from: YearMonth; to: YearMonth };

export interface YearMonth {
	year: number;
	month: number;
}

export interface ResolvedPeriod {
	period: Period;
	workYear: number;
	/** 1 = October of workYear − 1 … 12 = September of workYear */
	fromIndex: number;
	toIndex: number;
	/** ISO dates, inclusive */
	start: string;
	end: string;
	/** true when the range starts at the beginning of the work year (lũy kế) */
	fromWorkYearStart: boolean;
}

export type PeriodError = 'period_invalid' | 'period_crosses_work_year' | 'period_reversed';

/** Work year a calendar month belongs to: October 2023 → 2024, September 2024 → 2024. */
export function workYearOf(ym: YearMonth): number {
	return ym.month >= 10 ? ym.year + 1 : ym.year;
}

/** Month index inside its work year: October → 1, December → 3, January → 4, September → 12. */
export function monthIndexOf(ym: YearMonth): number {
	return ((ym.month - 10 + 12) % 12) + 1;
}

/** Calendar month of a work-year month index: (2024, 1) → October 2023; (2024, 12) → September 2024. */
export function monthOfIndex(workYear: number, index: number): YearMonth {
	const m = ((index - 1 + 9) % 12) + 1;
	return { year: m >= 10 ? workYear - 1 : workYear, month: m };
}

function isLeapYear(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(ym: YearMonth): number {
	return (
		[31, isLeapYear(ym.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][ym.month - 1] ?? 0
	);
}

const pad = (n: number) => String(n).padStart(2, '0');
const firstDay = (ym: YearMonth) => `${ym.year}-${pad(ym.month)}-01`;
const lastDay = (ym: YearMonth) => `${ym.year}-${pad(ym.month)}-${pad(daysInMonth(ym))}`;
/** 'YYYY-MM' */
const ymKey = (ym: YearMonth) => `${ym.year}-${pad(ym.month)}`;

function validYm(ym: YearMonth): boolean {
	return (
		Number.isInteger(ym.year) &&
		ym.year >= 2000 &&
		ym.year <= 2100 &&
		Number.isInteger(ym.month) &&
		ym.month >= 1 &&
		ym.month <= 12
	);
}

const ymOrder = (ym: YearMonth) => ym.year * 12 + ym.month - 1;

/** Resolve a period to its work year and month range, or an error code. */
export function resolvePeriod(p: Period): ResolvedPeriod | { error: PeriodError } {
	let from: YearMonth;
	let to: YearMonth;
	switch (p.kind) {
		case 'month':
			from = to = { year: p.year, month: p.month };
			break;
		case 'quarter':
			if (![1, 2, 3, 4].includes(p.quarter)) return { error: 'period_invalid' };
			from = { year: p.year, month: p.quarter * 3 - 2 };
			to = { year: p.year, month: p.quarter * 3 };
			break;
		case 'months':
			if (!Number.isInteger(p.months) || p.months < 1 || p.months > 12)
				return { error: 'period_invalid' };
			from = monthOfIndex(p.workYear, 1);
			to = monthOfIndex(p.workYear, p.months);
			break;
		case 'work_year':
			from = monthOfIndex(p.workYear, 1);
			to = monthOfIndex(p.workYear, 12);
			break;
		case 'custom':
			from = p.from;
			to = p.to;
			break;
		default:
			return { error: 'period_invalid' };
	}
	if (!validYm(from) || !validYm(to)) return { error: 'period_invalid' };
	if (ymOrder(from) > ymOrder(to)) return { error: 'period_reversed' };
	const workYear = workYearOf(from);
	if (workYearOf(to) !== workYear) return { error: 'period_crosses_work_year' };
	const fromIndex = monthIndexOf(from);
	return {
		period: p,
		workYear,
		fromIndex,
		toIndex: monthIndexOf(to),
		start: firstDay(from),
		end: lastDay(to),
		fromWorkYearStart: fromIndex === 1
	};
}

/** The same months one work year earlier (cùng kỳ). */
export function samePeriodLastYear(p: Period): Period {
	switch (p.kind) {
		case 'month':
			return { ...p, year: p.year - 1 };
		case 'quarter':
			return { ...p, year: p.year - 1 };
		case 'months':
			return { ...p, workYear: p.workYear - 1 };
		case 'work_year':
			return { ...p, workYear: p.workYear - 1 };
		case 'custom':
			return {
				kind: 'custom',
				from: { ...p.from, year: p.from.year - 1 },
				to: { ...p.to, year: p.to.year - 1 }
			};
	}
}

/**
 * URL form of a period (query parameter `ky`), readable and stable:
 * thang-2024-02 · quy-2024-4 · lk-2024-3 (3 tháng năm 2024) · nam-2024 · tu-2023-10-den-2024-03
 */
export function periodToParam(p: Period): string {
	switch (p.kind) {
		case 'month':
			return `thang-${p.year}-${pad(p.month)}`;
		case 'quarter':
			return `quy-${p.year}-${p.quarter}`;
		case 'months':
			return `lk-${p.workYear}-${p.months}`;
		case 'work_year':
			return `nam-${p.workYear}`;
		case 'custom':
			return `tu-${ymKey(p.from)}-den-${ymKey(p.to)}`;
	}
}

export function parsePeriodParam(s: string | null | undefined): Period | null {
	if (!s) return null;
	let m: string[] | null;
	const g = (s: string, re: RegExp) => re.exec(s) as string[] | null;
	if ((m = g(s, /^thang-(\d{4})-(\d{1,2})$/)))
		return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
	if ((m = g(s, /^quy-(\d{4})-([1-4])$/)))
		return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) as 1 | 2 | 3 | 4 };
	if ((m = g(s, /^lk-(\d{4})-(\d{1,2})$/)))
		return { kind: 'months', workYear: Number(m[1]), months: Number(m[2]) };
	if ((m = g(s, /^nam-(\d{4})$/))) return { kind: 'work_year', workYear: Number(m[1]) };
	if ((m = g(s, /^tu-(\d{4})-(\d{1,2})-den-(\d{4})-(\d{1,2})$/)))
		return {
			kind: 'custom',
			from: { year: Number(m[1]), month: Number(m[2]) },
			to: { year: Number(m[3]), month: Number(m[4]) }
		};
	return null;
}

/** The period a leader most likely wants on opening the page: lũy kế to the last finished month. */
export function defaultPeriod(today: Date): Period {
	// Vietnam's month, not the server's (UTC): on 1/10 at 00:30 the new work year has begun.
	const { year: y, month: mo } = vnYearMonth(today);
	const last = mo === 1 ? { year: y - 1, month: 12 } : { year: y, month: mo - 1 };
	return { kind: 'months', workYear: workYearOf(last), months: monthIndexOf(last) };
}

/** Roman numerals for quarters, as Vietnamese reports write them (Quý IV/2024). */
const QUARTER_ROMAN = ['I', 'II', 'III', 'IV'] as const;

/**
 * Message key and parameters for a period label; the page passes them to Paraglide so labels stay
 * translatable (no sentence built by concatenation).
 */
export function periodLabelParts(p: Period): {
	key: string;
	params: Record<string, string | number>;
} {
	switch (p.kind) {
		case 'month':
			return { key: 'stats_period_label_month', params: { month: p.month, year: p.year } };
		case 'quarter':
			return {
				key: 'stats_period_label_quarter',
				params: { quarter: QUARTER_ROMAN[p.quarter - 1] ?? '', year: p.year }
			};
		case 'months':
			return p.months === 12
				? { key: 'stats_period_label_work_year', params: { year: p.workYear } }
				: { key: 'stats_period_label_months', params: { months: p.months, year: p.workYear } };
		case 'work_year':
			return { key: 'stats_period_label_work_year', params: { year: p.workYear } };
		case 'custom':
			return {
				key: 'stats_period_label_custom',
				params: {
					from: `${pad(p.from.month)}/${p.from.year}`,
					to: `${pad(p.to.month)}/${p.to.year}`
				}
			};
	}
}

/** dd/mm/yyyy, as Vietnamese reports write dates (no locale lookup: the same in every language). */
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * The first and last day of a period, for showing beside its name: a work-year name hides which
 * calendar months it covers ("2 tháng năm 2027" is 01/10/2026–30/11/2026, because the work year
 * starts on 1 October). Null for an invalid period.
 */
export function periodDates(p: Period): { from: string; to: string } | null {
	const r = resolvePeriod(p);
	return 'error' in r ? null : { from: dmy(r.start), to: dmy(r.end) };
}

/**
 * The period a statistics page opens on when none is asked for: lũy kế to the newest month with
 * approved reports — a month only one early office has approved would pass its figures off as the
 * unit's, so the newest month approved by (nearly) as many units as the best-covered month.
 * `approved`: one entry per approved report (unit, work year, month index) under the unit.
 */
export function latestApprovedPeriod(
	approved: { work_year: number; month_index: number }[]
): Period | null {
	const perMonth = new Map<number, number>();
	for (const r of approved) {
		const key = r.work_year * 100 + r.month_index;
		perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
	}
	const most = Math.max(0, ...perMonth.values());
	const months = [...perMonth.entries()].sort((a, b) => b[0] - a[0]);
	const chosen = months.find(([, n]) => n * 10 >= most * 9);
	if (!chosen) return null;
	// Always lũy kế (12 months reads "Năm công tác …"): the period list offers exactly these.
	return { kind: 'months', workYear: Math.floor(chosen[0] / 100), months: chosen[0] % 100 };
}
