import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { hasAnyRole, type StaffMember } from '$lib/server/auth';

/**
 * Catalogue administration: admins only. This guard only spares others a page they cannot use;
 * the rule itself is in SQL (publish_procedure_version() checks the admin role).
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	if (!hasAnyRole(locals.staff as StaffMember | null, ['admin'])) {
		error(403, { message: 'not_allowed' });
	}
	return {};
};
