import { describe, expect, it } from 'vitest';
import {
	change,
	checkAgainstPreviousMonth,
	checkConsistency,
	divRoundHalfUp,
	emptyFigures,
	gapToTarget,
	rateChange,
	rates,
	ratio,
	sumFigures,
	toBig,
	type EnforcementFigures
} from '../../src/lib/stats/figures';
import {
	daysInMonth,
	defaultPeriod,
	monthIndexOf,
	monthOfIndex,
	parsePeriodParam,
	periodToParam,
	resolvePeriod,
	samePeriodLastYear,
	workYearOf,
	type Period
} from '../../src/lib/stats/periods';

describe('rates reproduce figures agencies have published', () => {
	it('Hậu Giang: 6.113 finished of 7.942 with conditions is 76,97%, 6,38 points short of 83,35%', () => {
		expect(ratio(6113, 7942)).toBe(7697);
		expect(gapToTarget(7697, 8335)).toBe(638);
	});
	it('Gia Lai, 3 tháng năm 2024: 2.413 of 6.485 is 37,21%, còn thiếu 46,04% of the 83,25% target', () => {
		expect(ratio(2413, 6485)).toBe(3721);
		expect(gapToTarget(ratio(2413, 6485), 8325)).toBe(4604);
	});
	it('seed 001: 1.577 of 3.348 is 47,10%', () => {
		expect(ratio(1577, 3348)).toBe(4710);
	});
	it('Gia Lai money: 174.390.399.000 of 1.277.040.781.000 đồng is 13,66%, còn thiếu 33,09% of 46,75%', () => {
		expect(ratio(174_390_399_000n, 1_277_040_781_000n)).toBe(1366);
		expect(ratio('174390399000', '1277040781000')).toBe(1366);
		expect(gapToTarget(1366, 4675)).toBe(3309);
	});
	it('32 of 33 complaints resolved is 96,97%', () => {
		expect(ratio(32, 33)).toBe(9697);
	});
	it('nationwide 2024 money is exact beyond 2^53 đồng', () => {
		// 116.531 tỷ finished of a made-up 224.790 tỷ: bigints, not floats.
		const r = ratio(116_531_000_000_000_000n, 224_790_000_000_000_000n);
		expect(r).toBe(5184);
	});
	it('Gia Lai share with conditions: 6.485 of 11.821 to enforce is 54,86%', () => {
		expect(ratio(6485, 11821)).toBe(5486);
	});
});

describe('half-up rounding to two decimals', () => {
	it('rounds exact halves up', () => {
		expect(ratio(1, 8)).toBe(1250); // 12,5 exactly
		expect(ratio(1, 80000)).toBe(0); // 0,00125% rounds down to 0,00%
		expect(divRoundHalfUp(5n, 2n)).toBe(3n);
		expect(divRoundHalfUp(7n, 2n)).toBe(4n);
		expect(divRoundHalfUp(-5n, 2n)).toBe(-3n);
		expect(ratio(1, 3)).toBe(3333);
		expect(ratio(2, 3)).toBe(6667);
		expect(ratio(1, 20000)).toBe(1); // 0,005% → 0,01%
	});
	it('is undefined, not 0%, with nothing to divide by', () => {
		expect(ratio(0, 0)).toBeNull();
		expect(gapToTarget(null, 8325)).toBeNull();
	});
	it('accepts driver values and refuses fractions', () => {
		expect(toBig('1277040781000')).toBe(1_277_040_781_000n);
		expect(toBig(null)).toBe(0n);
		expect(() => toBig('1.5')).toThrow();
		expect(() => toBig(1.5)).toThrow();
	});
	it('a negative gap means the target is exceeded', () => {
		expect(gapToTarget(8388, 8390)).toBe(2);
		expect(gapToTarget(9000, 8390)).toBe(-610);
	});
});

describe('cùng kỳ comparison', () => {
	it('Gia Lai: 2.413 finished, up 234 việc = +10,74% on the same period of 2023', () => {
		const c = change(2413, 2413 - 234);
		expect(c.delta).toBe(234n);
		expect(c.percent).toBe(1074);
	});
	it('Gia Lai money: up 77 tỷ 345 triệu 920 nghìn = +79,70%', () => {
		const c = change(174_390_399_000n, 174_390_399_000n - 77_345_920_000n);
		expect(c.delta).toBe(77_345_920_000n);
		expect(c.percent).toBe(7970);
	});
	it('a decrease is negative, and there is no percentage over nothing', () => {
		expect(change(90, 100).percent).toBe(-1000);
		expect(change(5, 0).percent).toBeNull();
	});
	it('rate change in points: 47,10% vs 45,28% is +1,82', () => {
		expect(rateChange(4710, 4528)).toBe(182);
	});
});

