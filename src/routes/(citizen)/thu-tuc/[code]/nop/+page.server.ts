import { error, fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
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

export const load: PageServerLoad = async ({ params }) => {
	const procedure = await procedureFor(params.code);
	return { procedure, units: await receivingUnits(), key: randomUUID() };
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
				errors: translateAll(errors)
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
				errors: translateAll(errors)
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
				key
			);
		} catch (e) {
			if (!(e instanceof applications.ProcedureError)) throw e;
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
				errors: { [field]: t(e.key) }
			});
		}
		rememberSecret(cookies, url, receipt.code, receipt.secret);
		redirect(303, localizeHref(`/thu-tuc/ho-so/${receipt.code}/bien-nhan`));
	}
};
