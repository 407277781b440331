/**
 * Staff accounts as administrators manage them (issue 13, part B): the forms' schemas, shared by
 * the pages and the server actions. Role names are not listed here: they come from the database
 * (staff_role_options), so a role added by a migration is offered without a code change. The
 * database checks again (RLS: the admin's own unit and the units below it; audit trigger).
 */
import { z } from 'zod';

const uuid = z.uuid('admin_staff_err_unit');
const roleName = z.string().regex(/^[a-z_]{1,40}$/, 'admin_staff_err_roles');

/** Checkbox groups post one value per checked box: FormData.getAll gives an array. */
const roles = z.array(roleName).min(1, 'admin_staff_err_roles').max(10, 'admin_staff_err_roles');

export const inviteSchema = z.object({
	email: z
		.string()
		.trim()
		.toLowerCase()
		.email('admin_staff_err_email')
		.max(254, 'admin_staff_err_email'),
	full_name: z.string().trim().min(2, 'admin_staff_err_name').max(200, 'admin_staff_err_name'),
	unit_id: uuid,
	roles
});

export const updateStaffSchema = z.object({
	user_id: z.uuid(),
	full_name: z.string().trim().min(2, 'admin_staff_err_name').max(200, 'admin_staff_err_name'),
	unit_id: uuid,
	roles
});

export const staffIdSchema = z.object({ user_id: z.uuid() });

/** Setting a password from an e-mailed code (invitation or reset). */
export const setPasswordSchema = z
	.object({
		email: z.string().trim().toLowerCase().email('admin_password_err_email'),
		kind: z.enum(['invite', 'recovery']),
		code: z
			.string()
			.trim()
			.regex(/^\d{6}$/, 'admin_password_err_code'),
		password: z.string().min(10, 'admin_password_err_length').max(72, 'admin_password_err_length'),
		password_again: z.string()
	})
	.refine((v) => v.password === v.password_again, {
		path: ['password_again'],
		message: 'admin_password_err_match'
	});

/** A form's fields as the schemas read them (roles: every checked box). */
export function staffForm(fd: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = Object.fromEntries(fd);
	out.roles = fd.getAll('roles').map(String);
	return out;
}

export interface StaffRow {
	user_id: string;
	unit_id: string;
	roles: string[];
	full_name: string;
	email: string | null;
	is_active: boolean;
}

export interface ManagedUnit {
	id: string;
	code: string;
	name: string;
	level: string;
	parent_id: string | null;
}
