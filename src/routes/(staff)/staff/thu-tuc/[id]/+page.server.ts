import { addDays, vnDate, vnToday } from '$lib/vn-time';
import { error, fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import * as applications from '$lib/procedures/server/applications';
import { checkFile, isFile, storeDraftFile } from '$lib/procedures/server/files';
import { t, translateAll } from '$lib/procedures/server/messages';
import { issuesByField } from '$lib/procedures/fields';
import {
	apologySchema,
	assignSchema,
	refuseSchema,
	requestDocumentsSchema,
	resultSchema,
	returnSchema
} from '$lib/procedures/schema';
import type { FieldDefinition } from '$lib/procedures/fields';
import type { RequiredDocument } from '$lib/procedures/types';
import { isUuid } from '$lib/identity';

/** An application with its documents, timeline, pauses and apology letters (RLS-checked reads). */
export const load: PageServerLoad = async ({ params, locals }) => {
	if (!isUuid(params.id)) error(404, { message: 'application_not_found' });
	const db = locals.supabase;
	const { data: app } = await db.from('applications').select('*').eq('id', params.id).maybeSingle();
	if (!app) error(404, { message: 'application_not_found' });
	// "Who opened my file": the applicant's identity is on this page (Luật BVDLCN 91/2025).
	await db.rpc('log_application_access', { p_id: app.id });
	const [version, status, docs, events, pauses, apologies, officers, unit] = await Promise.all([
		db
			.from('procedure_versions')
			.select('name_vi, name_en, fields, documents, processing_days, version')
			.eq('id', app.procedure_version_id)
			.single(),
		db.from('application_statuses').select('*').eq('code', app.status).single(),
		db.from('application_documents').select('*').eq('application_id', app.id).order('added_at'),
		db
			.from('application_events')
			.select('*')
			.eq('application_id', app.id)
			.order('occurred_at')
			.order('id'),
		db.from('application_pauses').select('*').eq('application_id', app.id).order('requested_at'),
		db.from('application_apologies').select('*').eq('application_id', app.id).order('recorded_at'),
		db.from('staff').select('user_id, full_name, roles').eq('unit_id', app.unit_id),
		db.from('units').select('name').eq('id', app.unit_id).single()
	]);
	const ids = (docs.data ?? []).map((d) => d.attachment_id);
	const { data: files } = ids.length
		? await db.from('attachments').select('id, file_name, mime_type, size_bytes').in('id', ids)
		: { data: [] };
	const fileById = new Map((files ?? []).map((f) => [f.id, f]));
	const today = vnToday();
	const late =
		app.status !== 'refused' &&
		(app.completed_at ? vnDate(app.completed_at) : today) > app.due_date;
	// The apology goes out before the due date (NĐ 118/2025): offer it from 3 days before.
	const dueSoon =
		!app.completed_at && app.status !== 'refused' && addDays(today, 3) >= app.due_date;
	return {
		// answers: jsonb of field name → typed value (validated by submit_application).
		app: { ...app, answers: (app.answers ?? {}) as Record<string, string> },
		unitName: unit.data?.name ?? '',
		version: version.data as unknown as {
			name_vi: string;
			name_en: string;
			fields: FieldDefinition[];
			documents: RequiredDocument[];
			processing_days: number;
			version: number;
		},
		status: status.data,
		documents: (docs.data ?? []).map((d) => ({
			...d,
			file: fileById.get(d.attachment_id) ?? null
		})),
		events: events.data ?? [],
		pauses: pauses.data ?? [],
		apologies: apologies.data ?? [],
		officers: (officers.data ?? []).filter((s) =>
			(s.roles as string[]).includes('procedure_officer')
		),
		late,
		apologyOpen: late || dueSoon,
		resultKey: randomUUID()
	};
};

type Step = Parameters<typeof applications.staffStep>[1];

/** Runs one step, mapping coded errors to a message next to that step's form. */
async function step(event: RequestEvent, action: string, fn: Step, args: Record<string, unknown>) {
	try {
		await applications.staffStep(event.locals.supabase, fn, { id: event.params.id, ...args });
	} catch (e) {
		if (e instanceof applications.Refusal)
			return fail(400, { action, errors: { form: t(`procedures_err_${e.code}`) } });
		throw e;
	}
	redirect(303, localizeHref(`/staff/thu-tuc/${event.params.id}?ok=${action}`));
}

async function parse<T>(
	event: RequestEvent,
	action: string,
	schema: {
		safeParse: (
			v: unknown
		) => { success: true; data: T } | { success: false; error: import('zod').ZodError };
	}
) {
	const form = await event.request.formData();
	const r = schema.safeParse(Object.fromEntries(form));
	if (!r.success)
		return { failure: fail(400, { action, errors: translateAll(issuesByField(r.error)) }), form };
	return { data: r.data, form };
}

export const actions: Actions = {
	check: (event) => step(event, 'check', 'check_application', {}),
	accept: async (event) => {
		const form = await event.request.formData();
		const assignee = String(form.get('assignee') ?? '');
		return step(event, 'accept', 'accept_application', {
			assign_to: isUuid(assignee) ? assignee : null
		});
	},
	request_documents: async (event) => {
		const r = await parse(event, 'request_documents', requestDocumentsSchema);
		if ('failure' in r) return r.failure;
		return step(event, 'request_documents', 'request_application_documents', {
			what: r.data.what,
			due_by: r.data.due_by
		});
	},
	refuse: async (event) => {
		const r = await parse(event, 'refuse', refuseSchema);
		if ('failure' in r) return r.failure;
		return step(event, 'refuse', 'refuse_application', { reasons: r.data.reasons });
	},
	assign: async (event) => {
		const r = await parse(event, 'assign', assignSchema);
		if ('failure' in r) return r.failure;
		return step(event, 'assign', 'assign_application', { assignee: r.data.assignee });
	},
	record_result: async (event) => {
		const form = await event.request.formData();
		const r = resultSchema.safeParse({ note: form.get('note') ?? '' });
		if (!r.success)
			return fail(400, { action: 'record_result', errors: translateAll(issuesByField(r.error)) });
		const file = form.get('result');
		if (!isFile(file))
			return fail(400, {
				action: 'record_result',
				errors: { result: t('procedures_error_result_file') }
			});
		const problem = await checkFile(file);
		if (problem) return fail(400, { action: 'record_result', errors: { result: t(problem) } });
		const key = String(form.get('key') ?? '');
		const saved = await storeDraftFile(
			file,
			isUuid(key) ? key : randomUUID(),
			event.locals.user?.id ?? null
		);
		return step(event, 'record_result', 'record_application_result', {
			attachment_id: saved.id,
			note: r.data.note || null
		});
	},
	return_result: async (event) => {
		const r = await parse(event, 'return_result', returnSchema);
		if ('failure' in r) return r.failure;
		return step(event, 'return_result', 'return_application_result', { via: r.data.via });
	},
	apology: async (event) => {
		const r = await parse(event, 'apology', apologySchema);
		if ('failure' in r) return r.failure;
		return step(event, 'apology', 'record_apology_letter', {
			reason: r.data.reason,
			new_due_date: r.data.new_due_date ?? null
		});
	}
};
