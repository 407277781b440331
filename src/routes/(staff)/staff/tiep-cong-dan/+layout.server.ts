import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { AREA_ROLES, hasAnyRole, type StaffMember } from '$lib/server/auth';

/** Reception desk: reception staff, unit heads and admins (the SQL functions check the unit). */
export const load: LayoutServerLoad = async ({ locals }) => {
	if (!hasAnyRole(locals.staff as StaffMember | null, AREA_ROLES.reception)) {
		error(403, { message: 'not_allowed' });
	}
	return {};
};
