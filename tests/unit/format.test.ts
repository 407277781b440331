import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatHundredths,
	formatMoney,
	formatMoneyWords,
	formatNumber,
	formatPercent,
	formatPercentValue,
	formatTime
} from '../../src/lib/i18n/format';

describe('formatNumber', () => {
	it('groups thousands with dots', () => {
		expect(formatNumber(1234567)).toBe('1.234.567');
		expect(formatNumber(0)).toBe('0');
		expect(formatNumber(999)).toBe('999');
		expect(formatNumber(1000)).toBe('1.000');
		expect(formatNumber(-1234)).toBe('-1.234');
	});
	it('takes bigints and digit strings beyond Number.MAX_SAFE_INTEGER', () => {
		expect(formatNumber(12345678901234567890n)).toBe('12.345.678.901.234.567.890');
		expect(formatNumber('9007199254740993')).toBe('9.007.199.254.740.993');
	});
	it('uses a comma for decimals and rounds half up when asked', () => {
		expect(formatNumber(1234.5)).toBe('1.234,5');
		expect(formatNumber('2.345', { decimals: 2 })).toBe('2,35');
		expect(formatNumber(1.005, { decimals: 2 })).toBe('1,01'); // a float would give 1,00
		expect(formatNumber(2, { decimals: 2 })).toBe('2,00');
		expect(formatNumber(-0.004, { decimals: 2 })).toBe('0,00');
		expect(formatNumber(1e21)).toBe('1.000.000.000.000.000.000.000');
		expect(formatNumber(1.5e-7, { decimals: 7 })).toBe('0,0000002');
	});
	it('refuses junk', () => {
		expect(() => formatNumber('abc')).toThrow(RangeError);
		expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
	});
});

describe('percentages', () => {
	it('formats a ratio of integers with two decimals, half up', () => {
		expect(formatPercent(6468, 6670)).toBe('96,97%');
		expect(formatPercent(2413, 6485)).toBe('37,21%');
		expect(formatPercent(174390399000n, 1277040781000n)).toBe('13,66%');
		expect(formatPercent(1, 8)).toBe('12,50%'); // 12,5 exactly
		expect(formatPercent(1, 3)).toBe('33,33%');
		expect(formatPercent(2, 3)).toBe('66,67%');
		expect(formatPercent(5, 5)).toBe('100,00%');
		expect(formatPercent(0, 7)).toBe('0,00%');
		expect(formatPercent(1, 0)).toBe('—');
		expect(formatPercent(1, 7, { decimals: 0 })).toBe('14%');
	});
	it('rounds half up exactly at the boundary', () => {
		// 1/16 = 6,25% exactly → one decimal rounds up to 6,3%
		expect(formatPercent(1, 16, { decimals: 1 })).toBe('6,3%');
		expect(formatPercent(193935, 200000)).toBe('96,97%'); // 96,9675
		expect(formatPercent(193925, 200000)).toBe('96,96%'); // 96,9625
	});
	it('formats a value that is already a percentage', () => {
		expect(formatPercentValue(96.965)).toBe('96,97%'); // the float 96.965 is 96.9649999…
		expect(formatPercentValue('96.965')).toBe('96,97%');
		expect(formatPercentValue(100)).toBe('100,00%');
		expect(formatPercentValue('-3.455')).toBe('-3,46%');
	});
	it('formats integer hundredths from the stats module', () => {
		expect(formatHundredths(9697)).toBe('96,97%');
		expect(formatHundredths(5)).toBe('0,05%');
		expect(formatHundredths(-1074)).toBe('-10,74%');
		expect(formatHundredths(null)).toBe('—');
	});
});

describe('money', () => {
	it('prints exact đồng', () => {
		expect(formatMoney(2920725704000n)).toBe('2.920.725.704.000 đồng');
		expect(formatMoney('1500000')).toBe('1.500.000 đồng');
		expect(formatMoney(0)).toBe('0 đồng');
		expect(formatMoney(1500000, 'en')).toBe('1.500.000 VND');
		expect(() => formatMoney(1.5)).toThrow(RangeError);
	});
	it('says amounts in tỷ / triệu / nghìn', () => {
		expect(formatMoneyWords(2920725704000n)).toBe('2.920 tỷ 725 triệu 704 nghìn đồng');
		expect(formatMoneyWords(5000000000n)).toBe('5 tỷ đồng');
		expect(formatMoneyWords(1500n)).toBe('1 nghìn 500 đồng');
		expect(formatMoneyWords(7000500n)).toBe('7 triệu 500 đồng');
		expect(formatMoneyWords(999n)).toBe('999 đồng');
		expect(formatMoneyWords(0n)).toBe('0 đồng');
		expect(formatMoneyWords(-2000000n)).toBe('-2 triệu đồng');
		expect(formatMoneyWords('1277040781000')).toBe('1.277 tỷ 040 triệu 781 nghìn đồng');
		// Gia Lai's published figure (DOMAIN.md), and a small trailing group.
		expect(formatMoneyWords(174390399000n)).toBe('174 tỷ 390 triệu 399 nghìn đồng');
		expect(formatMoneyWords(7000050n)).toBe('7 triệu 050 đồng');
	});
});

describe('dates', () => {
	it('formats calendar dates as dd/MM/yyyy without shifting them', () => {
		expect(formatDate('2026-01-05')).toBe('05/01/2026');
		expect(formatDate('2026-11-26')).toBe('26/11/2026');
	});
	it('shows instants in Vietnam time (UTC+7)', () => {
		expect(formatDate('2026-11-25T18:30:00Z')).toBe('26/11/2026');
		expect(formatDateTime('2026-11-26T07:05:00Z')).toBe('26/11/2026 14:05');
		expect(formatDateTime(new Date('2026-12-31T17:00:00.000Z'))).toBe('01/01/2027 00:00');
		expect(formatTime('2026-11-26T01:30:00+00:00')).toBe('08:30');
	});
	it('refuses invalid dates', () => {
		expect(() => formatDate('not a date')).toThrow(RangeError);
	});
});
