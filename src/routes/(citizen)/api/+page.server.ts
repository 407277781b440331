/**
 * /api (Vietnamese) and /en/api (English): the readable reference of /api/v1, rendered from the
 * same OpenAPI document the API serves, so the page cannot say something the contract does not.
 */
import { getLocale } from '$lib/paraglide/runtime';
import { OPERATIONS, openApiDocument } from '$lib/api/openapi';
import { API_VERSION } from '$lib/api/version';
import type { PageServerLoad } from './$types';

interface Param {
	name: string;
	in: string;
	required: boolean;
	description?: string;
}

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	setHeaders({ 'cache-control': 'public, max-age=300' });
	const lang = getLocale() === 'en' ? 'en' : 'vi';
	const doc = openApiDocument(url.origin) as {
		paths: Record<
			string,
			Record<string, { parameters: Param[]; responses: Record<string, unknown> }>
		>;
	};
	return {
		version: API_VERSION,
		base: `${url.origin}/api/v1`,
		operations: OPERATIONS.map((op) => {
			const o = doc.paths[op.path]![op.method]!;
			return {
				id: op.id,
				method: op.method.toUpperCase(),
				path: op.path,
				summary: op.summary[lang],
				security: op.security,
				csv: Boolean(op.csv),
				parameters: o.parameters
					.filter((p) => p.name !== 'Accept-Language' && p.name !== 'If-None-Match')
					.map((p) => ({
						name: p.name,
						in: p.in,
						required: p.required,
						description: p.description ?? ''
					})),
				responses: Object.keys(o.responses)
			};
		})
	};
};
