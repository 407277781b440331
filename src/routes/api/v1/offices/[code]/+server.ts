/** GET /api/v1/offices/{code} — one receiving office. */
import * as S from '$lib/api/schemas';
import { ApiProblem, handle, sendJson } from '$lib/api/server/http';
import { office, officeOut } from '$lib/api/server/public';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = handle(async ({ request, params }) => {
	const o = /^[A-Za-z0-9_.-]{1,50}$/.test(params.code) ? await office(params.code) : null;
	if (!o) throw new ApiProblem(404, 'office_not_found');
	return sendJson(request, S.Office, officeOut(o), {
		cache: 'public, max-age=300, stale-while-revalidate=3600'
	});
});
