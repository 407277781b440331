import { error } from '@sveltejs/kit';
import { AREA_ROLES, hasAnyRole } from '$lib/server/auth';
import * as queue from '$lib/complaints/staff/queue.server';
import type { PageServerLoad } from './$types';

/** One page of the queue, filtered, sorted and counted by the database. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const staff = locals.staff!;
	if (!hasAnyRole(staff, AREA_ROLES.complaints)) error(403, 'not_allowed');
	const filters = queue.filtersFrom(url.searchParams);
	const after = queue.cursorFrom(url.searchParams);
	const [page, staffRes] = await Promise.all([
		queue.list(locals.supabase, filters, after),
		locals.supabase.from('staff').select('user_id, full_name, roles')
	]);
	const officers = (staffRes.data ?? []).filter((s) =>
		(s.roles as string[]).some((r) => r === 'complaint_officer' || r === 'unit_head')
	);
	return {
		filters,
		paged: after !== null,
		today: page.today,
		counts: page.counts,
		rows: page.rows,
		next: page.next ? queue.cursorParam(page.next) : null,
		officers: officers.map((o) => ({ value: o.user_id as string, label: o.full_name as string }))
	};
};
