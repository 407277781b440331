import { AREA_ROLES, hasAnyRole, MFA_OFFERED_ROLES, verifiedFactors } from '$lib/server/auth';
import { canReadDevMailbox } from '$lib/server/notifications';
import type { LayoutServerLoad } from './$types';

export interface StaffNavItem {
	href: string;
	/** Message key suffix, resolved to text in the layout (so the list stays serialisable). */
	label:
		| 'dashboard'
		| 'reception'
		| 'complaints'
		| 'procedures'
		| 'stats'
		| 'deliveries'
		| 'admin'
		| 'mailbox'
		| 'partners';
	readOnly?: boolean;
}

/** The signed-in staff member, their unit's name and the navigation their roles allow. */
export const load: LayoutServerLoad = async ({ locals }) => {
	const staff = locals.staff;
	if (!staff) return { staff: null, unitName: null, nav: [] as StaffNavItem[], canEnrolMfa: false };

	const { data: unit } = await locals.supabase
		.from('units')
		.select('name, short_name')
		.eq('id', staff.unit_id)
		.maybeSingle();

	const nav: StaffNavItem[] = [{ href: '/staff', label: 'dashboard' }];
	if (hasAnyRole(staff, AREA_ROLES.reception))
		nav.push({ href: '/staff/tiep-cong-dan', label: 'reception' });
	if (hasAnyRole(staff, AREA_ROLES.complaints))
		nav.push({ href: '/staff/khieu-nai', label: 'complaints' });
	if (hasAnyRole(staff, AREA_ROLES.procedures))
		nav.push({ href: '/staff/thu-tuc', label: 'procedures' });
	// Every officer may read the statistics; unit heads and admins also manage reports.
	nav.push({
		href: '/staff/thong-ke',
		label: 'stats',
		readOnly: !hasAnyRole(staff, AREA_ROLES.statistics)
	});
	if (hasAnyRole(staff, ['unit_head', 'admin']))
		nav.push({ href: '/staff/tin-nhan', label: 'deliveries' });
	if (hasAnyRole(staff, ['admin'])) nav.push({ href: '/staff/quan-tri', label: 'admin' });
	if (hasAnyRole(staff, ['admin'])) nav.push({ href: '/staff/doi-tac', label: 'partners' });
	if (canReadDevMailbox(staff)) nav.push({ href: '/staff/hop-thu', label: 'mailbox' });

	return {
		staff: {
			full_name: staff.full_name,
			email: staff.email,
			roles: staff.roles,
			unit_id: staff.unit_id
		},
		unitName:
			(unit?.short_name as string | undefined) ?? (unit?.name as string | undefined) ?? null,
		nav,
		/** Complaint officers may turn on two-step verification (required for heads and admins). */
		canEnrolMfa: hasAnyRole(staff, MFA_OFFERED_ROLES) && verifiedFactors(locals.user).length === 0
	};
};
