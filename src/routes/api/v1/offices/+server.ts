/** GET /api/v1/offices — receiving offices with reception hours; nearest first given lat and lng. */
import * as S from '$lib/api/schemas';
import { handle, parseQuery, sendCsv, sendJson, wantsCsv } from '$lib/api/server/http';
import { offices } from '$lib/api/server/public';
import type { RequestHandler } from './$types';

const CACHE = 'public, max-age=300, stale-while-revalidate=3600';

export const GET: RequestHandler = handle(async ({ request, url }) => {
	const { lat, lng } = parseQuery(url, S.officeQuery);
	const items = await offices(lat !== undefined && lng !== undefined ? { lat, lng } : undefined);
	if (wantsCsv(request, url)) {
		const columns = Object.keys(S.Office.shape).filter(
			(c) => c !== 'distance_km' || lat !== undefined
		);
		return sendCsv(request, columns, items, 'co-quan.csv', { cache: CACHE });
	}
	return sendJson(request, S.OfficeList, { items, total: items.length }, { cache: CACHE });
});
