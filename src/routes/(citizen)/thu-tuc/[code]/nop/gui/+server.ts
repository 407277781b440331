/**
 * Filing an application in one request, for the offline outbox ($lib/offline/outbox): the same
 * multipart fields as the form (unit_id, applicant.*, answers.*, consent, `stored` documents
 * already uploaded in the "check your answers" step, `file_ids.<document key>` of files the
 * uploader already sent) plus the files as `doc.<document key>`, and
 * the idempotency key in the `idempotency-key` header (or the `key` field). Answers JSON:
 * 200 `{ code, secret, due_date, track }`; 400 `{ error, message, errors }` when the content is
 * refused (the outbox shows `message` to the citizen); 429/503 when it should be retried later.
 *
 * A replay never files twice: submit_application returns the same receipt for a key it has seen,
 * and a file already stored under the key by an earlier attempt whose answer was lost (same name
 * and sha256) is reused rather than stored again.
 */
import { json } from '@sveltejs/kit';
import * as catalogue from '$lib/procedures/server/catalogue';
import * as applications from '$lib/procedures/server/applications';
import { checkFile, isFile, storeDraftFile } from '$lib/procedures/server/files';
import {
	missingDocuments,
	storedFromForm,
	uploadedFromForm,
	validate,
	valuesFromForm
} from '$lib/procedures/server/form';
import { t, translateAll } from '$lib/procedures/server/messages';
import { rememberSecret } from '$lib/procedures/server/secret-cookie';
import { isOnline } from '$lib/procedures/types';
import { readForm } from '$lib/server/request-body';
import { createServiceClient } from '$lib/server/supabase';
import { storedHash } from '$lib/uploads/server';
import { cleanFileName } from '$lib/uploads/validate';
import { localizeHref } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refused(error: string, errors: Record<string, string> = {}) {
	const first = Object.values(errors)[0];
	return json(
		{ error, message: first ?? t(`procedures_err_${error}`), errors },
		{ status: error === 'rate_limited' ? 429 : error === 'too_big' ? 413 : 400 }
	);
}

/** Draft files an earlier attempt with this key already stored: `name|sha256` → id. */
async function storedBefore(key: string): Promise<Map<string, string>> {
	const { data } = await createServiceClient()
		.from('attachments')
		.select('id, file_name, sha256')
		.eq('owner_kind', 'application')
		.eq('draft_key', key)
		.is('owner_id', null);
	const rows = (data ?? []) as { id: string; file_name: string; sha256: string }[];
	return new Map(rows.map((r) => [`${r.file_name}|${r.sha256}`, r.id]));
}

export const POST: RequestHandler = async ({ params, request, cookies, url }) => {
	const p = await catalogue.get(params.code);
	if (!p || !isOnline(p)) return refused('procedure_not_online');
	const body = await readForm(request);
	if (body.error === 'too_big') return refused('too_big');
	const form = body.form;
	if (!form) return refused('invalid_payload');
	const key = request.headers.get('idempotency-key') ?? String(form.get('key') ?? '');
	if (!UUID.test(key)) return refused('idempotency_key_required');

	const values = valuesFromForm(p, form);
	const { payload, errors } = validate(p, values, { needConsent: true, needUnit: true });
	let stored = storedFromForm(form).map(({ attachment_id, document_key }) => ({
		attachment_id,
		document_key
	}));

	const earlier = await storedBefore(key);
	// Files the page's uploader had already sent under this key (`file_ids.<document>`). Not
	// filtered by the draft rows: after a first send they belong to the application, and a replay
	// must still reach submit_application, which answers a seen key with its receipt; the SQL
	// claims only attachments of this draft key (attachment_not_found otherwise).
	for (const u of uploadedFromForm(p, form))
		if (!stored.some((s) => s.attachment_id === u.attachment_id)) stored = [...stored, u];
	for (const d of p.documents) {
		for (const file of form.getAll(`doc.${d.key}`).filter(isFile).slice(0, 5)) {
			const problem = await checkFile(file);
			if (problem) {
				errors[`doc.${d.key}`] = problem;
				continue;
			}
			const seen = `${cleanFileName(file.name)}|${await storedHash(file)}`;
			const again = earlier.get(seen);
			const id = again ?? (await storeDraftFile(file, key)).id;
			if (again) earlier.delete(seen);
			stored = [...stored, { attachment_id: id, document_key: d.key }];
		}
	}
	for (const k of missingDocuments(
		p,
		stored.map((s) => ({ ...s, file_name: '' }))
	))
		errors[`doc.${k}`] ??= 'procedures_error_document_required';
	if (!payload || Object.keys(errors).length)
		return refused('invalid_input', translateAll(errors, p));

	try {
		const r = await applications.submit({ ...payload, documents: stored }, key, values.messages);
		rememberSecret(cookies, url, r.code, r.secret);
		return json({
			code: r.code,
			secret: r.secret,
			due_date: r.due_date,
			track: localizeHref(`/thu-tuc/ho-so/${r.code}`)
		});
	} catch (e) {
		if (!(e instanceof applications.Refusal)) throw e;
		if (e.code === 'unexpected') return json({ error: 'unavailable' }, { status: 503 });
		return refused(e.code);
	}
};
