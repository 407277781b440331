import { error, fail } from '@sveltejs/kit';
import { AREA_ROLES, hasAnyRole } from '$lib/server/auth';
import { vnToday } from '$lib/complaints/schema';
import { Refusal, act, detail, revealParties } from '$lib/complaints/server';
import { UploadError, store } from '$lib/uploads/server';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Everything about one file; opening it is logged (the citizen sees unit and role). */
export const load: PageServerLoad = async ({ locals, params }) => {
	const staff = locals.staff!;
	if (!hasAnyRole(staff, AREA_ROLES.complaints)) error(403, 'not_allowed');
	if (!UUID.test(params.id)) error(404, 'complaint_not_found');
	const d = await detail(locals.supabase, params.id);
	// Another unit's file looks exactly like a missing one.
	if (!d) error(404, 'complaint_not_found');
	const [unitsRes, staffRes, rulesRes] = await Promise.all([
		locals.supabase.from('units').select('id, name, short_name, parent_id, valid_to').order('name'),
		locals.supabase.from('staff').select('user_id, full_name, roles, unit_id'),
		// The rule versions this file is judged under (chosen by the date of its act).
		locals.supabase.rpc('complaint_rules', { p_id: params.id })
	]);
	const units = (unitsRes.data ?? []) as {
		id: string;
		name: string;
		short_name: string | null;
		parent_id: string | null;
		valid_to: string | null;
	}[];
	const people = (staffRes.data ?? []) as {
		user_id: string;
		full_name: string;
		roles: string[];
		unit_id: string;
	}[];
	const unitName = (id: string | null) =>
		units.find((u) => u.id === id)?.short_name ?? units.find((u) => u.id === id)?.name ?? '';
	const personName = (id: string | null) => people.find((p) => p.user_id === id)?.full_name ?? '';
	return {
		...d,
		today: vnToday(),
		rules: (rulesRes.data ?? []) as {
			purpose: string;
			length_days: number;
			day_unit: 'calendar' | 'working';
			law: string | null;
			article: string | null;
			is_checked: boolean;
			act_on: string;
		}[],
		me: staff.user_id,
		isHead: staff.roles.includes('unit_head') || staff.roles.includes('admin'),
		unitName: unitName(d.complaint.unit_id),
		names: Object.fromEntries(people.map((p) => [p.user_id, p.full_name])),
		unitNames: Object.fromEntries(units.map((u) => [u.id, u.short_name ?? u.name])),
		assignedName: personName(d.complaint.assigned_to),
		forwardOptions: units
			.filter((u) => !u.valid_to && u.id !== d.complaint.unit_id)
			.map((u) => ({ value: u.id, label: u.name })),
		officerOptions: people
			.filter(
				(p) =>
					p.unit_id === d.complaint.unit_id &&
					p.roles.some((r) => r === 'complaint_officer' || r === 'unit_head')
			)
			.map((p) => ({ value: p.user_id, label: p.full_name })),
		// A head may keep any colleague of the file's unit out of it (conflict of interest).
		excludeOptions: people
			.filter(
				(p) =>
					p.unit_id === d.complaint.unit_id &&
					p.user_id !== staff.user_id &&
					!d.exclusions.some((e) => e.officer_id === p.user_id)
			)
			.map((p) => ({ value: p.user_id, label: p.full_name }))
	};
};

const str = (fd: FormData, k: string) =>
	String(fd.get(k) ?? '')
		.trim()
		.slice(0, 5000);

/** Run one SQL transition; refusals come back as `{ action, error }` for the form to show. */
async function run(action: string, f: () => Promise<unknown>, values: Record<string, string> = {}) {
	try {
		await f();
		return { action, done: true };
	} catch (e) {
		const code = e instanceof Refusal ? e.code : e instanceof UploadError ? 'upload' : 'generic';
		return fail(code === 'not_allowed' ? 403 : 400, { action, error: code, values });
	}
}

