import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import * as applications from '$lib/procedures/server/applications';
import { recallSecret } from '$lib/procedures/server/secret-cookie';
import { codeSchema } from '$lib/procedures/schema';
import { createAnonClient } from '$lib/server/supabase';
import { smsSentTo } from '$lib/tracking/server/sms';

/** The Vietnam calendar day of a timestamp (received_at is stored in UTC). */
const vnDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);

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
	// The time limit in working days, counted on the holidays table as the due date was.
	const [days, smsTo] = await Promise.all([
		createAnonClient().rpc('working_days_between', {
			a: vnDay(application.received_at),
			b: application.due_date
		}),
		smsSentTo(application.code)
	]);
	return {
		application,
		secret,
		workingDays: typeof days.data === 'number' ? days.data : null,
		smsTo
	};
};
