/**
 * Input schemas for monthly enforcement figures: the entry form and the CSV/XLSX import share one
 * zod schema (per row), whose errors are message keys (`stats_v_*`), never sentences.
 *
 * Import is all-or-nothing: validateImport returns every problem (row, column, reason) and the app
 * saves nothing unless the list is empty; the database repeats the hard rules as CHECK constraints
 * and refuses unknown units, other units' rows and approved months again.
 */
import { z } from 'zod';
import { checkConsistency, FIGURE_KEYS, columnOf, type EnforcementFigures } from './figures';
import { BREAKDOWN_KEYS, type BreakdownKey } from './report';

/** Column headers of the import template (Vietnamese slugs), in order, and the SQL column each fills. */
export const IMPORT_COLUMNS: { header: string; column: string; required: boolean }[] = [
	{ header: 'ma_don_vi', column: 'unit_code', required: true },
	{ header: 'thang', column: 'month', required: true },
	...(
		[
			['viec_chuyen_sang', 'cases_carried_over'],
			['viec_thu_ly_moi', 'cases_new'],
			['viec_uy_thac', 'cases_entrusted_out'],
			['viec_co_dieu_kien', 'cases_with_conditions'],
			['viec_chua_co_dieu_kien', 'cases_without_conditions'],
			['viec_xong', 'cases_finished'],
			['viec_dinh_chi', 'cases_suspended'],
			['viec_hoan', 'cases_postponed'],
			['viec_dang_thi_hanh', 'cases_in_progress'],
			['tien_chuyen_sang', 'money_carried_over'],
			['tien_thu_ly_moi', 'money_new'],
			['tien_uy_thac', 'money_entrusted_out'],
			['tien_co_dieu_kien', 'money_with_conditions'],
			['tien_chua_co_dieu_kien', 'money_without_conditions'],
			['tien_xong', 'money_finished'],
			['tien_dinh_chi', 'money_suspended'],
			['tien_hoan', 'money_postponed'],
			['tien_dang_thi_hanh', 'money_in_progress']
		] as const
	).map(([header, column]) => ({ header, column, required: true })),
	// Tạm đình chỉ and "trường hợp khác" (20261207003040): optional, so files made from the older
	// template still import (missing = 0).
	...(
		[
			['viec_tam_dinh_chi', 'cases_stayed'],
			['viec_khac', 'cases_other'],
			['tien_tam_dinh_chi', 'money_stayed'],
			['tien_khac', 'money_other']
		] as const
	).map(([header, column]) => ({ header, column, required: false })),
	...(
		[
			['nsnn_viec_co_dieu_kien', 'budget_cases_with_conditions'],
			['nsnn_viec_xong', 'budget_cases_finished'],
			['nsnn_tien_co_dieu_kien', 'budget_money_with_conditions'],
			['nsnn_tien_xong', 'budget_money_finished'],
			['thamnhung_viec_co_dieu_kien', 'corruption_cases_with_conditions'],
			['thamnhung_viec_xong', 'corruption_cases_finished'],
			['thamnhung_tien_co_dieu_kien', 'corruption_money_with_conditions'],
			['thamnhung_tien_xong', 'corruption_money_finished'],
			['nganhang_viec_co_dieu_kien', 'bank_cases_with_conditions'],
			['nganhang_viec_xong', 'bank_cases_finished'],
			['nganhang_tien_co_dieu_kien', 'bank_money_with_conditions'],
			['nganhang_tien_xong', 'bank_money_finished']
		] as const
	).map(([header, column]) => ({ header, column, required: false }))
];

const MAX = 10n ** 17n; // 100 triệu tỷ đồng: anything above is a typo

/** A whole non-negative number written without separators ("6485", " 0 "); empty allowed when optional. */
const amount = (required: boolean) =>
	z
		.string()
		.transform((s) => s.trim())
		.superRefine((s, ctx) => {
			if (s === '') {
				if (required) ctx.addIssue({ code: 'custom', message: 'stats_v_required' });
				return;
			}
			if (/^-\s*\d+$/.test(s)) ctx.addIssue({ code: 'custom', message: 'stats_v_negative' });
			else if (!/^\d+$/.test(s)) ctx.addIssue({ code: 'custom', message: 'stats_v_integer' });
			else if (BigInt(s) >= MAX) ctx.addIssue({ code: 'custom', message: 'stats_v_too_large' });
		})
		.transform((s) => (s === '' ? 0n : BigInt(s)));

const monthField = z
	.string()
	.transform((s) => s.trim())
	.pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'stats_v_month' }))
	.transform((s) => `${s}-01`);

const FIGURE_COLUMNS = IMPORT_COLUMNS.filter(
	(c) => c.column !== 'unit_code' && c.column !== 'month'
);

