/**
 * The tables the statistics page shows, as data: the page renders them, and the same definitions
 * feed the CSV/XLSX exports and the print view, so "download this table" gives exactly what is on
 * screen (with exact integers rather than rounded words).
 */
import { m } from '$lib/paraglide/messages.js';
import { formatHundredths, formatNumber } from '$lib/i18n/format';
import { casesToEnforce, moneyToEnforce } from './figures';
import { monthOfIndex } from './periods';
import { rankChildren, type UnitFigures, type SeriesPoint } from './report';
import type { Activity } from './server/load';
import { ratio } from './figures';

export type Cell =
	| { t: 'text'; v: string }
	| { t: 'int'; v: bigint }
	| { t: 'money'; v: bigint }
	/** hundredths of a percent */
	| { t: 'pct'; v: number | null }
	| { t: 'empty' };

export interface TableColumn {
	key: string;
	label: string;
	numeric: boolean;
}

export interface TableSpec {
	id: 'don-vi' | 'nhom-an' | 'tien-do' | 'xep-hang' | 'hoat-dong';
	caption: string;
	columns: TableColumn[];
	rows: Record<string, Cell>[];
	/** id of the unit each row links to (drill-down), when it is a unit row */
	rowUnitIds?: (string | null)[];
}

export const TABLE_IDS = ['don-vi', 'nhom-an', 'tien-do', 'xep-hang', 'hoat-dong'] as const;

const text = (v: string): Cell => ({ t: 'text', v });
const int = (v: bigint): Cell => ({ t: 'int', v });
const money = (v: bigint): Cell => ({ t: 'money', v });
const pct = (v: number | null): Cell => ({ t: 'pct', v });

/** On-screen text of a cell (exact integers with dots, percentages with a decimal comma). */
export function cellText(c: Cell): string {
	switch (c.t) {
		case 'text':
			return c.v;
		case 'int':
		case 'money':
			return formatNumber(c.v);
		case 'pct':
			return formatHundredths(c.v);
		case 'empty':
			return '';
	}
}

export function rowLabel(u: UnitFigures): string {
	if (u.kind === 'total') return m.stats_total_row();
	if (u.kind === 'own') return m.stats_own_row({ unit: u.name });
	return u.name;
}

function col(key: string, label: string, numeric = true): TableColumn {
	return { key, label, numeric };
}

