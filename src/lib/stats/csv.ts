/**
 * CSV in and out. Output: UTF-8 with a BOM (so Excel shows Vietnamese correctly), comma-separated,
 * CRLF, RFC 4180 quoting; integers exact without separators, percentages as "37,21" (decimal comma,
 * quoted). Input: RFC 4180 with `,` or `;` as separator (Vietnamese Excel saves with `;`).
 */
import type { Cell, TableSpec } from './tables';

function quote(s: string): string {
	return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function cellCsv(c: Cell): string {
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
	const lines = [t.columns.map((c) => quote(c.label)).join(',')];
	for (const r of t.rows)
		lines.push(t.columns.map((c) => quote(cellCsv(r[c.key] ?? { t: 'empty' }))).join(','));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function rowsToCsv(header: string[], rows: string[][]): string {
	return '\uFEFF' + [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
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
