// Enforcement report columns (issue 13, A.2): cases and money under tạm đình chỉ (stayed) and
// "trường hợp khác" (other) have their own columns within "có điều kiện", instead of being forced
// into "đang thi hành" by the database; published figures keep reproducing (stats.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { serviceClient, signIn } from './helpers';
import { UNITS } from './rls-matrix/types';

let staff: SupabaseClient;
let head: SupabaseClient;

const month = '2026-11-01';
const figures = {
	cases_carried_over: '200',
	cases_new: '40',
	cases_entrusted_out: '0',
	cases_with_conditions: '150',
	cases_without_conditions: '90',
	cases_finished: '80',
	cases_suspended: '5',
	cases_postponed: '10',
	cases_stayed: '12',
	cases_other: '3',
	cases_in_progress: '40',
	money_carried_over: '5000000000',
	money_new: '1000000000',
	money_entrusted_out: '0',
	money_with_conditions: '4000000000',
	money_without_conditions: '2000000000',
	money_finished: '1500000000',
	money_suspended: '100000000',
	money_postponed: '200000000',
	money_stayed: '300000000',
	money_other: '50000000',
	money_in_progress: '1850000000'
};

beforeAll(async () => {
	[staff, head] = await Promise.all([
		signIn('khieunai.hn1@thads.local'),
		signIn('truongphong.hn1@thads.local')
	]);
});

describe('tạm đình chỉ and other cases in the monthly report', () => {
	it('are saved in their own columns, checked in the sum, rolled up and locked once approved', async () => {
		// Stayed and other cases counted as in progress would break the sum: refused.
		const wrong = await staff.rpc('save_enforcement_report', {
			p_unit_id: UNITS.HN_KV1,
			p_month: month,
			p_figures: { ...figures, cases_in_progress: '55' }
		});
		expect(wrong.error?.code).toBe('23514');
		const { data: id, error } = await staff.rpc('save_enforcement_report', {
			p_unit_id: UNITS.HN_KV1,
			p_month: month,
			p_figures: figures
		});
		expect(error).toBeNull();
		const { data: row } = await serviceClient()
			.from('enforcement_reports')
			.select('cases_stayed, cases_other, money_stayed, money_other, cases_in_progress')
			.eq('id', id)
			.single();
		expect(row).toEqual({
			cases_stayed: 12,
			cases_other: 3,
			money_stayed: 300000000,
			money_other: 50000000,
			cases_in_progress: 40
		});
		expect((await head.rpc('approve_enforcement_report', { p_report_id: id })).error).toBeNull();
		const { data: roll } = await head.rpc('enforcement_rollup', {
			p_unit_id: UNITS.HN_KV1,
			p_work_year: 2027,
			p_month_index: 2
		});
		const total = (roll as Record<string, unknown>[]).find((r) => r.row_kind === 'total')!;
		expect(total).toMatchObject({ cases_stayed: 12, cases_other: 3, money_stayed: 300000000 });
		// Approved rows are history, the new columns included.
		const { error: locked } = await serviceClient()
			.from('enforcement_reports')
			.update({ cases_stayed: 13, cases_in_progress: 39 })
			.eq('id', id);
		expect(locked?.message).toBe('report_locked');
	});
});