/** Gia Lai, 3 tháng năm 2024, as entered in the seed. */
function giaLai(): EnforcementFigures {
	return {
		...emptyFigures(),
		casesCarriedOver: 8329n,
		casesNew: 3500n,
		casesEntrustedOut: 8n,
		casesWithConditions: 6485n,
		casesWithoutConditions: 5336n,
		casesFinished: 2413n,
		casesSuspended: 120n,
		casesPostponed: 300n,
		casesInProgress: 3652n,
		moneyCarriedOver: 2_512_446_000_000n,
		moneyNew: 408_279_704_000n,
		moneyEntrustedOut: 7_725_704_000n,
		moneyWithConditions: 1_277_040_781_000n,
		moneyWithoutConditions: 1_635_959_219_000n,
		moneyFinished: 174_390_399_000n,
		moneySuspended: 10_000_000_000n,
		moneyPostponed: 50_000_000_000n,
		moneyInProgress: 1_042_650_382_000n
	};
}

describe('rates of a report', () => {
	it('computes phải thi hành, both rates and the share with conditions', () => {
		const r = rates(giaLai());
		expect(r.casesToEnforce).toBe(11821n);
		expect(r.cases).toBe(3721);
		expect(r.money).toBe(1366);
		expect(r.casesWithConditionsShare).toBe(5486);
		expect(r.moneyWithConditionsShare).toBe(4384);
		expect(r.moneyToEnforce).toBe(2_913_000_000_000n);
	});
	it('roll-ups are column sums and rates are recomputed, never averaged', () => {
		const a = { ...emptyFigures(), casesWithConditions: 10n, casesFinished: 9n };
		const b = { ...emptyFigures(), casesWithConditions: 90n, casesFinished: 10n };
		expect(rates(sumFigures([a, b])).cases).toBe(1900); // not (90% + 11,11%) / 2
	});
});

describe('consistency checks', () => {
	it('the Gia Lai report is consistent', () => {
		expect(checkConsistency(giaLai())).toEqual([]);
	});
	it('refuses finished > with conditions, negatives and a split that does not add up', () => {
		const f = { ...giaLai(), casesFinished: 7000n, moneyNew: -1n };
		const codes = checkConsistency(f).map((i) => `${i.severity}:${i.code}:${i.fields[0]}`);
		expect(codes).toContain('refuse:negative:moneyNew');
		expect(codes).toContain('refuse:finished_exceeds_with_conditions:casesFinished');
		expect(codes).toContain('refuse:outcomes_not_with_conditions:casesFinished');
		expect(codes).toContain('refuse:split_not_total:moneyWithConditions');
	});
	it('warns when a cumulative figure falls from one month to the next', () => {
		const prev = giaLai();
		const cur = { ...giaLai(), casesFinished: 2400n };
		expect(checkAgainstPreviousMonth(prev, cur)).toEqual([
			{ severity: 'warn', code: 'cumulative_decreased', fields: ['casesFinished'] }
		]);
	});
});

