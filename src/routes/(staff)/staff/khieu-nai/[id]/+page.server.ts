import { error, fail, type Action } from '@sveltejs/kit';
import { AREA_ROLES, hasAnyRole } from '$lib/server/auth';
import { Refusal, revealParties } from '$lib/complaints/server';
import * as staffFile from '$lib/complaints/staff/file.server';
import { STAFF_ACTIONS, type StaffActionName } from '$lib/complaints/staff/actions';
import { perform } from '$lib/complaints/staff/perform.server';
import { UploadError, store } from '$lib/uploads/server';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Everything about one file in one call; opening it is logged (the citizen sees unit and role). */
export const load: PageServerLoad = async ({ locals, params }) => {
	const staff = locals.staff!;
	if (!hasAnyRole(staff, AREA_ROLES.complaints)) error(403, 'not_allowed');
	if (!UUID.test(params.id)) error(404, 'complaint_not_found');
	const d = await staffFile.read(locals.supabase, params.id);
	// Another unit's file looks exactly like a missing one.
	if (!d) error(404, 'complaint_not_found');
	const c = d.complaint;
	const { people, units, ...rest } = d;
	const unit = units.find((u) => u.id === c.unit_id);
	return {
		...rest,
		me: staff.user_id,
		isHead: staff.roles.includes('unit_head') || staff.roles.includes('admin'),
		unitName: unit?.short_name ?? unit?.name ?? '',
		names: Object.fromEntries(people.map((p) => [p.user_id, p.full_name])),
		unitNames: Object.fromEntries(units.map((u) => [u.id, u.short_name ?? u.name])),
		assignedName: people.find((p) => p.user_id === c.assigned_to)?.full_name ?? '',
		forwardOptions: units
			.filter((u) => !u.valid_to && u.id !== c.unit_id)
			.map((u) => ({ value: u.id, label: u.name })),
		officerOptions: people
			.filter(
				(p) =>
					p.unit_id === c.unit_id &&
					p.roles.some((r) => r === 'complaint_officer' || r === 'unit_head')
			)
			.map((p) => ({ value: p.user_id, label: p.full_name })),
		// A head may keep any colleague of the file's unit out of it (conflict of interest).
		excludeOptions: people
			.filter(
				(p) =>
					p.unit_id === c.unit_id &&
					p.user_id !== staff.user_id &&
					!d.exclusions.some((e) => e.officer_id === p.user_id)
			)
			.map((p) => ({ value: p.user_id, label: p.full_name }))
	};
};

/** One form action per entry of the action table (parse with its schema, then its SQL function). */
const fromTable = Object.fromEntries(
	(Object.keys(STAFF_ACTIONS) as StaffActionName[])
		.filter((name) => name !== 'resolve')
		.map((name): [string, Action<{ id: string }>] => [
			name,
			async ({ locals, params, request }) =>
				perform(locals.supabase, name, params.id, await request.formData())
		])
);

export const actions: Actions = {
	...fromTable,
	/** Upload the decision (checked by content), then resolve with it in one SQL call. */
	resolve: async ({ locals, params, request }) => {
		const fd = await request.formData();
		const file = fd.get('decision');
		return perform(locals.supabase, 'resolve', params.id, fd, async () => {
			// The RLS-checked read proves this officer may see the file before anything is stored.
			const { data: c } = await locals.supabase
				.from('complaints')
				.select('id, unit_id')
				.eq('id', params.id)
				.maybeSingle();
			if (!c) throw new Refusal('complaint_not_found');
			if (!(file instanceof File) || file.size === 0) return { attachmentId: null };
			try {
				const stored = await store({
					file,
					ownerKind: 'complaint',
					ownerId: params.id,
					unitId: c.unit_id as string,
					uploadedBy: locals.staff!.user_id,
					maxFiles: 40
				});
				return { attachmentId: stored.id };
			} catch (e) {
				throw e instanceof UploadError ? new Refusal('upload') : e;
			}
		});
	},
	note: async ({ locals, params, request }) => {
		const fd = await request.formData();
		const body = String(fd.get('body') ?? '')
			.trim()
			.slice(0, 5000);
		if (!body) return fail(400, { action: 'note', error: 'reason_required', values: {} });
		const { error: e } = await locals.supabase
			.from('complaint_notes')
			.insert({ complaint_id: params.id, author_id: locals.staff!.user_id, body });
		return e
			? fail(400, { action: 'note', error: 'not_allowed', values: { body } })
			: { action: 'note', done: true };
	},
	/** Denouncer identity: only through the audited SQL function. */
	reveal: async ({ locals, params }) => {
		try {
			return {
				action: 'reveal',
				done: true,
				parties: await revealParties(locals.supabase, params.id)
			};
		} catch (e) {
			return fail(403, {
				action: 'reveal',
				error: e instanceof Refusal ? e.code : 'generic',
				values: {}
			});
		}
	}
};