/** Main table: the circular's columns per unit, rates, targets, gaps and cùng kỳ. */
export function unitsTable(units: UnitFigures[]): TableSpec {
	// The "own" row is only worth a line when the unit has sub-units and reports of its own.
	const rows = units.filter(
		(u) => u.kind !== 'own' || (units.some((x) => x.kind === 'child') && u.reportingUnits > 0)
	);
	const list = units.some((u) => u.kind === 'child')
		? rows
		: rows.filter((u) => u.kind === 'total');
	return {
		id: 'don-vi',
		caption: m.stats_table_units(),
		columns: [
			col('unit', m.stats_col_unit(), false),
			col('reporting', m.stats_col_reporting()),
			col('cases_to_enforce', m.stats_col_cases_to_enforce()),
			col('cases_with_conditions', m.stats_col_cases_with_conditions()),
			col('cases_finished', m.stats_col_cases_finished()),
			col('rate_cases', m.stats_col_rate_cases()),
			col('target_cases', m.stats_col_target_cases()),
			col('gap_cases', m.stats_col_gap_cases()),
			col('prev_rate_cases', m.stats_col_prev_rate_cases()),
			col('money_to_enforce', m.stats_col_money_to_enforce()),
			col('money_with_conditions', m.stats_col_money_with_conditions()),
			col('money_finished', m.stats_col_money_finished()),
			col('rate_money', m.stats_col_rate_money()),
			col('target_money', m.stats_col_target_money()),
			col('gap_money', m.stats_col_gap_money()),
			col('prev_rate_money', m.stats_col_prev_rate_money()),
			col('share_cases', m.stats_col_share_cases()),
			col('cases_carried_over', m.stats_col_cases_carried_over()),
			col('cases_new', m.stats_col_cases_new()),
			col('cases_entrusted_out', m.stats_col_cases_entrusted_out()),
			col('cases_without_conditions', m.stats_col_cases_without_conditions()),
			col('cases_suspended', m.stats_col_cases_suspended()),
			col('cases_postponed', m.stats_col_cases_postponed()),
			col('cases_stayed', m.stats_col_cases_stayed()),
			col('cases_other', m.stats_col_cases_other()),
			col('cases_in_progress', m.stats_col_cases_in_progress()),
			col('money_carried_over', m.stats_col_money_carried_over()),
			col('money_new', m.stats_col_money_new()),
			col('money_entrusted_out', m.stats_col_money_entrusted_out()),
			col('money_without_conditions', m.stats_col_money_without_conditions()),
			col('money_suspended', m.stats_col_money_suspended()),
			col('money_postponed', m.stats_col_money_postponed()),
			col('money_stayed', m.stats_col_money_stayed()),
			col('money_other', m.stats_col_money_other()),
			col('money_in_progress', m.stats_col_money_in_progress())
		],
		rows: list.map((u) => {
			const f = u.figures;
			const none = u.reportingUnits === 0;
			const n = (v: bigint): Cell => (none ? text(m.stats_not_reported()) : int(v));
			const mo = (v: bigint): Cell => (none ? { t: 'empty' } : money(v));
			return {
				unit: text(rowLabel(u)),
				reporting: int(BigInt(u.reportingUnits)),
				cases_to_enforce: n(casesToEnforce(f)),
				cases_with_conditions: n(f.casesWithConditions),
				cases_finished: n(f.casesFinished),
				rate_cases: pct(u.rates.cases),
				target_cases: pct(u.target.cases),
				gap_cases: pct(u.gap.cases),
				prev_rate_cases: pct(u.previous.rates.cases),
				money_to_enforce: mo(moneyToEnforce(f)),
				money_with_conditions: mo(f.moneyWithConditions),
				money_finished: mo(f.moneyFinished),
				rate_money: pct(u.rates.money),
				target_money: pct(u.target.money),
				gap_money: pct(u.gap.money),
				prev_rate_money: pct(u.previous.rates.money),
				share_cases: pct(u.rates.casesWithConditionsShare),
				cases_carried_over: n(f.casesCarriedOver),
				cases_new: n(f.casesNew),
				cases_entrusted_out: n(f.casesEntrustedOut),
				cases_without_conditions: n(f.casesWithoutConditions),
				cases_suspended: n(f.casesSuspended),
				cases_postponed: n(f.casesPostponed),
				cases_stayed: n(f.casesStayed),
				cases_other: n(f.casesOther),
				cases_in_progress: n(f.casesInProgress),
				money_carried_over: mo(f.moneyCarriedOver),
				money_new: mo(f.moneyNew),
				money_entrusted_out: mo(f.moneyEntrustedOut),
				money_without_conditions: mo(f.moneyWithoutConditions),
				money_suspended: mo(f.moneySuspended),
				money_postponed: mo(f.moneyPostponed),
				money_stayed: mo(f.moneyStayed),
				money_other: mo(f.moneyOther),
				money_in_progress: mo(f.moneyInProgress)
			};
		}),
		rowUnitIds: list.map((u) => (u.kind === 'child' ? u.unitId : null))
	};
}

export function breakdownTable(total: UnitFigures): TableSpec {
	const groups = [
		['budget', m.stats_bd_budget()],
		['corruption', m.stats_bd_corruption()],
		['bank', m.stats_bd_bank()]
	] as const;
	const b = total.breakdowns;
	return {
		id: 'nhom-an',
		caption: m.stats_table_breakdowns(),
		columns: [
			col('group', m.stats_col_group(), false),
			col('cases_with_conditions', m.stats_col_bd_cases_with_conditions()),
			col('cases_finished', m.stats_col_bd_cases_finished()),
			col('rate_cases', m.stats_col_rate_cases()),
			col('money_with_conditions', m.stats_col_bd_money_with_conditions()),
			col('money_finished', m.stats_col_bd_money_finished()),
			col('rate_money', m.stats_col_rate_money())
		],
		rows: groups.map(([g, label]) => ({
			group: text(label),
			cases_with_conditions: int(b[`${g}_cases_with_conditions`]),
			cases_finished: int(b[`${g}_cases_finished`]),
			rate_cases: pct(ratio(b[`${g}_cases_finished`], b[`${g}_cases_with_conditions`])),
			money_with_conditions: money(b[`${g}_money_with_conditions`]),
			money_finished: money(b[`${g}_money_finished`]),
			rate_money: pct(ratio(b[`${g}_money_finished`], b[`${g}_money_with_conditions`]))
		}))
	};
}

