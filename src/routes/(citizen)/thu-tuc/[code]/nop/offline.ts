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
	asObject,
	inPageOrder,
	missingDocuments,
	storedFromForm,
	uploadedFromForm,
	validate,
	valuesFromForm
} from '$lib/procedures/server/form';
import { getLocale } from '$lib/paraglide/runtime';
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
	procedures_error_unit: m.procedures_error_unit
};
const text = (key: string) => (TEXT[key] ?? m.offline_invalid)();

/** Field → sentence for everything the server would refuse; empty when the form is fine. */
export async function problems(p: CatalogueEntry, fd: FormData): Promise<Record<string, string>> {
	const { errors } = validate(p, valuesFromForm(p, fd), { needConsent: true, needUnit: true });
	// Files already sent by the uploader (its ids) or stored in an earlier round count as there.
	const stored = [
		...storedFromForm(fd),
		...uploadedFromForm(p, fd).map((u) => ({ ...u, file_name: '' }))
	];
	const chosen = new Set<string>();
	const named: Record<string, string> = {};
	for (const d of p.documents) {
		for (const v of fd.getAll(`doc.${d.key}`)) {
			if (typeof v === 'string' || v.size === 0) continue;
			if (v.size > MAX_BYTES) named[`doc.${d.key}`] = m.upload_file_too_big({ name: v.name });
			else if (!sniffMime(new Uint8Array(await v.slice(0, 16).arrayBuffer())))
				named[`doc.${d.key}`] = m.upload_file_bad_type({ name: v.name });
			else chosen.add(d.key);
		}
	}
	const have = [
		...stored,
		...[...chosen].map((k) => ({ attachment_id: '', document_key: k, file_name: '' }))
	];
	const locale = getLocale();
	for (const k of missingDocuments(p, have)) {
		const d = p.documents.find((x) => x.key === k)!;
		named[`doc.${k}`] ??= m.upload_document_required_named({
			label: asObject(locale === 'en' ? d.label_en : d.label_vi, locale)
		});
	}
	// "Required" names the question, as on the server ("Hãy nhập số quyết định thi hành án").
	const required = (k: string) => {
		if (k === 'applicant.name') return m.procedures_err_applicant_name_required();
		const f = p.fields.find((x) => `answers.${x.name}` === k);
		if (!f) return text('procedures_error_required');
		const label = locale === 'en' ? f.label_en : f.label_vi;
		return f.type === 'select'
			? m.procedures_error_choose_named({ label })
			: m.procedures_error_required_named({ label: label.toLocaleLowerCase(locale) });
	};
	const sentences = Object.fromEntries(
		Object.entries(errors).map(([k, v]) => [
			k,
			v === 'procedures_error_required' ? required(k) : text(v)
		])
	);
	return inPageOrder(p, { ...sentences, ...named });
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