export const actions: Actions = {
	classify: async ({ locals, params, request }) => {
		const fd = await request.formData();
		return run('classify', () =>
			act(locals.supabase, 'classify_complaint', {
				p_id: params.id,
				p_kind: str(fd, 'kind'),
				p_subject: str(fd, 'subject'),
				p_in_competence: fd.get('in_competence') === 'yes',
				p_note: str(fd, 'note') || null
			})
		);
	},
	accept: async ({ locals, params, request }) => {
		const fd = await request.formData();
		return run('accept', () =>
			act(locals.supabase, 'accept_complaint', { p_id: params.id, p_note: str(fd, 'note') || null })
		);
	},
	return: async ({ locals, params, request }) => {
		const fd = await request.formData();
		return run(
			'return',
			() =>
				act(locals.supabase, 'return_complaint', { p_id: params.id, p_reason: str(fd, 'reason') }),
			{ reason: str(fd, 'reason') }
		);
	},
	forward: async ({ locals, params, request }) => {
		const fd = await request.formData();
		const to = str(fd, 'to_unit');
		return run(
			'forward',
			() =>
				act(locals.supabase, 'forward_complaint', {
					p_id: params.id,
					p_to_unit: UUID.test(to) ? to : null,
					p_reason: str(fd, 'reason')
				}),
			{ reason: str(fd, 'reason') }
		);
	},
	guide: async ({ locals, params, request }) => {
		const fd = await request.formData();
		return run(
			'guide',
			() =>
				act(locals.supabase, 'guide_complaint', { p_id: params.id, p_guidance: str(fd, 'text') }),
			{ text: str(fd, 'text') }
		);
	},
	assign: async ({ locals, params, request }) => {
		const fd = await request.formData();
		const officer = str(fd, 'officer');
		return run('assign', () =>
			act(locals.supabase, 'assign_complaint', {
				p_id: params.id,
				p_officer: UUID.test(officer) ? officer : null
			})
		);
	},
	exclude: async ({ locals, params, request }) => {
		const fd = await request.formData();
		// Field names of their own: ids are derived from names, and the assign form has `officer`.
		const officer = str(fd, 'excluded_officer');
		const reason = str(fd, 'exclude_reason');
		return run(
			'exclude',
			() =>
				act(locals.supabase, 'exclude_complaint_officer', {
					p_id: params.id,
					p_officer: UUID.test(officer) ? officer : null,
					p_reason: reason
				}),
			{ exclude_reason: reason }
		);
	},
	request_info: async ({ locals, params, request }) => {
		const fd = await request.formData();
		return run(
			'request_info',
			() =>
				act(locals.supabase, 'request_complaint_info', {
					p_id: params.id,
					p_message: str(fd, 'text')
				}),
			{ text: str(fd, 'text') }
		);
	},
	verification: async ({ locals, params, request }) => {
		const fd = await request.formData();
		return run('verification', () =>
			act(locals.supabase, 'record_complaint_verification', {
				p_id: params.id,
				p_date: str(fd, 'date') || null,
				p_summary: str(fd, 'text')
			})
		);
	},
	dialogue: async ({ locals, params, request }) => {
		const fd = await request.formData();
		return run('dialogue', () =>
			act(locals.supabase, 'record_complaint_dialogue', {
				p_id: params.id,
				p_date: str(fd, 'date') || null,
				p_minutes: str(fd, 'text')
			})
		);
	},
	/** Upload the decision (checked by content), then resolve with it in one SQL call. */
	resolve: async ({ locals, params, request }) => {
		const fd = await request.formData();
		const values = { summary: str(fd, 'summary'), outcome: str(fd, 'outcome') };
		const file = fd.get('decision');
		return run(
			'resolve',
			async () => {
				// The RLS-checked read proves this officer may see the file before anything is stored.
				const { data: c } = await locals.supabase
					.from('complaints')
					.select('id, unit_id')
					.eq('id', params.id)
					.maybeSingle();
				if (!c) throw new Refusal('complaint_not_found');
				let attachmentId: string | null = null;
				if (file instanceof File && file.size > 0) {
					const stored = await store({
						file,
						ownerKind: 'complaint',
						ownerId: params.id,
						unitId: c.unit_id as string,
						uploadedBy: locals.staff!.user_id,
						maxFiles: 40
					});
					attachmentId = stored.id;
				}
				await act(locals.supabase, 'resolve_complaint', {
					p_id: params.id,
					p_outcome: values.outcome,
					p_summary: values.summary,
					p_decision_attachment: attachmentId
				});
			},
			values
		);
	},
	withdraw: async ({ locals, params, request }) => {
		const fd = await request.formData();
		return run('withdraw', () =>
			act(locals.supabase, 'withdraw_complaint', {
				p_id: params.id,
				p_note: str(fd, 'note') || null
			})
		);
	},
	/** Denunciations: the head extends the time to resolve (Luật Tố cáo 2018 Điều 30). */
	extend: async ({ locals, params, request }) => {
		const fd = await request.formData();
		const values = { complexity: str(fd, 'complexity'), reason: str(fd, 'reason') };
		return run(
			'extend',
			() =>
				act(locals.supabase, 'extend_denunciation_deadline', {
					p_id: params.id,
					p_complexity: values.complexity || null,
					p_reason: values.reason
				}),
			values
		);
	},
	/** Denunciations: the head extends the intake check once (Luật Tố cáo 2018 Điều 24, unconfirmed). */
	extend_intake: async ({ locals, params, request }) => {
		const fd = await request.formData();
		const values = { reason: str(fd, 'reason') };
		return run(
			'extend_intake',
			() =>
				act(locals.supabase, 'extend_intake_check', {
					p_id: params.id,
					p_reason: values.reason
				}),
			values
		);
	},
	reopen: async ({ locals, params, request }) => {
		const fd = await request.formData();
		return run('reopen', () =>
			act(locals.supabase, 'reopen_complaint_second_instance', {
				p_id: params.id,
				p_note: str(fd, 'note') || null
			})
		);
	},
	note: async ({ locals, params, request }) => {
		const fd = await request.formData();
		const body = str(fd, 'body');
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
