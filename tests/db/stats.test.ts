// Statistics: published figures from the seed, roll-up sums, merged units, locking after approval,
// revisions, who may write, targets set by the level above, the public aggregate.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, signIn } from './helpers';
import { UNITS } from './rls-matrix/types';
import { ratio, toBig } from '../../src/lib/stats/figures';

type Row = Record<string, unknown>;
const OLD_HN_HK = '00000000-0000-4000-a000-000000000091';
const SUM_COLS = [
	'cases_with_conditions',
	'cases_finished',
	'money_with_conditions',
	'money_finished',
	'cases_carried_over',
	'money_new'
];

let headGL1: SupabaseClient,
	staffGL1: SupabaseClient,
	headHN: SupabaseClient,
	headHN1: SupabaseClient,
	admin: SupabaseClient,
	receptionHN1: SupabaseClient;

beforeAll(async () => {
	[headGL1, staffGL1, headHN, headHN1, admin, receptionHN1] = await Promise.all([
		signIn('truongphong.gl1@thads.local'),
		signIn('khieunai.gl1@thads.local'),
		signIn('lanhdao.hn@thads.local'),
		signIn('truongphong.hn1@thads.local'),
		signIn('admin@thads.local'),
		signIn('tiepdan.hn1@thads.local')
	]);
});

async function rollup(c: SupabaseClient, unit: string, wy: number, month: number): Promise<Row[]> {
	const { data, error } = await c.rpc('enforcement_rollup', {
		p_unit_id: unit,
		p_work_year: wy,
		p_month_index: month
	});
	if (error) throw new Error(JSON.stringify(error));
	return data as Row[];
}
const total = (rows: Row[]) => rows.find((r) => r.row_kind === 'total')!;

describe('published figures', () => {
	it('GL-KV1, 3 tháng năm 2024, gives 37,21% về việc and 13,66% về tiền against 83,25% / 46,75%', async () => {
		const t = total(await rollup(headGL1, UNITS.GL_KV1, 2024, 3));
		expect(toBig(t.cases_finished as string)).toBe(2413n);
		expect(toBig(t.cases_with_conditions as string)).toBe(6485n);
		expect(toBig(t.money_finished as string)).toBe(174_390_399_000n);
		expect(toBig(t.money_with_conditions as string)).toBe(1_277_040_781_000n);
		expect(ratio(t.cases_finished as string, t.cases_with_conditions as string)).toBe(3721);
		expect(ratio(t.money_finished as string, t.money_with_conditions as string)).toBe(1366);
		expect(String(t.cases_target)).toMatch(/^83\.25?$/);
		const prev = total(await rollup(headGL1, UNITS.GL_KV1, 2023, 3));
		expect(toBig(t.cases_finished as string) - toBig(prev.cases_finished as string)).toBe(234n);
	});
});

describe('roll-up khu vực → tỉnh → nationwide', () => {
	it('a province total is its own reports plus its offices, and the nationwide total is the provinces', async () => {
		const hn = await rollup(headHN, UNITS.HN, 2025, 12);
		for (const c of SUM_COLS) {
			const parts = hn
				.filter((r) => r.row_kind !== 'total')
				.reduce((s, r) => s + toBig(r[c] as string), 0n);
			expect(parts, c).toBe(toBig(total(hn)[c] as string));
		}
		const nation = await rollup(admin, UNITS.CUC, 2025, 12);
		const hnTotal = total(hn);
		const hnRow = nation.find((r) => r.row_kind === 'child' && r.unit_id === UNITS.HN)!;
		expect(toBig(hnRow.cases_finished as string)).toBe(toBig(hnTotal.cases_finished as string));
		for (const c of SUM_COLS) {
			const parts = nation
				.filter((r) => r.row_kind === 'child')
				.reduce((s, r) => s + toBig(r[c] as string), 0n);
			expect(parts, c).toBe(toBig(total(nation)[c] as string));
		}
		expect(total(nation).reporting_units).toBe(12);
	});
	it("a merged unit's history rolls into its successor (Chi cục Hoàn Kiếm → HN-KV1)", async () => {
		const { data: raw } = await serviceClient()
			.from('enforcement_reports')
			.select('cases_finished')
			.eq('unit_id', OLD_HN_HK)
			.eq('month', '2024-06-01')
			.eq('status', 'approved')
			.single();
		const kv1 = total(await rollup(headHN1, UNITS.HN_KV1, 2024, 9));
		expect(kv1.reporting_units).toBe(1);
		expect(toBig(kv1.cases_finished as string)).toBe(toBig((raw as Row).cases_finished as string));
	});
	it('a unit cannot read another unit’s figures', async () => {
		const { error } = await headHN1.rpc('enforcement_rollup', {
			p_unit_id: UNITS.GL_KV1,
			p_work_year: 2024,
			p_month_index: 3
		});
		expect(error?.message).toBe('not_allowed');
		const { error: e2 } = await headHN1.rpc('enforcement_rollup', {
			p_unit_id: UNITS.HN,
			p_work_year: 2024,
			p_month_index: 3
		});
		expect(e2?.message).toBe('not_allowed');
	});
});

