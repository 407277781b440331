/**
 * GET /api/v1/tracking — status and timeline of a complaint, booking or application. The code and
 * secret travel in headers (X-Tracking-Code, X-Tracking-Secret), never in the address, where
 * proxies and logs would keep them; a secret in the query string is refused.
 */
import * as S from '$lib/api/schemas';
import { ApiProblem, handle, sendJson } from '$lib/api/server/http';
import { track } from '$lib/api/server/tracking';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = handle(async ({ request, url, getClientAddress }) => {
	if (url.searchParams.has('secret') || url.searchParams.has('mk'))
		throw new ApiProblem(400, 'tracking_credentials_required');
	const data = await track(
		request.headers.get('x-tracking-code'),
		request.headers.get('x-tracking-secret'),
		getClientAddress()
	);
	return sendJson(request, S.Tracking, data, {
		headers: { vary: 'X-Tracking-Code, X-Tracking-Secret' }
	});
});
