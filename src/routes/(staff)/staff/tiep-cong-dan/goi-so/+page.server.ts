/**
 * "Gọi số" (issue 18.11): the waiting-room board of the desk's own unit — the number called last
 * and the numbers still waiting, numbers only (no name, phone or code: the screen faces the
 * public) — and the officer's "call next" action (audited by call_next_visitor).
 *
 * The page resets to the root layout (a second screen shows it full-size, without the staff
 * navigation), so the desk layout's role check does not run here: it is repeated below.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { AREA_ROLES, hasAnyRole } from '$lib/server/auth';
import { Refusal, desk, offices, vnToday } from '$lib/reception/server/reception';
import type { Actions, PageServerLoad } from './$types';

function requireDesk(staff: App.Locals['staff']) {
	if (!staff || !hasAnyRole(staff, AREA_ROLES.reception)) error(403, { message: 'not_allowed' });
	return staff;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const staff = requireDesk(locals.staff);
	const today = vnToday();
	const [office, board] = await Promise.all([
		offices.byId(locals.supabase, staff.unit_id),
		desk.board(locals.supabase, staff.unit_id, today)
	]);
	return {
		officeName: office?.short_name ?? office?.name ?? '',
		today,
		board,
		/** The waiting-room screen: no officer controls, refreshes itself (also without JS). */
		isScreen: url.searchParams.get('man-hinh') === '1'
	};
};

export const actions: Actions = {
	/** "Gọi số tiếp theo": the lowest waiting number not called yet. */
	call: async ({ locals }) => {
		requireDesk(locals.staff);
		try {
			const called = await desk.callNext(locals.supabase);
			// Post/redirect/get: a reload never calls a second person.
			redirect(303, `${localizeHref('/staff/tiep-cong-dan/goi-so')}?goi=${called.queue_no}`);
		} catch (e) {
			if (e instanceof Refusal) return fail(400, { error: e.code });
			throw e;
		}
	}
};
