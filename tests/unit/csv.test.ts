// The one CSV writer (src/lib/stats/csv.ts), used by the statistics exports, the reception record
// (so.csv) and the public API: spreadsheet formulas are neutralised in every one of them.
import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, rowsToCsv, tableToCsv, toCsv } from '../../src/lib/stats/csv';

describe('csvField', () => {
	it('neutralises text a spreadsheet would run as a formula', () => {
		expect(csvField('=HYPERLINK("http://x","bấm")')).toBe(`"'=HYPERLINK(""http://x"",""bấm"")"`);
		expect(csvField('+84912345678')).toBe("'+84912345678");
		expect(csvField('-2+3')).toBe("'-2+3");
		expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvField('\tx')).toBe("'\tx");
		expect(csvField('\rx')).toBe(`"'\rx"`);
	});
	it('leaves numbers, and text starting otherwise, as they are', () => {
		expect(csvField(-12)).toBe('-12');
		expect(csvField('-12')).toBe('-12');
		expect(csvField('-37,21')).toBe('"-37,21"');
		expect(csvField('0912 345 678')).toBe('0912 345 678');
		expect(csvField('Nguyễn Văn A = người nộp')).toBe('Nguyễn Văn A = người nộp');
		expect(csvField(null)).toBe('');
		expect(csvField(undefined)).toBe('');
		expect(csvField(['a', 'b'])).toBe('a b');
	});
	it('quotes quotes, separators and line breaks (RFC 4180)', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('a;b')).toBe('"a;b"');
		expect(csvField('nói "không"')).toBe('"nói ""không"""');
		expect(csvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
	});
});

describe('toCsv and its users', () => {
	it('writes a BOM, CRLF lines and reads back what it wrote', () => {
		const csv = toCsv([
			['Họ tên', 'Nội dung'],
			['=1+1', 'a,"b"']
		]);
		expect(csv).toBe('\uFEFFHọ tên,Nội dung\r\n\'=1+1,"a,""b"""\r\n');
		expect(parseCsv(csv)).toEqual([
			['Họ tên', 'Nội dung'],
			["'=1+1", 'a,"b"']
		]);
	});
	it('the statistics table and template writers neutralise too', () => {
		expect(rowsToCsv(['Đơn vị'], [['=cmd|" /C calc"!A0']])).toBe(
			'\uFEFFĐơn vị\r\n"\'=cmd|"" /C calc""!A0"\r\n'
		);
		const csv = tableToCsv({
			id: 'don-vi',
			caption: 'x',
			columns: [
				{ key: 'u', label: 'Đơn vị', numeric: false },
				{ key: 'r', label: 'Tỷ lệ', numeric: true }
			],
			rows: [{ u: { t: 'text', v: '@evil' }, r: { t: 'pct', v: -325 } }]
		});
		expect(csv).toBe('\uFEFFĐơn vị,Tỷ lệ\r\n\'@evil,"-3,25"\r\n');
	});
});
