/**
 * The application form's offline path, loaded only when the citizen submits without network: the
 * same checks as the server (one zod schema, $lib/procedures/server/form, which is pure), the
 * files' size and type from their first bytes, then the submission — fields and files — goes into
 * the shared outbox ($lib/offline/outbox) under the form's idempotency key, to be sent by
 * ./gui/+server.ts when the network returns (page or service worker).
 */
import { m } from '$lib/paraglide/messages.js';
import { localizeHref } from '$lib/paraglide/runtime';
import * as drafts from '$lib/offline/drafts';
import * as outbox from '$lib/offline/outbox';
import {
	missingDocuments,
	storedFromForm,
	validate,
	valuesFromForm
} from '$lib/procedures/server/form';
import type { CatalogueEntry } from '$lib/procedures/types';
import { MAX_BYTES, sniffMime } from '$lib/uploads/validate';

// The sentences of the keys the checks below can return (named, so only these are bundled).
const TEXT: Record<string, () => string> = {
	procedures_error_required: m.procedures_error_required,
	procedures_error_too_long: m.procedures_error_too_long,
	procedures_error_cccd: m.procedures_error_cccd,
	procedures_error_phone: m.procedures_error_phone,
	procedures_error_date: m.procedures_error_date,
	procedures_error_number: m.procedures_error_number,
	procedures_error_money: m.procedures_error_money,
	procedures_error_option: m.procedures_error_option,
	procedures_error_email: m.procedures_error_email,
	procedures_error_contact: m.procedures_error_contact,
	procedures_error_consent: m.procedures_error_consent,
	procedures_error_unit: m.procedures_error_unit,
	procedures_error_document_required: m.procedures_error_document_required,
	procedures_error_file_size: m.procedures_error_file_size,
	procedures_error_file_type: m.procedures_error_file_type
};
const text = (key: string) => (TEXT[key] ?? m.offline_invalid)();

/** Field → sentence for everything the server would refuse; empty when the form is fine. */
export async function problems(p: CatalogueEntry, fd: FormData): Promise<Record<string, string>> {
	const { errors } = validate(p, valuesFromForm(p, fd), { needConsent: true, needUnit: true });
	const stored = storedFromForm(fd);
	const chosen = new Set<string>();
	for (const d of p.documents) {
		for (const v of fd.getAll(`doc.${d.key}`)) {
			if (typeof v === 'string' || v.size === 0) continue;
			if (v.size > MAX_BYTES) errors[`doc.${d.key}`] = 'procedures_error_file_size';
			else if (!sniffMime(new Uint8Array(await v.slice(0, 16).arrayBuffer())))
				errors[`doc.${d.key}`] = 'procedures_error_file_type';
			else chosen.add(d.key);
		}
	}
	const have = [
		...stored,
		...[...chosen].map((k) => ({ attachment_id: '', document_key: k, file_name: '' }))
	];
	for (const k of missingDocuments(p, have))
		errors[`doc.${k}`] ??= 'procedures_error_document_required';
	return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, text(v)]));
}

/** Queue the submission with its files; the draft is cleared (the outbox now holds it all). */
export async function queue(p: CatalogueEntry, fd: FormData, label: string): Promise<void> {
	const key = String(fd.get('key') ?? '');
	await outbox.enqueue({
		key,
		url: localizeHref(`/thu-tuc/${p.code}/nop/gui`),
		kind: 'application',
		label,
		form: outbox.fieldsOf(fd)
	});
	await drafts.clear(`procedures:${p.code}`);
}
