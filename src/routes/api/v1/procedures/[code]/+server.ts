/** GET /api/v1/procedures/{code} — one procedure in its version in force. */
import * as S from '$lib/api/schemas';
import { ApiProblem, handle, sendJson } from '$lib/api/server/http';
import { procedure, procedureDetail } from '$lib/api/server/public';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = handle(async ({ request, params }) => {
	const p = params.code.length <= 100 ? await procedure(params.code) : null;
	if (!p) throw new ApiProblem(404, 'procedure_not_found');
	return sendJson(request, S.Procedure, procedureDetail(p), {
		cache: 'public, max-age=60, stale-while-revalidate=600'
	});
});