/** One row of figures: SQL column → bigint (the 18 main columns required, breakdowns default 0). */
export const figuresRowSchema = z.object(
	Object.fromEntries(FIGURE_COLUMNS.map((c) => [c.column, amount(c.required)])) as Record<
		string,
		ReturnType<typeof amount>
	>
);
export type FiguresRow = Record<string, bigint>;

/** Which unit and month an imported row is about. */
const importKeySchema = z.object({
	unit_code: z
		.string()
		.transform((s) => s.trim().toUpperCase())
		.pipe(z.string().min(1, { message: 'stats_v_required' })),
	month: monthField
});

/** The entry form: the figures, plus a month from <input type="month"> (the unit is the session's). */
export const entryKeySchema = z.object({
	month: monthField,
	note: z.string().trim().max(2000).optional().default('')
});

export interface ImportProblem {
	/** 1-based row in the file (the header is row 1) */
	row: number;
	/** template header, or '' for the whole row / file */
	column: string;
	/** message key (stats_v_* or stats_check_*) */
	reason: string;
	params?: Record<string, string | number>;
	severity: 'refuse' | 'warn';
}

export interface ImportContext {
	/** unit code → unit id */
	units: Map<string, string>;
	/** units the user may enter figures for */
	allowedUnitIds: Set<string>;
	/** `${unitId}:${YYYY-MM-01}` of months already approved */
	approved: Set<string>;
	/** first day of the current month, YYYY-MM-01 */
	currentMonth: string;
}

export interface ImportRow {
	unit_code: string;
	unit_id: string;
	/** YYYY-MM-01 */
	month: string;
	figures: FiguresRow;
}

const headerOf = new Map(IMPORT_COLUMNS.map((c) => [c.column, c.header]));

function figuresOf(r: Record<string, unknown>): EnforcementFigures {
	const f = {} as EnforcementFigures;
	for (const k of FIGURE_KEYS) f[k] = (r[columnOf(k)] as bigint) ?? 0n;
	return f;
}

/** Breakdown rule: each group's finished ≤ its with-conditions ≤ the report's with-conditions. */
function breakdownProblems(r: FiguresRow): string[] {
	const bad: string[] = [];
	for (const g of ['budget', 'corruption', 'bank']) {
		for (const kind of ['cases', 'money']) {
			const wc = r[`${g}_${kind}_with_conditions` as BreakdownKey] ?? 0n;
			const fin = r[`${g}_${kind}_finished` as BreakdownKey] ?? 0n;
			if (fin > wc) bad.push(`${g}_${kind}_finished`);
			if (wc > (r[`${kind}_with_conditions`] ?? 0n)) bad.push(`${g}_${kind}_with_conditions`);
		}
	}
	return bad;
}

/** Consistency problems of one parsed row, reported against template headers. */
export function rowConsistency(r: FiguresRow, rowNo: number): ImportProblem[] {
	const out: ImportProblem[] = [];
	for (const i of checkConsistency(figuresOf(r))) {
		out.push({
			row: rowNo,
			column: i.fields.map((f) => headerOf.get(columnOf(f)) ?? f).join(', '),
			reason: `stats_check_${i.code}`,
			severity: i.severity
		});
	}
	for (const c of breakdownProblems(r))
		out.push({
			row: rowNo,
			column: headerOf.get(c) ?? c,
			reason: 'stats_check_breakdown',
			severity: 'refuse'
		});
	return out;
}

/**
 * Validate a whole file (rows of strings, first row = header). Returns the parsed rows and every
 * problem; the caller imports only when no problem has severity 'refuse'.
 */
