import { vnYearMonth } from '$lib/vn-time';
/**
 * Import of monthly figures from CSV or XLSX: every row validated (zod + consistency rules); one bad
 * row refuses the whole file, with the list of every problem. Then one SQL call imports all rows as
 * drafts in a single transaction (the database checks units, rights and locks again).
 */
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseCsv } from '$lib/stats/csv';
import { readXlsx, XlsxRefused } from '$lib/stats/server/xlsx';
import { toSqlFigures, validateImport, type ImportProblem } from '$lib/stats/schema';
import { requireStaff } from '$lib/stats/server/params';

const MAX_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = requireStaff(event);
		const sb = event.locals.supabase;
		const file = (await event.request.formData()).get('file');
		const refuse = (problems: ImportProblem[]) => fail(400, { problems, imported: 0 });
		if (!(file instanceof File) || file.size === 0)
			return refuse([{ row: 0, column: '', reason: 'stats_v_file_empty', severity: 'refuse' }]);
		if (file.size > MAX_BYTES)
			return refuse([{ row: 0, column: '', reason: 'stats_v_file_too_large', severity: 'refuse' }]);
		const buf = new Uint8Array(await file.arrayBuffer());
		let table: string[][];
		const isZip = buf[0] === 0x50 && buf[1] === 0x4b;
		try {
			if (/\.xlsx$/i.test(file.name) || isZip) table = readXlsx(buf);
			else if (/\.csv$/i.test(file.name) || file.type.startsWith('text/'))
				table = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(buf));
			else return refuse([{ row: 0, column: '', reason: 'stats_v_file_type', severity: 'refuse' }]);
		} catch (e) {
			const reason = e instanceof XlsxRefused ? e.reason : 'stats_v_file_type';
			return refuse([{ row: 0, column: '', reason, severity: 'refuse' }]);
		}

		const [{ data: units }, { data: approved }] = await Promise.all([
			sb.from('units').select('id, code'),
			sb
				.from('enforcement_reports')
				.select('unit_id, month')
				.eq('status', 'approved')
				.eq('unit_id', staff.unit_id)
		]);
		const ym = vnYearMonth();
		const ctx = {
			units: new Map((units ?? []).map((u) => [String(u.code).toUpperCase(), String(u.id)])),
			allowedUnitIds: new Set(
				staff.roles.includes('admin') ? (units ?? []).map((u) => String(u.id)) : [staff.unit_id]
			),
			approved: new Set((approved ?? []).map((a) => `${a.unit_id}:${a.month}`)),
			currentMonth: `${ym.year}-${String(ym.month).padStart(2, '0')}-01`
		};
		const { rows, problems } = validateImport(table, ctx);
		if (problems.some((p) => p.severity === 'refuse')) return refuse(problems);
		const { data, error } = await sb.rpc('import_enforcement_reports', {
			p_rows: rows.map((r) => ({
				unit_code: r.unit_code,
				month: r.month,
				...toSqlFigures(r.figures)
			}))
		});
		if (error)
			return refuse([
				{ row: 0, column: '', reason: `stats_errors_${error.message}`, severity: 'refuse' }
			]);
		return { problems, imported: Number(data ?? rows.length) };
	}
};
