import { error, fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages.js';
import * as catalogue from '$lib/procedures/server/catalogue';
import * as applications from '$lib/procedures/server/applications';
import { checkFile, draftDocuments, isFile, storeDraftFile } from '$lib/procedures/server/files';
import {
	asObject,
	inPageOrder,
	missingDocuments,
	storedFromForm,
	uploadedFromForm,
	validate,
	valuesFromForm,
	type StoredDocument
} from '$lib/procedures/server/form';
import { UploadError } from '$lib/uploads/server';
import { cleanFileName } from '$lib/uploads/validate';
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
		common_file_hint_types: m.common_file_hint_types(),
		upload_waiting: m.upload_waiting(),
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
		const { payload, errors } = validate(p, values, { needConsent: true, needUnit: true });

		// Files posted with the form (no JavaScript, or the uploader could not send them): check
		// each, keep the good ones even when another field is wrong (nothing lost). A refused file
		// is named in its error (already a sentence) and is not among the documents.
		const fileErrors: Record<string, string> = {};
		const refuse = (k: string, sentence: string) =>
			(fileErrors[k] = fileErrors[k] ? `${fileErrors[k]} ${sentence}` : sentence);
		const fresh: { attachment_id: string; document_key: string }[] = [];
		for (const d of p.documents) {
			const files = form.getAll(`doc.${d.key}`).filter(isFile);
			for (const file of files.slice(0, 5)) {
				const name = cleanFileName(file.name);
				const problem = await checkFile(file);
				if (problem) {
					refuse(
						`doc.${d.key}`,
						problem === 'procedures_error_file_size'
							? m.upload_file_too_big({ name })
							: m.upload_file_bad_type({ name })
					);
					continue;
				}
				try {
					fresh.push({ attachment_id: (await storeDraftFile(file, key)).id, document_key: d.key });
				} catch (e) {
					if (!(e instanceof UploadError)) throw e;
					refuse(
						`doc.${d.key}`,
						e.code === 'too_many' ? m.complaints_file_too_many() : m.upload_file_busy({ name })
					);
				}
			}
		}
		// Files already uploaded (the live uploader's ids, the `stored` field of an earlier round).
		const stored = await draftDocuments(key, [
			...storedFromForm(form),
			...uploadedFromForm(p, form),
			...fresh
		]);
		const locale = getLocale();
		for (const k of missingDocuments(p, stored)) {
			const d = p.documents.find((x) => x.key === k)!;
			fileErrors[`doc.${k}`] ??= m.upload_document_required_named({
				label: asObject(locale === 'en' ? d.label_en : d.label_vi, locale)
			});
		}

		if (!payload || Object.keys(errors).length || Object.keys(fileErrors).length) {
			return fail(400, {
				step: 'form' as const,
				values,
				stored,
				key,
				// Every problem in one round, in the order of the page.
				errors: inPageOrder(p, { ...translateAll(errors, p), ...fileErrors })
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
