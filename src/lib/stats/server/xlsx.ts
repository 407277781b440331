/**
 * A minimal XLSX (OOXML SpreadsheetML) writer and reader, server-only, no dependency.
 *
 * Writer: one sheet, inline strings, three styles (bold header, integer with thousands separator,
 * percent with two decimals), in a ZIP of *stored* (uncompressed) entries — every spreadsheet
 * program reads those, and our files are small. Integers are written from their decimal text, so a
 * bigint amount is exact in the file (Excel itself keeps 15 significant digits: 999.999 tỷ đồng).
 *
 * Reader: enough of a ZIP reader (stored and deflate entries via node:zlib) and of SpreadsheetML
 * (shared and inline strings, numbers) to import the template back. Formulas are read as their
 * cached values. The reader is bounded (UNZIP_LIMITS): a 2 MB upload may not unpack into more
 * entries or bytes than any real spreadsheet of 5,000 rows holds, so a zip bomb is refused with
 * XlsxRefused before it can fill the server's memory.
 */
import { inflateRawSync } from 'node:zlib';

export type XlsxCell = string | { int: bigint } | { pct: number | null } | null;

// ------------------------------------------------------------------------------------------------
// ZIP (stored)
// ------------------------------------------------------------------------------------------------
const CRC_TABLE = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();

export function crc32(buf: Uint8Array): number {
	let c = 0xffffffff;
	for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function zipStored(files: { name: string; data: Uint8Array }[]): Uint8Array {
	return zipEntries(
		files.map((f) => ({
			name: f.name,
			method: 0 as const,
			packed: f.data,
			crc: crc32(f.data),
			size: f.data.length
		}))
	);
}

/** One ZIP entry as written: `packed` is the data as stored (method 0) or deflated (8). */
export interface ZipEntry {
	name: string;
	method: 0 | 8;
	packed: Uint8Array;
	crc: number;
	/** Unpacked size, as the headers state it. */
	size: number;
}

/** A ZIP of ready entries (the tests build deflated ones, zip bombs among them, with it). */
export function zipEntries(entries: ZipEntry[]): Uint8Array {
	const enc = new TextEncoder();
	const chunks: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	// DOS date/time: 1 January 2026, 00:00 (fixed, so the same table gives the same file).
	const dosTime = 0;
	const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;
	for (const f of entries) {
		const name = enc.encode(f.name);
		const local = new DataView(new ArrayBuffer(30));
		local.setUint32(0, 0x04034b50, true);
		local.setUint16(4, 20, true);
		local.setUint16(6, 0x0800, true); // UTF-8 names
		local.setUint16(8, f.method, true);
		local.setUint16(10, dosTime, true);
		local.setUint16(12, dosDate, true);
		local.setUint32(14, f.crc, true);
		local.setUint32(18, f.packed.length, true);
		local.setUint32(22, f.size, true);
		local.setUint16(26, name.length, true);
		local.setUint16(28, 0, true);
		chunks.push(new Uint8Array(local.buffer), name, f.packed);
		const cd = new DataView(new ArrayBuffer(46));
		cd.setUint32(0, 0x02014b50, true);
		cd.setUint16(4, 20, true);
		cd.setUint16(6, 20, true);
		cd.setUint16(8, 0x0800, true);
		cd.setUint16(10, f.method, true);
		cd.setUint16(12, dosTime, true);
		cd.setUint16(14, dosDate, true);
		cd.setUint32(16, f.crc, true);
		cd.setUint32(20, f.packed.length, true);
		cd.setUint32(24, f.size, true);
		cd.setUint16(28, name.length, true);
		cd.setUint32(42, offset, true);
		central.push(new Uint8Array(cd.buffer), name);
		offset += 30 + name.length + f.packed.length;
	}
	const cdSize = central.reduce((s, c) => s + c.length, 0);
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, entries.length, true);
	end.setUint16(10, entries.length, true);
	end.setUint32(12, cdSize, true);
	end.setUint32(16, offset, true);
	const all = [...chunks, ...central, new Uint8Array(end.buffer)];
	const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0));
	let p = 0;
	for (const c of all) {
		out.set(c, p);
		p += c.length;
	}
	return out;
}

