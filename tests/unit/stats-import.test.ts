import { describe, expect, it } from 'vitest';
import {
	IMPORT_COLUMNS,
	templateRows,
	validateImport,
	type ImportContext
} from '../../src/lib/stats/schema';
import { parseCsv, rowsToCsv, tableToCsv } from '../../src/lib/stats/csv';
import { buildXlsx, readXlsx, unzip, crc32 } from '../../src/lib/stats/server/xlsx';

const GL = '00000000-0000-4000-a000-000000000021';
const HN = '00000000-0000-4000-a000-000000000011';
const ctx = (): ImportContext => ({
	units: new Map([
		['GL-KV1', GL],
		['HN-KV1', HN]
	]),
	allowedUnitIds: new Set([GL]),
	approved: new Set([`${GL}:2026-09-01`]),
	currentMonth: '2026-11-01'
});

const [header, example] = templateRows('GL-KV1', '2023-12') as [string[], string[]];
const withRow = (patch: Record<string, string>) => {
	const r = [...example];
	for (const [h, v] of Object.entries(patch)) r[header.indexOf(h)] = v;
	return r;
};

describe('import validation (all or nothing, every problem listed)', () => {
	it('accepts the template example: the Gia Lai report of December 2023', () => {
		const { rows, problems } = validateImport([header, example], ctx());
		expect(problems).toEqual([]);
		expect(rows[0]).toMatchObject({
			unit_code: 'GL-KV1',
			month: '2023-12-01',
			unit_id: GL,
			figures: { cases_finished: 2413n, money_with_conditions: 1_277_040_781_000n }
		});
	});
	it('lists every problem of every row with row number, column and reason', () => {
		const table = [
			header,
			example,
			withRow({ viec_xong: 'abc', tien_xong: '-5' }), // row 3: wrong type, negative
			withRow({ ma_don_vi: 'XX-1' }), // row 4: unknown unit
			withRow({ ma_don_vi: 'HN-KV1' }), // row 5: not the user's unit
			withRow({}), // row 6: duplicate of row 2
			withRow({ thang: '2026-09' }), // row 7: month already approved
			withRow({ thang: '2024-13' }), // row 8: bad month
			withRow({ thang: '2027-01' }), // row 9: future
			withRow({ viec_xong: '7000' }), // row 10: finished > with conditions, outcomes do not add up
			withRow({ viec_chuyen_sang: '' }) // row 11: required missing
		];
		const { problems } = validateImport(table, ctx());
		const got = problems.map((p) => `${p.row}|${p.column}|${p.reason}`);
		expect(got).toEqual(
			expect.arrayContaining([
				'3|viec_xong|stats_v_integer',
				'3|tien_xong|stats_v_negative',
				'4|ma_don_vi|stats_v_unknown_unit',
				'5|ma_don_vi|stats_v_not_own_unit',
				'6|thang|stats_v_duplicate',
				'7|thang|stats_v_month_approved',
				'8|thang|stats_v_month',
				'9|thang|stats_v_month_future',
				'10|viec_xong|stats_check_finished_exceeds_with_conditions',
				'11|viec_chuyen_sang|stats_v_required'
			])
		);
		expect(problems.find((p) => p.reason === 'stats_v_duplicate')?.params).toEqual({ other: 2 });
		expect(problems.every((p) => p.severity === 'refuse')).toBe(true);
	});
	it('refuses a file without the required columns or without rows', () => {
		expect(validateImport([['ma_don_vi', 'thang']], ctx()).problems[0]?.reason).toBe(
			'stats_v_file_empty'
		);
		const { problems } = validateImport(
			[
				['ma_don_vi', 'thang'],
				['GL-KV1', '2023-12']
			],
			ctx()
		);
		expect(problems.map((p) => p.column)).toContain('viec_xong');
		expect(problems.every((p) => p.reason === 'stats_v_header')).toBe(true);
	});
	it('breakdown groups cannot exceed their totals', () => {
		const { problems } = validateImport(
			[header, withRow({ nsnn_viec_co_dieu_kien: '10', nsnn_viec_xong: '11' })],
			ctx()
		);
		expect(problems.map((p) => `${p.column}|${p.reason}`)).toEqual([
			'nsnn_viec_xong|stats_check_breakdown'
		]);
	});
});

describe('CSV', () => {
	it('round-trips the template, reads Excel’s semicolons, a BOM and quoted fields', () => {
		const csv = rowsToCsv(header, [example]);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(parseCsv(csv)).toEqual([header, example]);
		expect(parseCsv('\uFEFFa;b\r\n"x;1";"say ""hi"""\r\n\r\n')).toEqual([
			['a', 'b'],
			['x;1', 'say "hi"']
		]);
	});
	it('writes exact integers and percentages with a decimal comma', () => {
		const csv = tableToCsv({
			id: 'don-vi',
			caption: 'x',
			columns: [
				{ key: 'u', label: 'Đơn vị', numeric: false },
				{ key: 'm', label: 'Tiền', numeric: true },
				{ key: 'r', label: 'Tỷ lệ', numeric: true }
			],
			rows: [
				{
					u: { t: 'text', v: 'GL-KV1' },
					m: { t: 'money', v: 1_277_040_781_000n },
					r: { t: 'pct', v: 3721 }
				}
			]
		});
		expect(csv).toBe('\uFEFFĐơn vị,Tiền,Tỷ lệ\r\nGL-KV1,1277040781000,"37,21"\r\n');
	});
});

describe('XLSX writer and reader', () => {
	it('crc32 matches the standard check value', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
	});
	it('writes a valid OOXML package that reads back exactly', () => {
		const buf = buildXlsx('mẫu', header, [
			example.map((v, i) => (i < 2 ? v : { int: BigInt(v) })),
			['Tỷ lệ', { pct: 3721 }]
		]);
		const files = unzip(buf);
		expect([...files.keys()]).toEqual(
			expect.arrayContaining([
				'[Content_Types].xml',
				'xl/workbook.xml',
				'xl/worksheets/sheet1.xml',
				'xl/styles.xml'
			])
		);
		const rows = readXlsx(buf);
		expect(rows[0]).toEqual(header);
		expect(rows[1]).toEqual(example);
		expect(rows[2]).toEqual(['Tỷ lệ', '0.3721']);
		expect(validateImport(rows.slice(0, 2), ctx()).problems).toEqual([]);
	});
	it('has a column for every template header', () => {
		expect(new Set(IMPORT_COLUMNS.map((c) => c.header)).size).toBe(IMPORT_COLUMNS.length);
		// 2 keys, 18 main figures, 4 optional outcome columns (tạm đình chỉ, other), 12 breakdowns.
		expect(IMPORT_COLUMNS).toHaveLength(36);
	});
});
