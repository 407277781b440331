import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import { latenessByCode } from '$lib/procedures/server/apology';
import { recallSecret } from '$lib/procedures/server/secret-cookie';
import { codeSchema } from '$lib/procedures/schema';

/** The printable apology slip (phiếu xin lỗi và hẹn lại ngày trả kết quả); needs the secret cookie. */
export const load: PageServerLoad = async ({ params, cookies, setHeaders }) => {
	const code = codeSchema.safeParse(params.code);
	if (!code.success) error(404, { message: 'tracking_not_found' });
	const secret = recallSecret(cookies, code.data);
	if (!secret) redirect(303, localizeHref(`/thu-tuc/ho-so?ma=${code.data}`));
	const lateness = await latenessByCode(code.data, secret);
	if (!lateness) redirect(303, localizeHref(`/thu-tuc/ho-so?ma=${code.data}`));
	setHeaders({ 'Cache-Control': 'private, no-store' });
	return { lateness };
};
