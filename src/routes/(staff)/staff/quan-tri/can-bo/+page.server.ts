/**
 * Staff accounts (issue 13, part B): invite by e-mail with roles and unit, change roles and unit,
 * deactivate (sessions end at once) and reactivate, reset a password. The database decides who may
 * (an admin: its unit and the units below it) and audits every change; Auth calls (service role)
 * come only after the database said yes.
 */
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/stats/server/params';
import { createAuthClient, createServiceClient } from '$lib/server/supabase';
import {
	inviteSchema,
	staffForm,
	staffIdSchema,
	updateStaffSchema,
	type ManagedUnit,
	type StaffRow
} from '$lib/admin/staff';

/** Long enough to mean "until reactivated" (GoTrue takes a Go duration; the stand-in hours). */
const BAN_UNTIL_REACTIVATED = '876000h';

export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const sb = event.locals.supabase;
	const [units, roles] = await Promise.all([sb.rpc('managed_units'), sb.rpc('staff_role_options')]);
	if (units.error) throw units.error;
	if (roles.error) throw roles.error;
	const managed = (units.data ?? []) as ManagedUnit[];
	const ids = managed.map((u) => u.id);
	const { data, error } = ids.length
		? await sb
				.from('staff')
				.select('user_id, unit_id, roles, full_name, email, is_active')
				.in('unit_id', ids)
				.order('is_active', { ascending: false })
				.order('full_name')
		: { data: [], error: null };
	if (error) throw error;
	return {
		units: managed,
		roleOptions: ((roles.data ?? []) as unknown as string[]).map(String),
		members: (data ?? []) as StaffRow[],
		me: event.locals.staff?.user_id ?? null
	};
};

type Issue = { field: string; reason: string };
const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }): Issue[] =>
	e.issues.map((i) => ({ field: String(i.path[0] ?? ''), reason: i.message }));
const failWith = (status: number, key: string, values: Record<string, unknown>, errors: Issue[]) =>
	fail(status, { key, values: { ...values, password: undefined }, errors });

const dbReason = (e: { code?: string; message: string }) =>
	e.code === '23514'
		? 'admin_staff_err_roles'
		: e.message === 'cannot_deactivate_self' || e.message === 'cannot_demote_self'
			? `admin_staff_err_${e.message}`
			: e.code === '42501' || /row-level security/.test(e.message) || e.message === 'not_allowed'
				? 'admin_err_not_allowed'
				: 'admin_err_generic';

export const actions: Actions = {
	invite: async (event) => {
		requireStaff(event);
		const form = staffForm(await event.request.formData());
		const parsed = inviteSchema.safeParse(form);
		if (!parsed.success) return failWith(400, 'new', form, issues(parsed.error));
		const v = parsed.data;
		const sb = event.locals.supabase;
		const may = await sb.rpc('staff_can_manage_unit', { p_unit: v.unit_id });
		if (may.error || may.data !== true)
			return failWith(403, 'new', form, [{ field: 'unit_id', reason: 'admin_err_not_allowed' }]);
		const admin = createServiceClient().auth.admin;
		const invited = await admin.inviteUserByEmail(v.email, { data: { full_name: v.full_name } });
		if (invited.error || !invited.data.user) {
			const taken = invited.error?.code === 'email_exists' || invited.error?.status === 422;
			return failWith(taken ? 400 : 503, 'new', form, [
				taken
					? { field: 'email', reason: 'admin_staff_err_email_taken' }
					: { field: '', reason: 'admin_err_generic' }
			]);
		}
		const userId = invited.data.user.id;
		const { error } = await sb.from('staff').insert({
			user_id: userId,
			unit_id: v.unit_id,
			roles: v.roles,
			full_name: v.full_name,
			email: v.email
		});
		if (error) {
			// The database said no after all: do not leave an Auth user without a staff row.
			await admin.deleteUser(userId).catch(() => {});
			return failWith(400, 'new', form, [
				{ field: error.code === '23514' ? 'roles' : '', reason: dbReason(error) }
			]);
		}
		redirect(303, `${event.url.pathname}?da-moi=${encodeURIComponent(v.email)}#s-${userId}`);
	},

	update: async (event) => {
		requireStaff(event);
		const form = staffForm(await event.request.formData());
		const key = String(form.user_id ?? '');
		const parsed = updateStaffSchema.safeParse(form);
		if (!parsed.success) return failWith(400, key, form, issues(parsed.error));
		const v = parsed.data;
		const { data, error } = await event.locals.supabase
			.from('staff')
			.update({ full_name: v.full_name, unit_id: v.unit_id, roles: v.roles })
			.eq('user_id', v.user_id)
			.select('user_id');
		if (error || !data?.length)
			return failWith(error ? 400 : 403, key, form, [
				{
					field: error?.code === '23514' ? 'roles' : '',
					reason: error ? dbReason(error) : 'admin_err_not_allowed'
				}
			]);
		redirect(303, `${event.url.pathname}?da-luu=${v.user_id}#s-${v.user_id}`);
	},

	deactivate: async (event) => setActive(event, false),
	reactivate: async (event) => setActive(event, true),

	reset: async (event) => {
		requireStaff(event);
		const form = Object.fromEntries(await event.request.formData());
		const parsed = staffIdSchema.safeParse(form);
		if (!parsed.success) return failWith(400, '', form, issues(parsed.error));
		const key = parsed.data.user_id;
		const { data: email, error } = await event.locals.supabase.rpc('staff_request_password_reset', {
			p_user_id: key
		});
		if (error || !email)
			return failWith(403, key, form, [
				{ field: '', reason: error ? dbReason(error) : 'admin_err_generic' }
			]);
		const sent = await createAuthClient().resetPasswordForEmail(String(email));
		if (sent.error)
			return failWith(sent.error.status === 429 ? 429 : 503, key, form, [
				{
					field: '',
					reason: sent.error.status === 429 ? 'admin_staff_err_reset_wait' : 'admin_err_generic'
				}
			]);
		redirect(303, `${event.url.pathname}?da-gui=${key}#s-${key}`);
	}
};

async function setActive(event: Parameters<Actions[string]>[0], active: boolean) {
	requireStaff(event);
	const form = Object.fromEntries(await event.request.formData());
	const parsed = staffIdSchema.safeParse(form);
	if (!parsed.success) return failWith(400, '', form, issues(parsed.error));
	const key = parsed.data.user_id;
	const { data, error } = await event.locals.supabase
		.from('staff')
		.update({ is_active: active })
		.eq('user_id', key)
		.select('user_id');
	if (error || !data?.length)
		return failWith(error ? 400 : 403, key, form, [
			{ field: '', reason: error ? dbReason(error) : 'admin_err_not_allowed' }
		]);
	// Auth: a ban ends every session and refuses sign-in and token refresh; lifting it on reactivation.
	const { error: banError } = await createServiceClient().auth.admin.updateUserById(key, {
		ban_duration: active ? 'none' : BAN_UNTIL_REACTIVATED
	});
	if (banError) {
		// The database already refuses the member everything; report that Auth must be retried.
		console.error(
			`[staff] ban ${active ? 'lift' : 'set'} failed: ${banError.status} ${banError.code}`
		);
		return failWith(503, key, form, [{ field: '', reason: 'admin_staff_err_auth' }]);
	}
	redirect(303, `${event.url.pathname}?${active ? 'da-mo' : 'da-khoa'}=${key}#s-${key}`);
}
