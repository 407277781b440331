/**
 * GET /api/v1/offices/{code}/availability?day=YYYY-MM-DD — reception slots with places left, from
 * the same SQL function as the booking page (list_reception_slots: holidays, closures, horizon).
 */
import * as S from '$lib/api/schemas';
import { ApiProblem, handle, parseQuery, sendJson } from '$lib/api/server/http';
import { availability, office } from '$lib/api/server/public';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = handle(async ({ request, url, params }) => {
	const { day } = parseQuery(url, S.availabilityQuery);
	const o = /^[A-Za-z0-9_.-]{1,50}$/.test(params.code) ? await office(params.code) : null;
	if (!o) throw new ApiProblem(404, 'office_not_found');
	const slots = await availability(o, day);
	// Places change with every booking: a short shared cache, revalidated by ETag.
	return sendJson(
		request,
		S.Availability,
		{ office: o.code, day, slots },
		{ cache: 'public, max-age=30' }
	);
});