describe('entering, approving and correcting a month', () => {
	const month = '2026-11-01';
	const figures = {
		cases_carried_over: '100',
		cases_new: '20',
		cases_entrusted_out: '0',
		cases_with_conditions: '60',
		cases_without_conditions: '60',
		cases_finished: '30',
		cases_suspended: '0',
		cases_postponed: '0',
		cases_in_progress: '30',
		money_carried_over: '1000000000',
		money_new: '0',
		money_entrusted_out: '0',
		money_with_conditions: '500000000',
		money_without_conditions: '500000000',
		money_finished: '100000000',
		money_suspended: '0',
		money_postponed: '0',
		money_in_progress: '400000000'
	};
	it('another unit’s staff cannot enter figures, directly or through the function', async () => {
		const { error } = await receptionHN1.rpc('save_enforcement_report', {
			p_unit_id: UNITS.GL_KV1,
			p_month: month,
			p_figures: figures
		});
		expect(error?.message).toBe('not_allowed');
		const { error: direct } = await receptionHN1
			.from('enforcement_reports')
			.insert({ unit_id: UNITS.HN_KV1, month });
		expect(direct?.code).toBe('42501');
	});
	it('inconsistent figures are refused by the database', async () => {
		const { error } = await staffGL1.rpc('save_enforcement_report', {
			p_unit_id: UNITS.GL_KV1,
			p_month: month,
			p_figures: { ...figures, cases_finished: '70', cases_in_progress: '-10' }
		});
		expect(error?.code).toBe('23514');
	});
	it('the unit head approves, the month is locked, a correction is a new audited revision', async () => {
		const { data: id, error } = await staffGL1.rpc('save_enforcement_report', {
			p_unit_id: UNITS.GL_KV1,
			p_month: month,
			p_figures: figures
		});
		expect(error).toBeNull();
		expect(
			(await staffGL1.rpc('approve_enforcement_report', { p_report_id: id })).error?.message
		).toBe('not_allowed');
		expect(
			(await headHN.rpc('approve_enforcement_report', { p_report_id: id })).error?.message
		).toBe('not_allowed');
		expect((await headGL1.rpc('approve_enforcement_report', { p_report_id: id })).error).toBeNull();
		expect(
			(await headGL1.rpc('approve_enforcement_report', { p_report_id: id })).error?.message
		).toBe('report_locked');

		const service = serviceClient();
		const { error: locked } = await service
			.from('enforcement_reports')
			.update({ note: 'sửa lén' })
			.eq('id', id);
		expect(locked?.message).toBe('report_locked');
		const { error: del } = await service.from('enforcement_reports').delete().eq('id', id);
		expect(del?.message).toBe('report_locked');

		const { data: id2 } = await staffGL1.rpc('save_enforcement_report', {
			p_unit_id: UNITS.GL_KV1,
			p_month: month,
			p_figures: { ...figures, cases_finished: '31', cases_in_progress: '29' },
			p_note: 'đính chính'
		});
		expect(id2).not.toBe(id);
		const { data: revs } = await service
			.from('enforcement_reports')
			.select('id, revision, status')
			.eq('unit_id', UNITS.GL_KV1)
			.eq('month', month)
			.order('revision');
		expect((revs as Row[]).map((r) => r.status)).toEqual(
			['superseded', 'approved', 'draft'].slice(-(revs as Row[]).length)
		);
		expect(
			(await headGL1.rpc('approve_enforcement_report', { p_report_id: id2 })).error
		).toBeNull();
		const { data: after } = await service
			.from('enforcement_reports')
			.select('id, status')
			.eq('unit_id', UNITS.GL_KV1)
			.eq('month', month)
			.eq('status', 'approved')
			.single();
		expect((after as Row).id).toBe(id2);
		const { data: audit } = await service
			.from('audit_events')
			.select('action')
			.eq('entity_type', 'enforcement_report')
			.eq('entity_id', id2);
		expect((audit as Row[]).map((a) => a.action)).toEqual(
			expect.arrayContaining(['revise', 'approve'])
		);
	});
	it('import refuses unknown units, duplicate months and other units, all or nothing', async () => {
		const row = { unit_code: 'GL-KV1', month: '2026-10-01', ...figures };
		expect(
			(
				await staffGL1.rpc('import_enforcement_reports', {
					p_rows: [{ ...row, unit_code: 'XX-99' }]
				})
			).error?.message
		).toBe('import_unknown_unit');
		expect(
			(await staffGL1.rpc('import_enforcement_reports', { p_rows: [row, row] })).error?.message
		).toBe('import_duplicate_month');
		expect(
			(await staffGL1.rpc('import_enforcement_reports', { p_rows: [row] })).error?.message
		).toBe('import_month_approved');
		expect(
			(
				await receptionHN1.rpc('import_enforcement_reports', {
					p_rows: [{ ...row, month: '2026-11-01' }]
				})
			).error?.message
		).toBe('not_allowed');
	});
});

