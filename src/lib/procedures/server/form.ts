/**
 * Parsing the application form (citizen online and staff desk entry share it): applicant block,
 * answers generated from the version's field definitions, stored documents.
 */
import { messageChoiceFromForm } from '$lib/messages/schema';
import { z } from 'zod';
import { answersFromForm, answersSchema, issuesByField } from '../fields';
import { applicantSchema, consentSchema, unitIdSchema } from '../schema';
import type { CatalogueEntry } from '../types';
import type { SubmitPayload } from './applications';

export interface StoredDocument {
	attachment_id: string;
	document_key: string;
	file_name: string;
}

export interface FormValues {
	unit_id: string;
	applicant: Record<string, string>;
	answers: Record<string, string>;
	consent: boolean;
	/** Message channels and language chosen ("sms,email;vi"), '' for the default. */
	messages: string;
	remember: boolean;
}

export function valuesFromForm(p: CatalogueEntry, form: FormData): FormValues {
	const s = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v : '';
	};
	return {
		unit_id: s('unit_id'),
		applicant: {
			name: s('applicant.name'),
			cccd: s('applicant.cccd'),
			phone: s('applicant.phone'),
			email: s('applicant.email'),
			address: s('applicant.address')
		},
		answers: answersFromForm(p.fields, form),
		consent: ['yes', 'on', 'true'].includes(s('consent')),
		remember: s('remember') === 'yes',
		messages: messageChoiceFromForm(form)
	};
}

/** Previously stored drafts, carried in a hidden field between the steps. */
export function storedFromForm(form: FormData): StoredDocument[] {
	try {
		const raw = JSON.parse(String(form.get('stored') ?? '[]'));
		return z
			.array(
				z.object({
					attachment_id: z.uuid(),
					document_key: z.string().max(80),
					file_name: z.string().max(255)
				})
			)
			.max(20)
			.parse(raw);
	} catch {
		return [];
	}
}

/**
 * Files the live uploader already stored under the draft key, as `file_ids.<document key>` ids
 * (its hidden inputs). Unchecked here: the caller keeps only the ids of this draft's rows.
 */
export function uploadedFromForm(
	p: Pick<CatalogueEntry, 'documents'>,
	form: FormData
): { attachment_id: string; document_key: string }[] {
	const uuid = z.uuid();
	return p.documents.flatMap((d) =>
		form
			.getAll(`file_ids.${d.key}`)
			.filter((v): v is string => typeof v === 'string' && uuid.safeParse(v).success)
			.slice(0, 20)
			.map((attachment_id) => ({ attachment_id, document_key: d.key }))
	);
}

/**
 * The errors in the order of the page (unit, applicant, questions, documents, consent), so the
 * summary reads top to bottom like the form; unknown keys last.
 */
export function inPageOrder<T>(
	p: Pick<CatalogueEntry, 'fields' | 'documents'>,
	errors: Record<string, T>
): Record<string, T> {
	const order = [
		'unit_id',
		...['name', 'cccd', 'phone', 'email', 'address'].map((k) => `applicant.${k}`),
		...p.fields.map((f) => `answers.${f.name}`),
		...p.documents.map((d) => `doc.${d.key}`),
		'consent'
	];
	const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
	return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

/** "Đơn đề nghị…" → "đơn đề nghị…", to follow a verb ("Hãy tải lên …"); acronyms are kept. */
export function asObject(label: string, locale: string): string {
	return label.charAt(0).toLocaleLowerCase(locale) + label.slice(1);
}

/**
 * Validates everything but the files. Returns the payload for the SQL function, or the errors
 * by field (message keys), keyed by the control ids used on the page.
 */
export function validate(
	p: CatalogueEntry,
	v: FormValues,
	opts: { needConsent: boolean; needUnit: boolean }
): { payload: Omit<SubmitPayload, 'documents'> | null; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const unit = unitIdSchema.safeParse(v.unit_id);
	if (opts.needUnit && !unit.success) errors['unit_id'] = 'procedures_error_unit';
	const applicant = applicantSchema.safeParse(v.applicant);
	if (!applicant.success) Object.assign(errors, issuesByField(applicant.error, 'applicant.'));
	const answers = answersSchema(p.fields).safeParse(v.answers);
	if (!answers.success) Object.assign(errors, issuesByField(answers.error, 'answers.'));
	if (opts.needConsent && !consentSchema.safeParse(v.consent ? 'yes' : '').success)
		errors['consent'] = 'procedures_error_consent';
	if (Object.keys(errors).length || !applicant.success || !answers.success)
		return { payload: null, errors };
	const a = applicant.data;
	return {
		payload: {
			procedure_code: p.code,
			unit_id: unit.success ? unit.data : '',
			applicant: {
				name: a.name,
				...(a.cccd ? { cccd: a.cccd } : {}),
				...(a.phone ? { phone: a.phone } : {}),
				...(a.email ? { email: a.email } : {}),
				...(a.address ? { address: a.address } : {})
			},
			answers: answers.data,
			consent: v.consent
		},
		errors
	};
}

/** Keys of required documents with no stored file. */
export function missingDocuments(p: CatalogueEntry, stored: StoredDocument[]): string[] {
	return p.documents
		.filter((d) => d.required && !stored.some((s) => s.document_key === d.key))
		.map((d) => d.key);
}
