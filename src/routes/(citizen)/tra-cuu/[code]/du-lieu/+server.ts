import { error, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { normaliseCode } from '$lib/tracking';
import { secretFor } from '$lib/tracking/server';
import { myDataByCode } from '$lib/privacy/server';
import type { RequestHandler } from './$types';

/**
 * GET /tra-cuu/[code]/du-lieu — "download what we hold about you" (Luật BVDLCN 91/2025/QH15):
 * the file's personal data, the events the citizen may see, the attachments list, who opened
 * the file, the consent and the retention rule, as a JSON file. Needs the secret cookie set by
 * /tra-cuu (same as the tracking page); get_my_data_by_code checks code + secret and counts
 * wrong secrets like every code lookup.
 */
export const GET: RequestHandler = async ({ params, cookies }) => {
	const code = normaliseCode(params.code);
	if (!code) error(404, 'tracking_not_found');
	const secret = secretFor(cookies, code);
	if (!secret) redirect(303, localizeHref(`/tra-cuu?ma=${encodeURIComponent(code)}`));
	const data = await myDataByCode(code, secret);
	if (!data) error(404, 'tracking_not_found');
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="du-lieu-ca-nhan-${code}.json"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
