import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { AREA_ROLES, hasAnyRole, type StaffMember } from '$lib/server/auth';

/** One-stop area: procedure officers, unit heads and admins (RLS narrows to their units). */
export const load: LayoutServerLoad = async ({ locals }) => {
	const staff = locals.staff as StaffMember | null;
	if (!hasAnyRole(staff, AREA_ROLES.procedures)) {
		error(403, { message: 'not_allowed' });
	}
	// Admins also edit the catalogue (./danh-muc); the link is a convenience, not the guard.
	return { isCatalogueAdmin: hasAnyRole(staff, ['admin']) };
};