/**
 * How much a ZIP may unpack into. A 5,000-row statistics sheet saved by LibreOffice or Excel is
 * about a dozen entries and a few MB of XML, compressed 5–20 times; a zip bomb is thousands of
 * entries or one entry compressed a thousand times.
 */
export const UNZIP_LIMITS = {
	maxEntries: 100,
	/** Bytes one entry may unpack into. */
	maxEntryBytes: 16 * 1024 * 1024,
	/** Bytes all entries together may unpack into. */
	maxTotalBytes: 32 * 1024 * 1024,
	/** Unpacked / packed, checked for entries above 1 MB (small XML legitimately packs well). */
	maxRatio: 100
};

/** A spreadsheet refused for its size once unpacked: `reason` is the message key shown. */
export class XlsxRefused extends Error {
	readonly reason = 'stats_v_file_unpacked_too_large';
	constructor(detail: string) {
		super(`xlsx refused: ${detail}`);
	}
}

/** Read every entry of a ZIP (stored or deflated), within UNZIP_LIMITS. Throws on anything else. */
export function unzip(buf: Uint8Array, limits = UNZIP_LIMITS): Map<string, Uint8Array> {
	const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
	let eocd = -1;
	for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
		if (dv.getUint32(i, true) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new Error('not a zip file');
	const count = dv.getUint16(eocd + 10, true);
	if (count > limits.maxEntries) throw new XlsxRefused(`${count} entries`);
	let p = dv.getUint32(eocd + 16, true);
	const dec = new TextDecoder();
	const out = new Map<string, Uint8Array>();
	let total = 0;
	for (let i = 0; i < count; i++) {
		if (dv.getUint32(p, true) !== 0x02014b50) throw new Error('bad zip directory');
		const method = dv.getUint16(p + 10, true);
		const csize = dv.getUint32(p + 20, true);
		const usize = dv.getUint32(p + 24, true);
		const nlen = dv.getUint16(p + 28, true);
		const xlen = dv.getUint16(p + 30, true);
		const clen = dv.getUint16(p + 32, true);
		const local = dv.getUint32(p + 42, true);
		const name = dec.decode(buf.subarray(p + 46, p + 46 + nlen));
		const lnlen = dv.getUint16(local + 26, true);
		const lxlen = dv.getUint16(local + 28, true);
		const start = local + 30 + lnlen + lxlen;
		const raw = buf.subarray(start, start + csize);
		// What the directory declares is checked first; the inflater is then capped, since a
		// forged directory may declare less than the data unpacks into.
		const room = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total);
		if (usize > room) throw new XlsxRefused(`${name} declares ${usize} bytes`);
		let data: Uint8Array;
		if (method === 0) data = raw;
		else if (method === 8) {
			try {
				data = new Uint8Array(inflateRawSync(raw, { maxOutputLength: Math.max(1, room) }));
			} catch (e) {
				if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
					throw new XlsxRefused(`${name} unpacks into more than ${room} bytes`);
				throw e;
			}
		} else throw new Error(`zip method ${method} not supported`);
		if (data.length !== usize) throw new Error(`${name}: size differs from the directory`);
		if (data.length > 1024 * 1024 && data.length > limits.maxRatio * Math.max(1, csize))
			throw new XlsxRefused(`${name} packed ${Math.round(data.length / csize)} times`);
		total += data.length;
		out.set(name, data);
		p += 46 + nlen + xlen + clen;
	}
	return out;
}

// ------------------------------------------------------------------------------------------------
// SpreadsheetML
// ------------------------------------------------------------------------------------------------
const esc = (s: string) =>
	s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		// eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters: drop them
		.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function colName(i: number): string {
	let s = '';
	i += 1;
	while (i > 0) {
		const r = (i - 1) % 26;
		s = String.fromCharCode(65 + r) + s;
		i = Math.floor((i - 1) / 26);
	}
	return s;
}

function pctDecimal(h: number): string {
	// hundredths of a percent → fraction text: 3721 → 0.3721 (exact, no float)
	const neg = h < 0;
	const a = Math.abs(h).toString().padStart(5, '0');
	return `${neg ? '-' : ''}${a.slice(0, -4)}.${a.slice(-4)}`;
}

