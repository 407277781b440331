/**
 * The staff home (issue 18.9): the work waiting for this member, by role, from one SQL function
 * run under their own row-level security (public.staff_home_counts), plus today's next
 * appointments for the desk. The area links stay below (the layout's `nav`).
 */
import { hasAnyRole } from '$lib/server/auth';
import { desk, vnToday } from '$lib/reception/server/reception';
import type { PageServerLoad } from './$types';

export interface HomeCounts {
	today: string;
	complaints: { overdue: number; due_soon: number } | null;
	applications: { overdue: number; due_soon: number } | null;
	desk: { booked_today: number; not_arrived: number; waiting: number; done: number } | null;
	messages: { dead: number } | null;
}

/** How many upcoming appointments the home lists (the desk has the full day). */
const NEXT_SHOWN = 3;

export const load: PageServerLoad = async ({ locals }) => {
	const staff = locals.staff;
	if (!staff) return { counts: null, next: [], isLegal: false };
	const { data, error } = await locals.supabase.rpc('staff_home_counts');
	// The home must open even if a count fails: the links still work; the log says why.
	if (error) console.error('[staff-home] counts failed', error.code, error.message);
	const counts = error ? null : (data as unknown as HomeCounts);
	let next: { time: string | null; code: string | null; name: string }[] = [];
	if (counts?.desk && counts.desk.not_arrived > 0) {
		const rows = await desk.next(locals.supabase, staff.unit_id, vnToday(), NEXT_SHOWN);
		next = rows.map((b) => ({ time: b.starts_at, code: b.tracking_code, name: b.full_name }));
	}
	return { counts, next, isLegal: hasAnyRole(staff, ['legal_officer']) };
};