describe('periods of the work year (1 October – 30 September)', () => {
	it('"3 tháng năm 2024" is October–December 2023', () => {
		expect(resolvePeriod({ kind: 'months', workYear: 2024, months: 3 })).toMatchObject({
			workYear: 2024,
			fromIndex: 1,
			toIndex: 3,
			start: '2023-10-01',
			end: '2023-12-31',
			fromWorkYearStart: true
		});
	});
	it('"11 tháng năm 2024" ends on 31 August 2024', () => {
		expect(resolvePeriod({ kind: 'months', workYear: 2024, months: 11 })).toMatchObject({
			end: '2024-08-31',
			toIndex: 11
		});
	});
	it('the full work year 2024 is 1/10/2023 – 30/9/2024', () => {
		expect(resolvePeriod({ kind: 'work_year', workYear: 2024 })).toMatchObject({
			start: '2023-10-01',
			end: '2024-09-30',
			fromIndex: 1,
			toIndex: 12
		});
	});
	it('maps months to work years and indexes across the calendar year', () => {
		expect(workYearOf({ year: 2023, month: 10 })).toBe(2024);
		expect(workYearOf({ year: 2024, month: 9 })).toBe(2024);
		expect(workYearOf({ year: 2023, month: 12 })).toBe(2024);
		expect(workYearOf({ year: 2024, month: 1 })).toBe(2024);
		expect(monthIndexOf({ year: 2023, month: 10 })).toBe(1);
		expect(monthIndexOf({ year: 2024, month: 1 })).toBe(4);
		expect(monthIndexOf({ year: 2024, month: 9 })).toBe(12);
		expect(monthOfIndex(2024, 1)).toEqual({ year: 2023, month: 10 });
		expect(monthOfIndex(2024, 3)).toEqual({ year: 2023, month: 12 });
		expect(monthOfIndex(2024, 4)).toEqual({ year: 2024, month: 1 });
		expect(monthOfIndex(2024, 12)).toEqual({ year: 2024, month: 9 });
	});
	it('February has 29 days in leap years only (2024, 2000) — not 2100 or 2026', () => {
		expect(resolvePeriod({ kind: 'month', year: 2024, month: 2 })).toMatchObject({
			start: '2024-02-01',
			end: '2024-02-29',
			workYear: 2024,
			fromIndex: 5,
			toIndex: 5,
			fromWorkYearStart: false
		});
		expect(resolvePeriod({ kind: 'month', year: 2026, month: 2 })).toMatchObject({
			end: '2026-02-28'
		});
		expect(daysInMonth({ year: 2000, month: 2 })).toBe(29);
		expect(daysInMonth({ year: 2100, month: 2 })).toBe(28);
		expect(resolvePeriod({ kind: 'quarter', year: 2028, quarter: 1 })).toMatchObject({
			start: '2028-01-01',
			end: '2028-03-31',
			workYear: 2028,
			fromIndex: 4,
			toIndex: 6
		});
	});
	it('calendar quarter IV opens the next work year', () => {
		expect(resolvePeriod({ kind: 'quarter', year: 2024, quarter: 4 })).toMatchObject({
			workYear: 2025,
			fromIndex: 1,
			toIndex: 3,
			start: '2024-10-01',
			end: '2024-12-31'
		});
		expect(resolvePeriod({ kind: 'quarter', year: 2024, quarter: 3 })).toMatchObject({
			workYear: 2024,
			fromIndex: 10,
			toIndex: 12,
			end: '2024-09-30'
		});
	});
	it('a custom range may cross the calendar year but not the work year', () => {
		expect(
			resolvePeriod({
				kind: 'custom',
				from: { year: 2023, month: 11 },
				to: { year: 2024, month: 2 }
			})
		).toMatchObject({
			workYear: 2024,
			fromIndex: 2,
			toIndex: 5,
			start: '2023-11-01',
			end: '2024-02-29'
		});
		expect(
			resolvePeriod({
				kind: 'custom',
				from: { year: 2024, month: 8 },
				to: { year: 2024, month: 10 }
			})
		).toEqual({ error: 'period_crosses_work_year' });
		expect(
			resolvePeriod({
				kind: 'custom',
				from: { year: 2024, month: 3 },
				to: { year: 2024, month: 1 }
			})
		).toEqual({ error: 'period_reversed' });
		expect(resolvePeriod({ kind: 'month', year: 2024, month: 13 })).toEqual({
			error: 'period_invalid'
		});
		expect(resolvePeriod({ kind: 'months', workYear: 2024, months: 0 })).toEqual({
			error: 'period_invalid'
		});
	});
	it('cùng kỳ is the same months one work year earlier', () => {
		const p: Period = { kind: 'months', workYear: 2024, months: 3 };
		expect(resolvePeriod(samePeriodLastYear(p))).toMatchObject({
			start: '2022-10-01',
			end: '2022-12-31',
			workYear: 2023
		});
		expect(
			resolvePeriod(samePeriodLastYear({ kind: 'month', year: 2024, month: 2 }))
		).toMatchObject({ end: '2023-02-28' });
	});
	it('round-trips through the URL parameter', () => {
		const ps: Period[] = [
			{ kind: 'month', year: 2024, month: 2 },
			{ kind: 'quarter', year: 2024, quarter: 4 },
			{ kind: 'months', workYear: 2024, months: 3 },
			{ kind: 'work_year', workYear: 2025 },
			{ kind: 'custom', from: { year: 2023, month: 10 }, to: { year: 2024, month: 3 } }
		];
		for (const p of ps) expect(parsePeriodParam(periodToParam(p))).toEqual(p);
		expect(periodToParam(ps[2]!)).toBe('lk-2024-3');
		expect(parsePeriodParam('junk')).toBeNull();
	});
	it('opens on lũy kế to the last finished month', () => {
		expect(defaultPeriod(new Date('2026-11-26T08:00:00Z'))).toEqual({
			kind: 'months',
			workYear: 2027,
			months: 1
		});
		expect(defaultPeriod(new Date('2026-01-05T08:00:00Z'))).toEqual({
			kind: 'months',
			workYear: 2026,
			months: 3
		});
		expect(defaultPeriod(new Date('2026-10-05T08:00:00Z'))).toEqual({
			kind: 'months',
			workYear: 2026,
			months: 12
		});
	});
});