describe('targets are set by the level above', () => {
	it('the province head sets an office’s target; the office head and other provinces cannot', async () => {
		const args = {
			p_unit_id: UNITS.HN_KV2,
			p_work_year: 2027,
			p_cases_target: 85.5,
			p_money_target: 53
		};
		expect((await headHN.rpc('set_enforcement_target', args)).error).toBeNull();
		expect(
			(await headHN1.rpc('set_enforcement_target', { ...args, p_unit_id: UNITS.HN_KV1 })).error
				?.message
		).toBe('not_allowed');
		expect((await headGL1.rpc('set_enforcement_target', args)).error?.message).toBe('not_allowed');
		const { data } = await serviceClient()
			.from('enforcement_targets')
			.select('cases_target')
			.eq('unit_id', UNITS.HN_KV2)
			.eq('work_year', 2027)
			.single();
		expect(Number((data as Row).cases_target)).toBe(85.5);
	});
});

describe('public aggregate', () => {
	it('anon reads per-province sums only, with no personal data', async () => {
		const { data, error } = await anonClient().rpc('public_enforcement_by_province', {
			p_work_year: 2024,
			p_month_index: 3
		});
		expect(error).toBeNull();
		const rows = data as Row[];
		expect(rows.map((r) => r.province_name)).toEqual(
			expect.arrayContaining(['Gia Lai', 'Hà Nội', 'Cần Thơ'])
		);
		for (const r of rows)
			expect(
				Object.keys(r).some(
					(k) => /entered|approved_by|note|email|name$/.test(k) && k !== 'province_name'
				)
			).toBe(false);
		const { error: e } = await anonClient().from('enforcement_reports').select('id').limit(1);
		expect(e?.code).toBe('42501');
		const { error: e2 } = await anonClient().rpc('enforcement_rollup', {
			p_unit_id: UNITS.CUC,
			p_work_year: 2024,
			p_month_index: 3
		});
		expect(e2?.code).toBe('42501');
	});
});
