/**
 * Deliveries of the unit's messages (issue 14): what was queued, sent, retried, given up — for
 * unit heads (their unit and the units under it) and admins, through public.list_deliveries
 * (recipient masked, no payload). A dead or closed message can be sent again by hand.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { hasAnyRole } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

const STATUSES = ['queued', 'sent', 'failed', 'dead'] as const;

export type Delivery = {
	id: number;
	created_at: string;
	channel: string;
	recipient: string;
	template: string;
	code: string | null;
	status: (typeof STATUSES)[number];
	attempts: number;
	last_error: string | null;
	sent_at: string | null;
	delivered_at: string | null;
	send_after: string;
	provider: string | null;
	unit_name: string | null;
	history: { attempt: number; at: string; outcome: string; error: string | null }[];
};

const CAN_SEE = ['unit_head', 'admin'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!hasAnyRole(locals.staff, CAN_SEE)) error(404, 'Not found');
	const status = url.searchParams.get('trang-thai');
	const filter = (STATUSES as readonly string[]).includes(status ?? '') ? status : null;
	const [list, dead] = await Promise.all([
		locals.supabase.rpc('list_deliveries', { p_status: filter, p_limit: 200 }),
		locals.supabase.rpc('list_deliveries', { p_status: 'dead', p_limit: 500 })
	]);
	if (list.error) error(500, list.error.message);
	return {
		deliveries: (list.data ?? []) as unknown as Delivery[],
		deadCount: ((dead.data ?? []) as unknown[]).length,
		status: filter
	};
};

export const actions: Actions = {
	resend: async ({ locals, request, url }) => {
		if (!hasAnyRole(locals.staff, CAN_SEE)) error(404, 'Not found');
		const id = Number((await request.formData()).get('id'));
		if (!Number.isSafeInteger(id) || id <= 0) return fail(400, { resendFailed: true });
		const { error: e } = await locals.supabase.rpc('resend_notification', { p_id: id });
		if (e) return fail(400, { resendFailed: true });
		redirect(
			303,
			`${localizeHref('/staff/tin-nhan')}?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), 'gui-lai': String(id) })}`
		);
	}
};
