import { error, fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages.js';
import * as catalogue from '$lib/procedures/server/catalogue';
import * as applications from '$lib/procedures/server/applications';
import { checkFile, isFile, storeDraftFile } from '$lib/procedures/server/files';
import {
	missingDocuments,
	storedFromForm,
	validate,
	valuesFromForm,
	type StoredDocument
} from '$lib/procedures/server/form';
import { t, translateAll } from '$lib/procedures/server/messages';
import { receivingUnits } from '$lib/procedures/server/units';
import { isOnline } from '$lib/procedures/types';
import { rememberSecret } from '$lib/procedures/server/secret-cookie';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function procedureFor(code: string) {
	const p = await catalogue.get(code);
	if (!p) error(404, { message: 'procedure_not_found' });
	if (!isOnline(p)) redirect(303, localizeHref(`/thu-tuc/${p.code}`));
	return p;
}

export const load: PageServerLoad = async ({ params, url }) => {
	const procedure = await procedureFor(params.code);
	// The page's labels, translated here so the page does not ship the message functions. Reading
	// `url` makes SvelteKit rerun this load when the language (URL prefix) changes.
	void url.pathname;
	const t = {
		app_short_name: m.app_short_name(),
		common_back: m.common_back(),
		common_continue: m.common_continue(),
		common_select_placeholder: m.common_select_placeholder(),
		procedures_apply_title: m.procedures_apply_title(),
		procedures_draft_restored: m.procedures_draft_restored(),
		procedures_form_address: m.procedures_form_address(),
		procedures_form_already_uploaded: m.procedures_form_already_uploaded(),
		procedures_form_cccd: m.procedures_form_cccd(),
		procedures_form_consent: m.procedures_form_consent(),
		procedures_form_consent_hint: m.procedures_form_consent_hint(),
		procedures_form_documents: m.procedures_form_documents(),
		procedures_form_documents_hint: m.procedures_form_documents_hint(),
		procedures_form_email: m.procedures_form_email(),
		procedures_form_name: m.procedures_form_name(),
		procedures_form_phone: m.procedures_form_phone(),
		procedures_form_remember: m.procedures_form_remember(),
		procedures_form_remember_hint: m.procedures_form_remember_hint(),
		procedures_form_unit: m.procedures_form_unit(),
		procedures_form_unit_hint: m.procedures_form_unit_hint(),
		procedures_prefill_forget: m.procedures_prefill_forget(),
		procedures_prefill_text: m.procedures_prefill_text(),
		procedures_prefill_use: m.procedures_prefill_use(),
		procedures_review_documents: m.procedures_review_documents(),
		procedures_review_due: m.procedures_review_due(),
		procedures_review_edit: m.procedures_review_edit(),
		procedures_review_submit: m.procedures_review_submit(),
		procedures_review_title: m.procedures_review_title(),
		procedures_step_check: m.procedures_step_check(),
		procedures_step_done: m.procedures_step_done(),
		procedures_step_fill: m.procedures_step_fill(),
		offline_queued_title: m.offline_queued_title(),
		offline_another: m.offline_another(),
		procedures_days: m.procedures_days({ count: String(procedure.processing_days) })
	};
	return { procedure, units: await receivingUnits(), key: randomUUID(), t };
};

function keyFrom(form: FormData): string {
	const key = String(form.get('key') ?? '');
	if (!UUID.test(key)) error(400, { message: 'idempotency_key_required' });
	return key;
}

export const actions: Actions = {
	/** Step 1 → "check your answers": validate, store the files as drafts, show the summary. */
	review: async ({ params, request }) => {
		const p = await procedureFor(params.code);
		const form = await request.formData();
		const key = keyFrom(form);
		const values = valuesFromForm(p, form);
		let stored = storedFromForm(form);
		const { payload, errors } = validate(p, values, { needConsent: true, needUnit: true });

		// Files: check each, keep the good ones even when another field is wrong (nothing lost).
		for (const d of p.documents) {
			const files = form.getAll(`doc.${d.key}`).filter(isFile);
			for (const file of files.slice(0, 5)) {
				const problem = await checkFile(file);
				if (problem) {
					errors[`doc.${d.key}`] = problem;
					continue;
				}
				const saved = await storeDraftFile(file, key);
				stored = [
					...stored,
					{ attachment_id: saved.id, document_key: d.key, file_name: saved.file_name }
				];
			}
		}
		for (const k of missingDocuments(p, stored))
			errors[`doc.${k}`] ??= 'procedures_error_document_required';

		if (!payload || Object.keys(errors).length) {
			return fail(400, {
				step: 'form' as const,
				values,
				stored,
				key,
				errors: translateAll(errors, p)
			});
		}
		return {
			step: 'review' as const,
			values,
			stored,
			key,
			payload,
			errors: {} as Record<string, string>
		};
	},

	/** Back from the summary to the form, keeping everything. */
	edit: async ({ params, request }) => {
		const p = await procedureFor(params.code);
		const form = await request.formData();
		return {
			step: 'form' as const,
			values: valuesFromForm(p, form),
			stored: storedFromForm(form),
			key: keyFrom(form),
			errors: {} as Record<string, string>
		};
	},

	/** Step 2: file it. Re-validates everything (the hidden fields may have been edited). */
	submit: async ({ params, request, cookies, url }) => {
		const p = await procedureFor(params.code);
		const form = await request.formData();
		const key = keyFrom(form);
		const values = valuesFromForm(p, form);
		const stored: StoredDocument[] = storedFromForm(form);
		const { payload, errors } = validate(p, values, { needConsent: true, needUnit: true });
		if (!payload)
			return fail(400, {
				step: 'form' as const,
				values,
				stored,
				key,
				errors: translateAll(errors, p)
			});
		let receipt;
		try {
			receipt = await applications.submit(
				{
					...payload,
					documents: stored.map(({ attachment_id, document_key }) => ({
						attachment_id,
						document_key
					}))
				},
				key,
				values.messages
			);
		} catch (e) {
			if (!(e instanceof applications.Refusal)) throw e;
			const field =
				e.code === 'documents_missing'
					? `doc.${e.detail?.split(',')[0]}`
					: e.code === 'application_answers_invalid'
						? `answers.${e.detail}`
						: 'form';
			return fail(400, {
				step: 'form' as const,
				values,
				stored,
				key,
				errors: { [field]: t(`procedures_err_${e.code}`) }
			});
		}
		rememberSecret(cookies, url, receipt.code, receipt.secret);
		redirect(303, localizeHref(`/thu-tuc/ho-so/${receipt.code}/bien-nhan`));
	}
};
