// The XLSX reader (src/lib/stats/server/xlsx.ts): files saved by LibreOffice read back as their
// cells, and a zip bomb is refused before it can fill the server's memory (issue 17, part 8).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { parseCsv } from '../../src/lib/stats/csv';
import {
	crc32,
	readXlsx,
	unzip,
	UNZIP_LIMITS,
	XlsxRefused,
	zipEntries
} from '../../src/lib/stats/server/xlsx';

const fixture = (name: string) =>
	new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

/** A ZIP of deflated entries; `declare` overrides the unpacked size the headers state. */
const zipDeflated = (files: { name: string; data: Uint8Array; declare?: number }[]) =>
	zipEntries(
		files.map((f) => ({
			name: f.name,
			method: 8,
			packed: deflateRawSync(f.data, { level: 9 }),
			crc: crc32(f.data),
			size: f.declare ?? f.data.length
		}))
	);

const refusal = (f: () => unknown) => {
	try {
		f();
	} catch (e) {
		return e;
	}
	throw new Error('not refused');
};

describe('files saved by LibreOffice Calc', () => {
	it('reads the statistics template back cell for cell', () => {
		const csv = parseCsv(
			readFileSync(new URL('./fixtures/stats-libreoffice.csv', import.meta.url), 'utf8')
		);
		const rows = readXlsx(fixture('stats-libreoffice.xlsx'));
		expect(rows).toEqual(csv);
		expect(rows[1]!.slice(0, 4)).toEqual(['GL-KV1', '2023-12', '8334', '3495']);
	});

	it('reads Vietnamese text, a quoted comma and a formula’s cached value', () => {
		expect(readXlsx(fixture('formula-libreoffice.xlsx'))).toEqual([
			['Đơn vị', 'Ghi chú', 'Số việc'],
			['GL-KV1', 'Thi hành án dân sự tỉnh Gia Lai, khu vực 1', '7'],
			['HN-KV1', 'Tiếng Việt có dấu: ỗ ữ ặ', '12']
		]);
	});
});

describe('zip bombs', () => {
	const zeros = (n: number) => new Uint8Array(n);

	it('refuses an entry that unpacks beyond the limit, as its directory says', () => {
		const bomb = zipDeflated([
			{ name: 'xl/worksheets/sheet1.xml', data: zeros(UNZIP_LIMITS.maxEntryBytes + 1) }
		]);
		expect(bomb.length).toBeLessThan(64 * 1024);
		const e = refusal(() => readXlsx(bomb));
		expect(e).toBeInstanceOf(XlsxRefused);
		expect((e as XlsxRefused).reason).toBe('stats_v_file_unpacked_too_large');
	});

	it('stops inflating at the limit when the directory lies about the size', () => {
		const liar = zipDeflated([
			{
				name: 'xl/worksheets/sheet1.xml',
				data: zeros(UNZIP_LIMITS.maxEntryBytes + 1),
				declare: 100
			}
		]);
		// Capped at the remaining room, not at the declared 100 bytes: the inflater stops there.
		expect(refusal(() => unzip(liar))).toBeInstanceOf(XlsxRefused);
	});

	it('refuses many entries that together unpack beyond the total', () => {
		const n = Math.ceil(UNZIP_LIMITS.maxTotalBytes / (8 * 1024 * 1024)) + 1;
		const files = Array.from({ length: n }, (_, i) => ({
			name: `xl/media/image${i}.bin`,
			data: zeros(8 * 1024 * 1024)
		}));
		expect(refusal(() => unzip(zipDeflated(files)))).toBeInstanceOf(XlsxRefused);
	});

	it('refuses a file of too many entries before unpacking any', () => {
		const files = Array.from({ length: UNZIP_LIMITS.maxEntries + 1 }, (_, i) => ({
			name: `x${i}`,
			data: zeros(1)
		}));
		expect(refusal(() => unzip(zipDeflated(files)))).toBeInstanceOf(XlsxRefused);
	});

	it('refuses an entry packed far beyond what XML packs into', () => {
		const dense = zipDeflated([{ name: 'xl/worksheets/sheet1.xml', data: zeros(4 * 1024 * 1024) }]);
		expect(refusal(() => unzip(dense))).toBeInstanceOf(XlsxRefused);
	});

	it('still reads a normal deflated entry (the limits are not too tight)', () => {
		const xml = new TextEncoder().encode(
			'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Xin chào</t></is></c></row></sheetData></worksheet>'
		);
		expect(readXlsx(zipDeflated([{ name: 'xl/worksheets/sheet1.xml', data: xml }]))).toEqual([
			['Xin chào']
		]);
	});
});
