import { vnYearMonth } from '$lib/vn-time';
/** Import template (CSV or XLSX): the header row plus one example row for the user's unit. */
import type { RequestHandler } from './$types';
import { rowsToCsv } from '$lib/stats/csv';
import { buildXlsx } from '$lib/stats/server/xlsx';
import { templateRows } from '$lib/stats/schema';
import { requireStaff } from '$lib/stats/server/params';

export const GET: RequestHandler = async (event) => {
	const staff = requireStaff(event);
	const { data: unit } = await event.locals.supabase
		.from('units')
		.select('code')
		.eq('id', staff.unit_id)
		.single();
	const now = vnYearMonth();
	const last = new Date(Date.UTC(now.year, now.month - 2, 1));
	const month = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
	const [header, example] = templateRows(String(unit?.code ?? 'MA-DON-VI'), month);
	if (event.url.searchParams.get('dinh-dang') === 'xlsx') {
		const body = buildXlsx('mau', header, [
			example.map((v, i) => (i < 2 ? v : { int: BigInt(v) }))
		]);
		return new Response(body as unknown as BodyInit, {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': 'attachment; filename="mau-so-lieu-thi-hanh-an.xlsx"'
			}
		});
	}
	return new Response(rowsToCsv(header, [example]), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="mau-so-lieu-thi-hanh-an.csv"'
		}
	});
};
