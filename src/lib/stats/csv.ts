/**
 * CSV in and out — the one CSV writer of the portal (statistics, the reception record, the public
 * API). Output: UTF-8 with a BOM (so Excel shows Vietnamese correctly), comma-separated, CRLF,
 * RFC 4180 quoting; integers exact without separators, percentages as "37,21" (decimal comma,
 * quoted). Input: RFC 4180 with `,` or `;` as separator (Vietnamese Excel saves with `;`).
 */
import type { Cell, TableSpec } from './tables';

/** A number as a spreadsheet reads it ("-12", "37,21"): never a formula, so left as it is. */
const PLAIN_NUMBER = /^-?\d+([.,]\d+)?$/;

/**
 * One field. A text starting with = + - @ tab or CR would be run as a formula by Excel,
 * LibreOffice and WPS (CSV injection: a citizen types `=HYPERLINK(…)` into a form and an officer
 * opens the export), so it gets a leading apostrophe and is shown as text. Quoted when it holds a
 * quote, a separator (`,` or the `;` Vietnamese Excel uses) or a line break.
 */
export function csvField(value: unknown): string {
	if (value === null || value === undefined) return '';
	const s = Array.isArray(value) ? value.join(' ') : String(value);
	const safe = /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
	return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of fields (the first is the header) as a CSV file's text: BOM, CRLF, a final CRLF. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
	return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function cellCsv(c: Cell): string {
	switch (c.t) {
		case 'text':
			return c.v;
		case 'int':
		case 'money':
			return c.v.toString();
		case 'pct': {
			if (c.v === null) return '';
			const neg = c.v < 0;
			const a = Math.abs(c.v);
			return `${neg ? '-' : ''}${Math.floor(a / 100)},${String(a % 100).padStart(2, '0')}`;
		}
		case 'empty':
			return '';
	}
}

export function tableToCsv(t: TableSpec): string {
	return toCsv([
		t.columns.map((c) => c.label),
		...t.rows.map((r) => t.columns.map((c) => cellCsv(r[c.key] ?? { t: 'empty' })))
	]);
}

export function rowsToCsv(header: string[], rows: string[][]): string {
	return toCsv([header, ...rows]);
}

/** Parse CSV text into rows of strings (first row = header). */
export function parseCsv(input: string): string[][] {
	const textIn = input.replace(/^\uFEFF/, '');
	const firstLine = textIn.split(/\r?\n/, 1)[0] ?? '';
	const sep =
		(firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let inQuotes = false;
	for (let i = 0; i < textIn.length; i++) {
		const ch = textIn[i];
		if (inQuotes) {
			if (ch === '"') {
				if (textIn[i + 1] === '"') {
					field += '"';
					i++;
				} else inQuotes = false;
			} else field += ch;
		} else if (ch === '"') inQuotes = true;
		else if (ch === sep) {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && textIn[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((c) => c.trim() !== ''));
}