/** Build an .xlsx with one sheet: a header row (bold) then the rows. */
export function buildXlsx(sheetName: string, header: string[], rows: XlsxCell[][]): Uint8Array {
	const enc = new TextEncoder();
	const xmlRow = (cells: XlsxCell[], r: number, headerRow: boolean) =>
		`<row r="${r}">` +
		cells
			.map((c, i) => {
				const ref = `${colName(i)}${r}`;
				if (c === null || c === undefined) return '';
				if (typeof c === 'string')
					return `<c r="${ref}" t="inlineStr"${headerRow ? ' s="1"' : ''}><is><t xml:space="preserve">${esc(c)}</t></is></c>`;
				if ('int' in c) return `<c r="${ref}" s="2"><v>${c.int.toString()}</v></c>`;
				if (c.pct === null) return '';
				return `<c r="${ref}" s="3"><v>${pctDecimal(c.pct)}</v></c>`;
			})
			.join('') +
		'</row>';
	const widths = header
		.map(
			(h, i) =>
				`<col min="${i + 1}" max="${i + 1}" width="${Math.min(60, Math.max(12, h.length + 2))}" customWidth="1"/>`
		)
		.join('');
	const sheet =
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
		`<cols>${widths}</cols><sheetData>` +
		xmlRow(header, 1, true) +
		rows.map((r, i) => xmlRow(r, i + 2, false)).join('') +
		`</sheetData></worksheet>`;
	const files = {
		'[Content_Types].xml':
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
		'_rels/.rels':
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml':
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="${esc(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels':
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		'xl/styles.xml':
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
			`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
			`<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
			`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
			`<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
			`<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
		'xl/worksheets/sheet1.xml': sheet
	};
	return zipStored(Object.entries(files).map(([name, s]) => ({ name, data: enc.encode(s) })));
}

const unesc = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(+d))
		.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&amp;/g, '&');

function colIndex(ref: string): number {
	const letters = ref.match(/^[A-Z]+/)?.[0] ?? 'A';
	let n = 0;
	for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
	return n - 1;
}

/** The first worksheet as rows of cell texts (numbers as written in the file, e.g. "6485"). */
export function readXlsx(buf: Uint8Array): string[][] {
	const files = unzip(buf);
	const dec = new TextDecoder();
	const shared: string[] = [];
	const sst = files.get('xl/sharedStrings.xml');
	if (sst) {
		for (const si of dec.decode(sst).match(/<si>[\s\S]*?<\/si>/g) ?? []) {
			shared.push(
				unesc(
					(si.match(/<t[^>]*>([\s\S]*?)<\/t>/g) ?? [])
						.map((t) => t.replace(/<[^>]+>/g, ''))
						.join('')
				)
			);
		}
	}
	const sheetName = [...files.keys()]
		.filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))
		.sort()[0];
	if (!sheetName) throw new Error('no worksheet');
	const xml = dec.decode(files.get(sheetName)!);
	const rows: string[][] = [];
	for (const rowXml of xml.match(/<row[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g) ?? []) {
		const rn = Number(rowXml.match(/\br="(\d+)"/)?.[1] ?? rows.length + 1);
		const row: string[] = [];
		for (const c of rowXml.match(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g) ?? []) {
			const ref = c.match(/\br="([A-Z]+)\d+"/)?.[1] ?? colName(row.length);
			const type = c.match(/\bt="(\w+)"/)?.[1];
			let v: string;
			if (type === 'inlineStr')
				v = unesc(
					(c.match(/<t[^>]*>([\s\S]*?)<\/t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('')
				);
			else {
				const raw = c.match(/<v>([\s\S]*?)<\/v>/)?.[1] ?? '';
				v = type === 's' ? (shared[Number(raw)] ?? '') : unesc(raw);
			}
			row[colIndex(ref)] = v;
		}
		rows[rn - 1] = Array.from(row, (x) => x ?? '');
	}
	return Array.from(rows, (r) => r ?? []).filter((r) => r.some((c) => c.trim() !== ''));
}
