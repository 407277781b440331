/** GET /api/v1/procedures — the procedure catalogue (issue 19); `q` searches, `topic` filters. */
import * as S from '$lib/api/schemas';
import { handle, parseQuery, sendCsv, sendJson, wantsCsv } from '$lib/api/server/http';
import { procedureSummary, procedures } from '$lib/api/server/public';
import type { RequestHandler } from './$types';

/** The catalogue changes rarely; one minute keeps an admin's new version visible quickly. */
const CACHE = 'public, max-age=60, stale-while-revalidate=600';

export const GET: RequestHandler = handle(async ({ request, url }) => {
	const { q, topic } = parseQuery(url, S.procedureQuery);
	const items = (await procedures(q || undefined, topic)).map(procedureSummary);
	if (wantsCsv(request, url)) {
		const columns = Object.keys(S.ProcedureSummary.shape);
		return sendCsv(request, columns, items, 'thu-tuc.csv', { cache: CACHE });
	}
	return sendJson(
		request,
		S.ProcedureList,
		{ items, total: items.length, query: q || null },
		{ cache: CACHE }
	);
});
