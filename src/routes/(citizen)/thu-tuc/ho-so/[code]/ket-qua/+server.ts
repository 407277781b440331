import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import * as applications from '$lib/procedures/server/applications';
import { signedUrl } from '$lib/procedures/server/files';
import { recallSecret } from '$lib/procedures/server/secret-cookie';
import { codeSchema } from '$lib/procedures/schema';

/**
 * The result document: code + secret (cookie) checked by get_application_result_by_code(), then a
 * 5-minute signed URL. A link (GET), not a form: CSP form-action would refuse the cross-origin
 * redirect to Storage after a POST.
 */
export const GET: RequestHandler = async ({ params, cookies }) => {
	const code = codeSchema.safeParse(params.code);
	if (!code.success) error(404, { message: 'tracking_not_found' });
	const secret = recallSecret(cookies, code.data);
	if (!secret) redirect(303, localizeHref(`/thu-tuc/ho-so?ma=${code.data}`));
	const file = await applications.resultFile(code.data, secret);
	if (!file) error(404, { message: 'result_not_ready' });
	redirect(303, await signedUrl(file.bucket, file.path, file.file_name));
};
