// Pure rules behind issue 18.9 and 18.11: the dates beside a work-year period name, the period the
// statistics open on, and the desk's order (arrival, then appointment time).
import { describe, expect, it } from 'vitest';
import { latestApprovedPeriod, periodDates } from '$lib/stats/periods';
import { deskOrder } from '$lib/reception/server/reception';

describe('dates beside work-year names', () => {
	it('"2 tháng năm 2027" runs from 1 October 2026 to 30 November 2026', () => {
		expect(periodDates({ kind: 'months', workYear: 2027, months: 2 })).toEqual({
			from: '01/10/2026',
			to: '30/11/2026'
		});
	});
	it('a work year ends on 30 September; February of a leap year has 29 days', () => {
		expect(periodDates({ kind: 'work_year', workYear: 2024 })).toEqual({
			from: '01/10/2023',
			to: '30/09/2024'
		});
		expect(periodDates({ kind: 'months', workYear: 2024, months: 5 })?.to).toBe('29/02/2024');
	});
	it('an invalid period has no dates', () => {
		expect(periodDates({ kind: 'months', workYear: 2024, months: 13 })).toBeNull();
	});
});

describe('the period statistics open on', () => {
	const r = (work_year: number, month_index: number) => ({ work_year, month_index });
	it('is lũy kế to the newest month approved by (nearly) every unit', () => {
		// Three offices approved up to month 2; one office already approved month 3.
		const approved = [
			...[1, 2].flatMap((mi) => [r(2027, mi), r(2027, mi), r(2027, mi)]),
			r(2027, 3)
		];
		expect(latestApprovedPeriod(approved)).toEqual({ kind: 'months', workYear: 2027, months: 2 });
	});
	it('a full year is lũy kế 12 months; nothing approved gives null', () => {
		expect(latestApprovedPeriod([r(2025, 12), r(2025, 11)])).toEqual({
			kind: 'months',
			workYear: 2025,
			months: 12
		});
		expect(latestApprovedPeriod([])).toBeNull();
	});
	it('a newer work year wins over a higher month index of an older one', () => {
		expect(latestApprovedPeriod([r(2025, 12), r(2026, 1)])).toEqual({
			kind: 'months',
			workYear: 2026,
			months: 1
		});
	});
});

describe('desk order', () => {
	type Row = { id: string; status: string; queue_no: number | null; starts_at: string | null };
	const at = (hhmm: string) => `2026-12-07T${hhmm}:00+07:00`;
	it('arrived people by queue number, then those expected by slot, then no-shows', () => {
		const rows: Row[] = [
			{
				id: 'walk-in 09:00, came second',
				status: 'checked_in',
				queue_no: 2,
				starts_at: at('09:00')
			},
			{ id: 'booked 08:30, came first', status: 'checked_in', queue_no: 1, starts_at: at('08:30') },
			{ id: 'booked 08:00, not here', status: 'booked', queue_no: null, starts_at: at('08:00') },
			{ id: 'booked 10:00, not here', status: 'booked', queue_no: null, starts_at: at('10:00') },
			{ id: 'waiting list', status: 'waiting', queue_no: 3, starts_at: null },
			{ id: 'no-show 07:30', status: 'no_show', queue_no: null, starts_at: at('07:30') },
			{ id: 'done', status: 'done', queue_no: 0, starts_at: at('07:30') }
		];
		expect(deskOrder(rows as never[]).map((r: Row) => r.id)).toEqual([
			'done',
			'booked 08:30, came first',
			'walk-in 09:00, came second',
			'waiting list',
			'booked 08:00, not here',
			'booked 10:00, not here',
			'no-show 07:30'
		]);
	});
});
