import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import * as applications from '$lib/procedures/server/applications';
import { recallSecret } from '$lib/procedures/server/secret-cookie';
import { codeSchema } from '$lib/procedures/schema';

/** Giấy tiếp nhận hồ sơ và hẹn trả kết quả: code, secret, dates. Needs the secret cookie. */
export const load: PageServerLoad = async ({ params, cookies, setHeaders }) => {
	const code = codeSchema.safeParse(params.code);
	if (!code.success) error(404, { message: 'tracking_not_found' });
	const secret = recallSecret(cookies, code.data);
	if (!secret) redirect(303, localizeHref(`/thu-tuc/ho-so?ma=${code.data}`));
	const application = await applications.getByCode(code.data, secret);
	if (!application) redirect(303, localizeHref(`/thu-tuc/ho-so?ma=${code.data}`));
	// The page shows the secret: never cache it anywhere.
	setHeaders({ 'Cache-Control': 'no-store' });
	return { application, secret };
};
