/** Anything else under /api/v1: a 404 in the API's error shape, not the HTML error page. */
import { problem } from '$lib/api/server/http';
import type { RequestHandler } from './$types';

export const fallback: RequestHandler = ({ request }) => problem(request, 404, 'not_found');
