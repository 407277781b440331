import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { hasAnyRole, type StaffMember } from '$lib/server/auth';

/**
 * Reference data the agency maintains itself (issue 13, part B): administrators only. This guard
 * is a convenience; the database refuses every change from anyone else (RLS, functions).
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	const staff = locals.staff as StaffMember | null;
	if (!hasAnyRole(staff, ['admin'])) error(403, { message: 'not_allowed' });
	return {};
};