export function validateImport(
	table: string[][],
	ctx: ImportContext
): { rows: ImportRow[]; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	if (table.length < 2)
		return {
			rows: [],
			problems: [{ row: 1, column: '', reason: 'stats_v_file_empty', severity: 'refuse' }]
		};
	if (table.length > 5001)
		return {
			rows: [],
			problems: [{ row: 1, column: '', reason: 'stats_v_file_too_large', severity: 'refuse' }]
		};
	const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
	const index = new Map(header.map((h, i) => [h, i]));
	for (const c of IMPORT_COLUMNS)
		if (c.required && !index.has(c.header))
			problems.push({ row: 1, column: c.header, reason: 'stats_v_header', severity: 'refuse' });
	if (problems.length) return { rows: [], problems };

	const out: ImportRow[] = [];
	const seen = new Map<string, number>();
	for (let i = 1; i < table.length; i++) {
		const rowNo = i + 1;
		const cells = table[i] ?? [];
		const raw: Record<string, string> = {};
		for (const c of IMPORT_COLUMNS)
			raw[c.column] = index.has(c.header) ? (cells[index.get(c.header)!] ?? '') : '';
		const keys = importKeySchema.safeParse(raw);
		const figs = figuresRowSchema.safeParse(raw);
		if (!keys.success || !figs.success) {
			for (const issue of [...(keys.error?.issues ?? []), ...(figs.error?.issues ?? [])]) {
				const col = String(issue.path[0] ?? '');
				problems.push({
					row: rowNo,
					column: headerOf.get(col) ?? col,
					reason: issue.message.startsWith('stats_') ? issue.message : 'stats_v_integer',
					severity: 'refuse'
				});
			}
			continue;
		}
		const r = { ...keys.data, figures: figs.data as FiguresRow };
		const unitId = ctx.units.get(r.unit_code);
		if (!unitId) {
			problems.push({
				row: rowNo,
				column: 'ma_don_vi',
				reason: 'stats_v_unknown_unit',
				severity: 'refuse'
			});
			continue;
		}
		if (!ctx.allowedUnitIds.has(unitId))
			problems.push({
				row: rowNo,
				column: 'ma_don_vi',
				reason: 'stats_v_not_own_unit',
				severity: 'refuse'
			});
		if (r.month > ctx.currentMonth)
			problems.push({
				row: rowNo,
				column: 'thang',
				reason: 'stats_v_month_future',
				severity: 'refuse'
			});
		const key = `${unitId}:${r.month}`;
		const other = seen.get(key);
		if (other)
			problems.push({
				row: rowNo,
				column: 'thang',
				reason: 'stats_v_duplicate',
				params: { other },
				severity: 'refuse'
			});
		else seen.set(key, rowNo);
		if (ctx.approved.has(key))
			problems.push({
				row: rowNo,
				column: 'thang',
				reason: 'stats_v_month_approved',
				severity: 'refuse'
			});
		problems.push(...rowConsistency(r.figures, rowNo));
		out.push({ ...r, unit_id: unitId });
	}
	return { rows: out, problems };
}

/** Template rows: header plus one example row for the user's unit. */
export function templateRows(unitCode: string, month: string): [string[], string[]] {
	const example: Record<string, string> = {
		unit_code: unitCode,
		month,
		cases_carried_over: '8334',
		cases_new: '3495',
		cases_entrusted_out: '8',
		cases_with_conditions: '6485',
		cases_without_conditions: '5336',
		cases_finished: '2413',
		cases_suspended: '120',
		cases_postponed: '300',
		cases_stayed: '0',
		cases_other: '0',
		cases_in_progress: '3652',
		money_carried_over: '2512418465000',
		money_new: '408307239000',
		money_entrusted_out: '7725704000',
		money_with_conditions: '1277040781000',
		money_without_conditions: '1635959219000',
		money_finished: '174390399000',
		money_suspended: '10000000000',
		money_postponed: '50000000000',
		money_stayed: '0',
		money_other: '0',
		money_in_progress: '1042650382000'
	};
	for (const k of BREAKDOWN_KEYS) example[k] = '0';
	return [IMPORT_COLUMNS.map((c) => c.header), IMPORT_COLUMNS.map((c) => example[c.column] ?? '')];
}

/** Figures → the jsonb the SQL functions take (bigints as decimal strings: exact over JSON). */
export function toSqlFigures(r: FiguresRow): Record<string, string> {
	const out: Record<string, string> = {};
	for (const c of FIGURE_COLUMNS) out[c.column] = String(r[c.column] ?? 0n);
	return out;
}

/**
 * A percentage target as people type it: "83,25", "83.25" or "90" — at most two decimals, 0–100.
 * Kept as text in hundredths' precision so nothing is lost to floating point on the way to SQL.
 */
const percentField = z
	.string()
	.transform((s) => s.trim().replace(/\s*%$/, '').replace(',', '.'))
	.superRefine((s, ctx) => {
		if (s === '') ctx.addIssue({ code: 'custom', message: 'stats_v_required' });
		else if (!/^\d{1,3}(\.\d{1,2})?$/.test(s))
			ctx.addIssue({ code: 'custom', message: 'stats_v_percent' });
		else if (Number(s) > 100) ctx.addIssue({ code: 'custom', message: 'stats_v_percent_range' });
	});

/** Setting a unit's targets (chỉ tiêu) for a work year; the database checks who may. */
export const targetSchema = z.object({
	unit_id: z.uuid({ error: 'stats_v_unknown_unit' }),
	work_year: z.coerce
		.number({ error: 'stats_v_work_year' })
		.int({ error: 'stats_v_work_year' })
		.min(2000, { error: 'stats_v_work_year' })
		.max(2100, { error: 'stats_v_work_year' }),
	cases_target: percentField,
	money_target: percentField
});
