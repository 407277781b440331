import { fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import * as catalogue from '$lib/procedures/server/catalogue';
import * as applications from '$lib/procedures/server/applications';
import { checkFile, isFile, storeDraftFile } from '$lib/procedures/server/files';
import { storedFromForm, validate, valuesFromForm } from '$lib/procedures/server/form';
import { t, translateAll } from '$lib/procedures/server/messages';
import { rememberSecret } from '$lib/procedures/server/secret-cookie';

/** Desk entry of a paper application: choose the procedure, then the same questions as online. */
export const load: PageServerLoad = async ({ url }) => {
	const all = await catalogue.list();
	const code = url.searchParams.get('thu-tuc') ?? '';
	const procedure = all.find((p) => p.code === code) ?? null;
	return {
		procedures: all.map((p) => ({ code: p.code, name_vi: p.name_vi, name_en: p.name_en })),
		procedure,
		key: randomUUID()
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await request.formData();
		const p = await catalogue.get(String(form.get('procedure_code') ?? ''));
		if (!p) return fail(400, { errors: { form: t('procedures_err_procedure_not_found') } });
		const values = valuesFromForm(p, form);
		let stored = storedFromForm(form);
		const { payload, errors } = validate(p, values, { needConsent: false, needUnit: false });
		const key = String(form.get('key') ?? randomUUID());
		// Scans of the paper documents are optional at the desk: the officer checks the paper.
		for (const d of p.documents) {
			for (const file of form.getAll(`doc.${d.key}`).filter(isFile).slice(0, 5)) {
				const problem = await checkFile(file);
				if (problem) {
					errors[`doc.${d.key}`] = problem;
					continue;
				}
				const saved = await storeDraftFile(file, key, locals.user?.id ?? null);
				stored = [
					...stored,
					{ attachment_id: saved.id, document_key: d.key, file_name: saved.file_name }
				];
			}
		}
		if (!payload || Object.keys(errors).length)
			return fail(400, { values, stored, key, errors: translateAll(errors, p) });
		let receipt;
		try {
			receipt = await applications.registerDesk(locals.supabase, {
				...payload,
				documents: stored.map(({ attachment_id, document_key }) => ({
					attachment_id,
					document_key
				}))
			});
		} catch (e) {
			if (!(e instanceof applications.Refusal)) throw e;
			return fail(400, { values, stored, key, errors: { form: t(`procedures_err_${e.code}`) } });
		}
		// The desk prints the citizen's receipt (with the secret) straight away.
		rememberSecret(cookies, url, receipt.code, receipt.secret);
		redirect(303, localizeHref(`/thu-tuc/ho-so/${receipt.code}/bien-nhan`));
	}
};
