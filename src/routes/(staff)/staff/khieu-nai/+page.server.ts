import { error } from '@sveltejs/kit';
import { AREA_ROLES, hasAnyRole } from '$lib/server/auth';
import { vnToday } from '$lib/complaints/schema';
import { filerNames, queue, type QueueFilters } from '$lib/complaints/server';
import type { PageServerLoad } from './$types';

/** Soon = within 3 calendar days (the badge rule in status.ts). */
function plusDays(iso: string, n: number) {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const staff = locals.staff!;
	if (!hasAnyRole(staff, AREA_ROLES.complaints)) error(403, 'not_allowed');
	const p = url.searchParams;
	const filters: QueueFilters = {
		kind: p.get('loai') ?? '',
		status: p.get('trang_thai') ?? 'open',
		officer: p.get('can_bo') ?? '',
		due: (p.get('han') as QueueFilters['due']) ?? '',
		q: p.get('q') ?? ''
	};
	const today = vnToday();
	const [rows, unitsRes, staffRes] = await Promise.all([
		queue(locals.supabase, filters, staff.user_id, today, plusDays(today, 3)),
		locals.supabase.from('units').select('id, short_name, name'),
		locals.supabase.from('staff').select('user_id, full_name, roles, unit_id')
	]);
	const names = await filerNames(
		locals.supabase,
		rows.map((r) => r.id)
	);
	const units = new Map(
		(unitsRes.data ?? []).map((u) => [u.id as string, (u.short_name ?? u.name) as string])
	);
	const officers = (staffRes.data ?? []).filter((s) =>
		(s.roles as string[]).some((r) => r === 'complaint_officer' || r === 'unit_head')
	);
	const officerName = new Map(officers.map((o) => [o.user_id as string, o.full_name as string]));
	return {
		filters,
		today,
		rows: rows.map((r) => ({
			...r,
			filer: names.get(r.id) ?? null,
			unit: units.get(r.unit_id) ?? '',
			officer: r.assigned_to ? (officerName.get(r.assigned_to) ?? '') : null,
			due: r.status === 'received' ? r.accept_due : r.resolve_due
		})),
		officers: officers.map((o) => ({ value: o.user_id as string, label: o.full_name as string }))
	};
};
