/** GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the API's zod schemas. */
import { openApiDocument } from '$lib/api/openapi';
import { handle } from '$lib/api/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = handle(async ({ url }) => {
	return new Response(JSON.stringify(openApiDocument(url.origin), null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'public, max-age=300',
			'access-control-allow-origin': '*'
		}
	});
});
