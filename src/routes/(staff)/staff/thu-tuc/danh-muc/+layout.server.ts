import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { hasAnyRole, type StaffMember } from '$lib/server/auth';
import { mayApprove } from '$lib/procedures/server/catalogue-admin';

/**
 * Catalogue administration: admins edit (makers); admins and heads of Cục/tỉnh units approve
 * (checkers). This guard only spares others a page they cannot use; the rules themselves are in
 * SQL (submit/approve/return_procedure_version()).
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	const staff = locals.staff as StaffMember | null;
	const editor = hasAnyRole(staff, ['admin']);
	const approver = editor || (await mayApprove(locals.supabase, staff));
	if (!approver) error(403, { message: 'not_allowed' });
	return { catalogueRole: { editor, approver, userId: staff!.user_id } };
};