export function seriesTable(series: SeriesPoint[], workYear: number): TableSpec {
	return {
		id: 'tien-do',
		caption: m.stats_table_series(),
		columns: [
			col('month', m.stats_col_month(), false),
			col('cases', m.stats_col_series_cases({ year: workYear })),
			col('previous_cases', m.stats_col_series_cases({ year: workYear - 1 })),
			col('money', m.stats_col_series_money({ year: workYear })),
			col('previous_money', m.stats_col_series_money({ year: workYear - 1 }))
		],
		rows: series.map((s) => {
			const ym = monthOfIndex(workYear, s.monthIndex);
			return {
				month: text(`${String(ym.month).padStart(2, '0')}/${ym.year}`),
				cases: pct(s.cases),
				previous_cases: pct(s.previousCases),
				money: pct(s.money),
				previous_money: pct(s.previousMoney)
			};
		})
	};
}

export function rankingTable(units: UnitFigures[]): TableSpec {
	const ranked = rankChildren(units);
	return {
		id: 'xep-hang',
		caption: m.stats_table_ranking(),
		columns: [
			col('rank', m.stats_col_rank()),
			col('unit', m.stats_col_unit(), false),
			col('rate_cases', m.stats_col_rate_cases()),
			col('target_cases', m.stats_col_target_cases()),
			col('gap_cases', m.stats_col_gap_cases()),
			col('rate_money', m.stats_col_rate_money())
		],
		rows: ranked.map((u, i) => ({
			rank: int(BigInt(i + 1)),
			unit: text(u.name),
			rate_cases: pct(u.rates.cases),
			target_cases: pct(u.target.cases),
			gap_cases: pct(u.gap.cases),
			rate_money: pct(u.rates.money)
		})),
		rowUnitIds: ranked.map((u) => u.unitId)
	};
}

export function activityTable(a: Activity | null): TableSpec {
	const missing = text(m.stats_act_module_missing());
	const n = (v: number | undefined) => int(BigInt(v ?? 0));
	const c = a?.complaints ?? null;
	// The rate is SQL's (complaint_resolution): resolved ÷ everything to be resolved in the period
	// (carried over + accepted + left unaccepted past the limit), rounded as the unit's setting
	// says — never resolved ÷ accepted in the period, which passes 100 % early in a work year.
	const res = a?.resolution ?? null;
	const resolution = (k: 'complaint' | 'denunciation' | 'petition'): Record<string, Cell> => {
		const x = res?.[k];
		if (!x) return { value: missing, rate: { t: 'empty' } };
		return {
			value: text(`${formatNumber(x.resolved)} / ${formatNumber(x.to_resolve)}`),
			rate: pct(x.rate_hundredths)
		};
	};
	const r = a?.reception ?? null;
	const p = a?.procedures ?? null;
	const sum = (f: string) =>
		c
			? ['complaint', 'denunciation', 'petition'].reduce(
					(s, k) => s + Number(c[k as 'complaint']?.[f] ?? 0),
					0
				)
			: 0;
	/** A row that counts something: no rate. */
	const count = (indicator: string, value: Cell): Record<string, Cell> => ({
		indicator: text(indicator),
		value,
		rate: { t: 'empty' }
	});
	const rows: Record<string, Cell>[] = [
		{ indicator: text(m.stats_act_complaint_resolution()), ...resolution('complaint') },
		{ indicator: text(m.stats_act_denunciation_resolution()), ...resolution('denunciation') },
		{ indicator: text(m.stats_act_petition_resolution()), ...resolution('petition') },
		count(m.stats_act_received(), c ? n(sum('received')) : missing),
		count(m.stats_act_overdue(), c ? n(sum('overdue')) : missing),
		count(m.stats_act_visits(), r ? n(r.visits) : missing),
		count(m.stats_act_people(), r ? n(r.people) : missing),
		count(m.stats_act_head_sessions(), r ? n(r.head_sessions) : missing),
		count(m.stats_act_bookings(), r ? n(r.bookings) : missing),
		count(m.stats_act_procedures_received(), p ? n(p.received_total) : missing),
		{
			indicator: text(m.stats_act_procedures_on_time()),
			value: p
				? text(
						`${formatNumber(p.completed_on_time ?? 0)} / ${formatNumber((p.completed_on_time ?? 0) + (p.completed_late ?? 0))}`
					)
				: missing,
			rate: p
				? pct(ratio(p.completed_on_time ?? 0, (p.completed_on_time ?? 0) + (p.completed_late ?? 0)))
				: { t: 'empty' }
		}
	];
	return {
		id: 'hoat-dong',
		caption: m.stats_table_activity(),
		columns: [
			col('indicator', m.stats_col_indicator(), false),
			col('value', m.stats_col_value()),
			col('rate', m.stats_col_rate())
		],
		rows
	};
}
