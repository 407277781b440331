import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import * as admin from '$lib/procedures/server/catalogue-admin';
import { t } from '$lib/procedures/server/messages';
import type { FieldDefinition } from '$lib/procedures/fields';
import {
	applyRowAction,
	docRow,
	fieldRow,
	parseVersion,
	returnReasonSchema,
	valuesFromForm,
	type VersionIssue
} from '$lib/procedures/version-schema';

type Version = Record<string, unknown>;

/** A stored version (or a draft's payload) as the form's starting values. */
function formValues(v: Version, baseVersion: number, topic: string): Record<string, unknown> {
	const s = (k: string) => String(v[k] ?? '');
	return {
		base_version: String(baseVersion),
		topic_code: topic,
		...Object.fromEntries(
			[
				'name_vi',
				'name_en',
				'summary_vi',
				'summary_en',
				'applicants_vi',
				'applicants_en',
				'processing_note_vi',
				'processing_note_en',
				'fee_vi',
				'fee_en',
				'legal_basis',
				'where_vi',
				'where_en',
				'result_vi',
				'result_en',
				'template_ref',
				'check_note'
			].map((k) => [k, s(k)])
		),
		processing_days: String(v.processing_days ?? ''),
		fee_amount: String(v.fee_amount ?? '0'),
		modes: (v.modes as string[] | undefined) ?? [],
		needs_check: v.needs_check !== false,
		documents: ((v.documents as Version[] | undefined) ?? []).map(docRow),
		fields: ((v.fields as FieldDefinition[] | undefined) ?? []).map(fieldRow)
	};
}

/**
 * The current version as the form's starting values (or the maker's own returned draft, to fix
 * it), the newest draft for review, and the version history.
 */
export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const [found, topics, { catalogueRole }] = await Promise.all([
		admin.get(locals.supabase, params.code),
		admin.topics(locals.supabase),
		parent()
	]);
	if (!found?.current) error(404, { message: 'procedure_not_found' });
	const v = found.current;
	const draft = await admin.latestDraft(locals.supabase, found.procedure.id);
	const ownReturned =
		draft?.status === 'returned' &&
		draft.submitted_by === catalogueRole.userId &&
		draft.base_version === v.version;
	return {
		code: found.procedure.code,
		national: {
			code: (found.procedure.national_code as string | null) ?? null,
			confirmed: !!found.procedure.national_code_confirmed,
			source: (found.procedure.national_code_source as string | null) ?? null,
			confirmed_at: (found.procedure.national_code_confirmed_at as string | null) ?? null
		},
		topics,
		current: {
			version: v.version,
			name_vi: v.name_vi,
			needs_check: v.needs_check,
			check_note: v.check_note,
			documents: v.documents as unknown as Version[]
		},
		history: found.history,
		draft: draft
			? {
					id: draft.id,
					status: draft.status,
					base_version: draft.base_version,
					submitted_at: draft.submitted_at,
					submitted_by_name: draft.submitted_by_name,
					own: draft.submitted_by === catalogueRole.userId,
					decided_at: draft.decided_at,
					decided_by_name: draft.decided_by_name,
					return_reason: draft.return_reason,
					version: draft.version
				}
			: null,
		initial: ownReturned
			? formValues(draft!.version, v.version, draft!.topic_code)
			: formValues(v as unknown as Version, v.version, found.procedure.topic_code)
	};
};

const translate = (issues: Record<string, VersionIssue>) =>
	Object.fromEntries(
		Object.entries(issues).map(([k, i]) => {
			const text = t(i.key, i.params);
			const row = i.params?.row;
			if (!row) return [k, text];
			const where =
				row === 'doc'
					? t('procedures_catalogue_row_doc', { n: i.params!.n })
					: t('procedures_catalogue_row_field', { n: i.params!.n });
			return [k, `${where}: ${text}`];
		})
	);

export const actions: Actions = {
	/**
	 * The editor: a row button re-renders the rows (no JavaScript); "Gửi duyệt" submits the edit
	 * for a second person's approval (the SQL function checks the admin role again).
	 */
	submit: async ({ request, locals, params }) => {
		const form = await request.formData();
		const action = String(form.get('row_action') ?? '');
		if (action) {
			const applied = applyRowAction(valuesFromForm(form), action);
			if (!applied) return fail(400, { values: valuesFromForm(form), errors: {} });
			return { values: applied.values, focus: applied.focus, errors: {} };
		}
		const parsed = parseVersion(form);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: translate(parsed.issues) });
		const result = await admin.submit(locals.supabase, params.code, parsed.data);
		if ('error' in result)
			return fail(result.error === 'procedures_err_not_allowed' ? 403 : 400, {
				values: parsed.values,
				errors: { form: t(result.error) }
			});
		redirect(303, localizeHref(`/staff/thu-tuc/danh-muc/${params.code}?sent=1`));
	},

	/** A second person publishes the draft (never their own: the SQL function refuses). */
	approve: async ({ request, locals, params }) => {
		const form = await request.formData();
		const result = await admin.approve(locals.supabase, String(form.get('draft_id') ?? ''));
		if ('error' in result)
			return fail(result.error === 'procedures_err_not_allowed' ? 403 : 400, {
				decision: { form: t(result.error) }
			});
		redirect(303, localizeHref(`/staff/thu-tuc/danh-muc/${params.code}?ok=1`));
	},

	/** A second person returns the draft to its maker, with a reason. */
	return: async ({ request, locals, params }) => {
		const form = await request.formData();
		const reason = returnReasonSchema.safeParse(form.get('reason'));
		if (!reason.success)
			return fail(400, {
				decision: { reason: t(reason.error.issues[0]!.message) },
				reason: String(form.get('reason') ?? '')
			});
		const result = await admin.returnDraft(
			locals.supabase,
			String(form.get('draft_id') ?? ''),
			reason.data
		);
		if ('error' in result)
			return fail(result.error === 'procedures_err_not_allowed' ? 403 : 400, {
				decision: { form: t(result.error) },
				reason: reason.data
			});
		redirect(303, localizeHref(`/staff/thu-tuc/danh-muc/${params.code}?returned=1`));
	}
};
