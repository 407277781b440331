import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import * as admin from '$lib/procedures/server/catalogue-admin';
import { t } from '$lib/procedures/server/messages';
import { parseVersion, type VersionIssue } from '$lib/procedures/version-schema';

/** The current version as the form's starting values, and the version history. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const [found, topics] = await Promise.all([
		admin.get(locals.supabase, params.code),
		admin.topics(locals.supabase)
	]);
	if (!found?.current) error(404, { message: 'procedure_not_found' });
	const v = found.current;
	return {
		code: found.procedure.code,
		national: {
			code: (found.procedure.national_code as string | null) ?? null,
			confirmed: !!found.procedure.national_code_confirmed,
			source: (found.procedure.national_code_source as string | null) ?? null,
			confirmed_at: (found.procedure.national_code_confirmed_at as string | null) ?? null
		},
		topics,
		current: { version: v.version, needs_check: v.needs_check, check_note: v.check_note },
		history: found.history,
		initial: {
			base_version: String(v.version),
			topic_code: found.procedure.topic_code,
			name_vi: v.name_vi,
			name_en: v.name_en,
			summary_vi: v.summary_vi,
			summary_en: v.summary_en,
			applicants_vi: v.applicants_vi,
			applicants_en: v.applicants_en,
			processing_days: String(v.processing_days),
			processing_note_vi: v.processing_note_vi,
			processing_note_en: v.processing_note_en,
			fee_amount: String(v.fee_amount),
			fee_vi: v.fee_vi,
			fee_en: v.fee_en,
			legal_basis: v.legal_basis,
			modes: v.modes as string[],
			where_vi: v.where_vi,
			where_en: v.where_en,
			result_vi: v.result_vi,
			result_en: v.result_en,
			template_ref: v.template_ref ?? '',
			needs_check: v.needs_check,
			check_note: v.check_note ?? '',
			documents: JSON.stringify(v.documents, null, 2),
			fields: JSON.stringify(v.fields, null, 2)
		} as Record<string, unknown>
	};
};

const translate = (issues: Record<string, VersionIssue>) =>
	Object.fromEntries(Object.entries(issues).map(([k, i]) => [k, t(i.key, i.params)]));

export const actions: Actions = {
	/** Publish the edit as a new version (the SQL function checks the admin role again). */
	default: async ({ request, locals, params }) => {
		const parsed = parseVersion(await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: translate(parsed.issues) });
		const result = await admin.publish(locals.supabase, params.code, parsed.data);
		if ('error' in result)
			return fail(result.error === 'procedures_err_not_allowed' ? 403 : 400, {
				values: parsed.values,
				errors: { form: t(result.error) }
			});
		redirect(303, localizeHref(`/staff/thu-tuc/danh-muc/${params.code}?ok=1`));
	}
};
