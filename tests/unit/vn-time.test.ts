// Dates in Vietnam time everywhere (issue 13, A.7): the same scenario at 23:30 and at 00:30
// Vietnam time. The server (and Supabase) run in UTC, where 00:30 in Hà Nội is 17:30 the day
// before: a UTC date would put a letter received after midnight on the previous day.
import { describe, expect, it } from 'vitest';
import { addDays, vnDate, vnParts, vnToday, vnYearMonth } from '../../src/lib/vn-time';
import { formatDate, formatDateTime } from '../../src/lib/i18n/format';
import { vnToday as complaintsToday } from '../../src/lib/complaints/constants';
import { defaultPeriod } from '../../src/lib/stats/periods';

const at2330 = new Date('2026-09-30T23:30:00+07:00'); // 16:30 UTC, same day
const at0030 = new Date('2026-10-01T00:30:00+07:00'); // 17:30 UTC on 30/9

describe('Vietnam time', () => {
	it('23:30 on 30/9 is still 30/9 and work year 2026', () => {
		expect(vnToday(at2330)).toBe('2026-09-30');
		expect(vnYearMonth(at2330)).toEqual({ year: 2026, month: 9 });
		expect(formatDateTime(at2330)).toBe('30/09/2026 23:30');
	});
	it('00:30 on 1/10 is 1/10 (the server’s UTC says 30/9) and the new work year', () => {
		expect(at0030.toISOString().slice(0, 10)).toBe('2026-09-30'); // what the old code used
		expect(vnToday(at0030)).toBe('2026-10-01');
		expect(complaintsToday(at0030)).toBe('2026-10-01');
		expect(vnDate(at0030.toISOString())).toBe('2026-10-01');
		expect(vnParts(at0030)).toMatchObject({ h: 0, mi: 30 });
		expect(formatDate(at0030)).toBe('01/10/2026');
		// The statistics page opens on the last finished month: September, of work year 2026,
		// at both times (at 00:30 on 1/10 September has just finished).
		expect(defaultPeriod(at0030)).toEqual({ kind: 'months', workYear: 2026, months: 12 });
		expect(defaultPeriod(at2330)).toEqual({ kind: 'months', workYear: 2026, months: 11 });
	});
	it('adds calendar days without a time zone', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});
});
