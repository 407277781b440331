import { describe, expect, it } from 'vitest';
import { targetSchema } from '../../src/lib/stats/schema';

const unit = '00000000-0000-4000-a000-000000000011';
const parse = (cases: string, money: string, work_year = '2027') =>
	targetSchema.safeParse({ unit_id: unit, work_year, cases_target: cases, money_target: money });
const reasons = (r: ReturnType<typeof parse>) =>
	r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);

describe('targetSchema', () => {
	it('reads percentages as people type them, keeping hundredths exactly', () => {
		const r = parse('83,25', ' 51.9 % ');
		expect(r.success && r.data).toEqual({
			unit_id: unit,
			work_year: 2027,
			cases_target: '83.25',
			money_target: '51.9'
		});
		expect(parse('100', '0').success).toBe(true);
	});

	it('refuses what is not a percentage, with the field and a message key', () => {
		expect(reasons(parse('', '50'))).toEqual(['cases_target:stats_v_required']);
		expect(reasons(parse('83,255', '50'))).toEqual(['cases_target:stats_v_percent']);
		expect(reasons(parse('-1', 'abc'))).toEqual([
			'cases_target:stats_v_percent',
			'money_target:stats_v_percent'
		]);
		expect(reasons(parse('100,01', '50'))).toEqual(['cases_target:stats_v_percent_range']);
		expect(reasons(parse('50', '50', '1999'))).toEqual(['work_year:stats_v_work_year']);
		expect(
			reasons(
				targetSchema.safeParse({
					unit_id: 'x',
					work_year: '2027',
					cases_target: '1',
					money_target: '1'
				})
			)
		).toEqual(['unit_id:stats_v_unknown_unit']);
	});
});
