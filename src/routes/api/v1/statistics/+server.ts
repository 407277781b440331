/** GET /api/v1/statistics — the public statistics page's figures by province (JSON or CSV). */
import * as S from '$lib/api/schemas';
import { handle, parseQuery, sendCsv, sendJson, wantsCsv } from '$lib/api/server/http';
import { stats } from '$lib/api/server/public';
import type { RequestHandler } from './$types';

/** As the public page: figures change at most when a month is approved. */
const CACHE = 'public, max-age=300, s-maxage=3600, stale-while-revalidate=86400';

export const GET: RequestHandler = handle(async ({ request, url }) => {
	const { period } = parseQuery(url, S.statsQuery);
	const [y, mo] = period ? period.split('-').map(Number) : [];
	const data = await stats(y && mo ? { workYear: y, monthIndex: mo } : undefined);
	if (wantsCsv(request, url)) {
		const p = data.period;
		return sendCsv(
			request,
			Object.keys(S.StatsRow.shape),
			data.rows,
			p ? `thong-ke-${p.work_year}-${p.month_index}.csv` : 'thong-ke.csv',
			{ cache: CACHE }
		);
	}
	return sendJson(request, S.PublicStats, data, { cache: CACHE });
});
