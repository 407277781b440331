/** CSV / XLSX of any table the statistics page shows (same definitions as the page: $lib/stats/tables). */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { loadStats, visibleUnits } from '$lib/stats/server/load';
import { readParams, requireStaff } from '$lib/stats/server/params';
import {
	activityTable,
	breakdownTable,
	rankingTable,
	seriesTable,
	unitsTable,
	TABLE_IDS,
	type Cell,
	type TableSpec
} from '$lib/stats/tables';
import { tableToCsv } from '$lib/stats/csv';
import { buildXlsx, type XlsxCell } from '$lib/stats/server/xlsx';
import { periodToParam } from '$lib/stats/periods';

function xlsxCell(c: Cell | undefined): XlsxCell {
	if (!c) return null;
	switch (c.t) {
		case 'text':
			return c.v;
		case 'int':
		case 'money':
			return { int: c.v };
		case 'pct':
			return { pct: c.v };
		case 'empty':
			return null;
	}
}

export const GET: RequestHandler = async (event) => {
	const staff = requireStaff(event);
	const id = event.url.searchParams.get('bang') as (typeof TABLE_IDS)[number];
	const format = event.url.searchParams.get('dinh-dang') === 'xlsx' ? 'xlsx' : 'csv';
	if (!TABLE_IDS.includes(id)) error(400, 'bang');
	const params = readParams(event.url, staff.unit_id);
	if (!params.resolved) error(400, params.periodError ?? 'period_invalid');
	const units = await visibleUnits(event.locals.supabase, staff);
	const unit = units.find((u) => u.id === params.unitId);
	if (!unit) error(403, 'not_allowed');
	const stats = await loadStats(event.locals.supabase, unit.id, params.resolved, {
		activity: id === 'hoat-dong',
		series: id === 'tien-do'
	});
	const total = stats.units.find((u) => u.kind === 'total')!;
	const table: TableSpec =
		id === 'don-vi'
			? unitsTable(stats.units)
			: id === 'xep-hang'
				? rankingTable(stats.units)
				: id === 'tien-do'
					? seriesTable(stats.series, params.resolved.workYear)
					: id === 'nhom-an'
						? breakdownTable(total)
						: activityTable(stats.activity);
	const name = `thong-ke_${unit.code}_${periodToParam(params.period)}_${id}`;
	const headers = { 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' };
	if (format === 'csv') {
		return new Response(tableToCsv(table), {
			headers: {
				...headers,
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${name}.csv"`
			}
		});
	}
	const body = buildXlsx(
		id,
		table.columns.map((c) => c.label),
		table.rows.map((r) => table.columns.map((c) => xlsxCell(r[c.key])))
	);
	return new Response(body as unknown as BodyInit, {
		headers: {
			...headers,
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${name}.xlsx"`
		}
	});
};
