/**
 * Builds the statistics page model from the sums the database returns (enforcement_rollup):
 * rates, gaps to target, cùng kỳ comparison and the period's own flows. Pure (no I/O), so the page,
 * the exports, the print view and the tests all compute the same thing.
 */
import {
	change,
	emptyFigures,
	figuresFromRow,
	gapToTarget,
	rateChange,
	rates,
	toBig,
	type Change,
	type EnforcementFigures,
	type Hundredths,
	type Rates
} from './figures';

type RowKind = 'total' | 'own' | 'child';

export const BREAKDOWN_KEYS = [
	'budget_cases_with_conditions',
	'budget_cases_finished',
	'budget_money_with_conditions',
	'budget_money_finished',
	'corruption_cases_with_conditions',
	'corruption_cases_finished',
	'corruption_money_with_conditions',
	'corruption_money_finished',
	'bank_cases_with_conditions',
	'bank_cases_finished',
	'bank_money_with_conditions',
	'bank_money_finished'
] as const;
export type BreakdownKey = (typeof BREAKDOWN_KEYS)[number];
type Breakdowns = Record<BreakdownKey, bigint>;

/** One row of enforcement_rollup as returned by PostgREST (numbers may be strings or numbers). */
export type RollupRow = Record<string, unknown> & {
	row_kind: RowKind;
	unit_id: string;
	unit_code: string;
	unit_name: string;
	unit_level: string;
	reporting_units: number;
	cases_target: number | string | null;
	money_target: number | string | null;
};

/** "83.25" / 83.25 / null → 8325 hundredths, parsed from text (no float multiplication). */
export function targetHundredths(v: unknown): Hundredths | null {
	if (v === null || v === undefined || v === '') return null;
	const m = String(v)
		.trim()
		.match(/^(\d+)(?:\.(\d{1,2})\d*)?$/);
	if (!m) return null;
	return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export interface UnitFigures {
	kind: RowKind;
	unitId: string;
	code: string;
	name: string;
	level: string;
	reportingUnits: number;
	/** cumulative from 1 October to the end of the period */
	figures: EnforcementFigures;
	breakdowns: Breakdowns;
	rates: Rates;
	target: { cases: Hundredths | null; money: Hundredths | null };
	gap: { cases: Hundredths | null; money: Hundredths | null };
	/** same months of the previous work year */
	previous: { figures: EnforcementFigures; rates: Rates; reportingUnits: number };
	vsPrevious: {
		casesFinished: Change;
		moneyFinished: Change;
		casesNew: Change;
		moneyNew: Change;
		casesRate: Hundredths | null;
		moneyRate: Hundredths | null;
	};
	/** the period's own flows (cumulative at the end minus cumulative before the start) */
	inPeriod: { casesNew: bigint; casesFinished: bigint; moneyNew: bigint; moneyFinished: bigint };
}

function breakdownsFromRow(row: Record<string, unknown> | undefined): Breakdowns {
	const out = {} as Breakdowns;
	for (const k of BREAKDOWN_KEYS) out[k] = toBig((row?.[k] ?? 0) as string);
	return out;
}

const keyOf = (r: { row_kind: string; unit_id: string }) => `${r.row_kind}:${r.unit_id}`;

/**
 * Combine the roll-ups at the period end (this year and last) and, for a period that does not
 * start on 1 October, at the month before its start (to get the period's own flows).
 */
export function buildUnitFigures(
	current: RollupRow[],
	previous: RollupRow[],
	beforeStart: RollupRow[] | null,
	previousBeforeStart: RollupRow[] | null
): UnitFigures[] {
	const prevBy = new Map(previous.map((r) => [keyOf(r), r]));
	const baseBy = new Map((beforeStart ?? []).map((r) => [keyOf(r), r]));
	void previousBeforeStart;
	return current.map((row) => {
		const f = figuresFromRow(row);
		const prevRow = prevBy.get(keyOf(row));
		const pf = prevRow ? figuresFromRow(prevRow) : emptyFigures();
		const base = beforeStart ? baseBy.get(keyOf(row)) : undefined;
		const bf = base ? figuresFromRow(base) : emptyFigures();
		const r = rates(f);
		const pr = rates(pf);
		const target = {
			cases: targetHundredths(row.cases_target),
			money: targetHundredths(row.money_target)
		};
		return {
			kind: row.row_kind,
			unitId: row.unit_id,
			code: row.unit_code,
			name: row.unit_name,
			level: row.unit_level,
			reportingUnits: Number(row.reporting_units ?? 0),
			figures: f,
			breakdowns: breakdownsFromRow(row),
			rates: r,
			target,
			gap: { cases: gapToTarget(r.cases, target.cases), money: gapToTarget(r.money, target.money) },
			previous: { figures: pf, rates: pr, reportingUnits: Number(prevRow?.reporting_units ?? 0) },
			vsPrevious: {
				casesFinished: change(f.casesFinished, pf.casesFinished),
				moneyFinished: change(f.moneyFinished, pf.moneyFinished),
				casesNew: change(f.casesNew, pf.casesNew),
				moneyNew: change(f.moneyNew, pf.moneyNew),
				casesRate: rateChange(r.cases, pr.cases),
				moneyRate: rateChange(r.money, pr.money)
			},
			inPeriod: {
				casesNew: f.casesNew - bf.casesNew,
				casesFinished: f.casesFinished - bf.casesFinished,
				moneyNew: f.moneyNew - bf.moneyNew,
				moneyFinished: f.moneyFinished - bf.moneyFinished
			}
		};
	});
}

/** Children ranked by rate về việc (highest first; units without figures last), ties by code. */
export function rankChildren(rows: UnitFigures[]): UnitFigures[] {
	return rows
		.filter((r) => r.kind === 'child')
		.slice()
		.sort((a, b) => (b.rates.cases ?? -1) - (a.rates.cases ?? -1) || a.code.localeCompare(b.code));
}

export interface SeriesPoint {
	monthIndex: number;
	cases: Hundredths | null;
	money: Hundredths | null;
	previousCases: Hundredths | null;
	previousMoney: Hundredths | null;
}

/** Month-by-month cumulative rates of a work year against the year before (from enforcement_series). */
export function buildSeries(
	rows: Record<string, unknown>[],
	workYear: number,
	upToIndex = 12
): SeriesPoint[] {
	const by = new Map(rows.map((r) => [`${r.work_year}:${r.month_index}`, r]));
	const rate = (r: Record<string, unknown> | undefined, part: string, whole: string) => {
		if (!r) return null;
		const w = toBig(r[whole] as string);
		if (w === 0n) return null;
		return rates({
			...emptyFigures(),
			casesFinished: toBig(r[part] as string),
			casesWithConditions: w
		}).cases;
	};
	const out: SeriesPoint[] = [];
	for (let i = 1; i <= 12; i++) {
		const cur = i <= upToIndex ? by.get(`${workYear}:${i}`) : undefined;
		const prev = by.get(`${workYear - 1}:${i}`);
		out.push({
			monthIndex: i,
			cases: rate(cur, 'cases_finished', 'cases_with_conditions'),
			money: rate(cur, 'money_finished', 'money_with_conditions'),
			previousCases: rate(prev, 'cases_finished', 'cases_with_conditions'),
			previousMoney: rate(prev, 'money_finished', 'money_with_conditions')
		});
	}
	return out;
}
