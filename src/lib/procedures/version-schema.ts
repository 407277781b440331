/**
 * The admin's edit of a catalogue entry (one new procedure version), as one zod schema used by the
 * edit page in the browser (before posting) and by its form action (authoritative). The field
 * definitions are checked by fieldDefinitionsSchema from fields.ts, the same rules the
 * application form is generated from; the database repeats the shape checks as constraints
 * (private.procedure_fields_problem / procedure_documents_problem, migration 20261126000420).
 *
 * Errors are message keys with parameters ({ key, params }), translated by the page.
 */
import { z } from 'zod';
import { ERR, fieldDefinitionsSchema, normaliseMoney } from './fields';

export const MODES = ['online_full', 'online_partial', 'in_person', 'post'] as const;

export const MAX_FIELDS = 40;
export const MAX_DOCUMENTS = 30;

/** A required document of the catalogue (procedure_versions.documents[]). */
export const documentSchema = z.object({
	key: z.string().regex(/^[a-z][a-z0-9_]{0,79}$/),
	label_vi: z.string().trim().min(1).max(300),
	label_en: z.string().trim().min(1).max(300),
	required: z.boolean().optional(),
	note_vi: z.string().max(1000).optional(),
	note_en: z.string().max(1000).optional(),
	template_attachment_id: z.uuid().nullable().optional()
});
export const documentsSchema = z
	.array(documentSchema)
	.max(MAX_DOCUMENTS)
	.refine((ds) => new Set(ds.map((d) => d.key)).size === ds.length, {
		message: 'duplicate_document_key'
	})
	.transform((ds) => ds.map((d) => ({ ...d, required: d.required ?? false })));

/** Editors' marks such as "[check]" belong in check_note (staff only), never in what citizens read. */
export const EDITOR_MARK = /\[check\]/i;

const staffText = (max: number, min = 0) =>
	z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.string().min(min, ERR.required).max(max, ERR.tooLong));

const text = (max: number, min = 0) =>
	staffText(max, min).refine((v) => !EDITOR_MARK.test(v), 'procedures_catalogue_error_editor_mark');

/** JSON typed into a textarea → the parsed value, or an issue the admin can act on. */
const json = z
	.string()
	.optional()
	.transform((v, ctx) => {
		const s = (v ?? '').trim() || '[]';
		try {
			return JSON.parse(s) as unknown;
		} catch {
			ctx.addIssue({ code: 'custom', message: 'procedures_catalogue_error_json' });
			return z.NEVER;
		}
	});

export const versionFormSchema = z.object({
	base_version: z.coerce.number().int().positive(),
	topic_code: z.string().regex(/^[a-z_]{2,40}$/, 'procedures_error_option'),
	name_vi: text(300, 3),
	name_en: text(300, 3),
	summary_vi: text(2000),
	summary_en: text(2000),
	applicants_vi: text(2000),
	applicants_en: text(2000),
	processing_days: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.string().regex(/^[0-9]{1,3}$/, 'procedures_catalogue_error_days'))
		.transform(Number)
		.pipe(z.number().max(365, 'procedures_catalogue_error_days')),
	processing_note_vi: text(1000),
	processing_note_en: text(1000),
	fee_amount: z
		.string()
		.optional()
		.transform((v) => normaliseMoney((v ?? '').trim()) || '0')
		.pipe(z.string().regex(/^[0-9]{1,15}$/, ERR.money))
		.transform(Number),
	fee_vi: text(300, 1),
	fee_en: text(300, 1),
	legal_basis: text(2000),
	modes: z
		.array(z.enum(MODES, 'procedures_error_option'))
		.min(1, 'procedures_catalogue_error_modes'),
	where_vi: text(1000),
	where_en: text(1000),
	result_vi: text(1000),
	result_en: text(1000),
	template_ref: text(200),
	needs_check: z.boolean(),
	check_note: staffText(1000),
	documents: json.pipe(documentsSchema),
	fields: json.pipe(fieldDefinitionsSchema.max(MAX_FIELDS))
});
export type VersionInput = z.infer<typeof versionFormSchema>;

/** The form's values as strings (what the page re-displays after an error). */
export function valuesFromForm(form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(versionFormSchema.shape)) {
		if (key === 'modes') out.modes = form.getAll('modes').map(String);
		else if (key === 'needs_check') out.needs_check = form.get('needs_check') === 'on';
		else out[key] = String(form.get(key) ?? '');
	}
	return out;
}

export interface VersionIssue {
	key: string;
	params?: Record<string, string>;
}

const FIELD_PROPS: Record<string, string> = {
	name: 'procedures_catalogue_error_field_name',
	label_vi: 'procedures_catalogue_error_field_label',
	label_en: 'procedures_catalogue_error_field_label',
	type: 'procedures_catalogue_error_field_type',
	options: 'procedures_catalogue_error_field_options'
};
const DOC_PROPS: Record<string, string> = {
	key: 'procedures_catalogue_error_doc_key',
	label_vi: 'procedures_catalogue_error_doc_label',
	label_en: 'procedures_catalogue_error_doc_label'
};

/**
 * First issue per form field, as message keys. Issues inside the JSON lists name the item
 * ("Trường thứ 2…") and the property, because zod's own sentences are English and generic.
 */
export function versionIssues(error: z.ZodError): Record<string, VersionIssue> {
	const out: Record<string, VersionIssue> = {};
	for (const issue of error.issues) {
		const [field, index, prop] = issue.path.map(String);
		if (!field || field in out) continue;
		if (field !== 'fields' && field !== 'documents') {
			out[field] = { key: issue.message.startsWith('procedures_') ? issue.message : ERR.required };
			continue;
		}
		const isFields = field === 'fields';
		if (issue.message.startsWith('procedures_')) out[field] = { key: issue.message };
		else if (issue.message === 'duplicate_field_name')
			out[field] = { key: 'procedures_catalogue_error_field_duplicate' };
		else if (issue.message === 'duplicate_document_key')
			out[field] = { key: 'procedures_catalogue_error_doc_duplicate' };
		else if (index === undefined)
			out[field] = {
				key:
					issue.code === 'too_big'
						? 'procedures_catalogue_error_too_many'
						: 'procedures_catalogue_error_list',
				params: { max: String(isFields ? MAX_FIELDS : MAX_DOCUMENTS) }
			};
		else {
			const n = String(Number(index) + 1);
			const props = isFields ? FIELD_PROPS : DOC_PROPS;
			const key =
				issue.message === 'select_needs_options'
					? 'procedures_catalogue_error_field_options'
					: ((prop && props[prop]) ??
						(isFields
							? 'procedures_catalogue_error_field_other'
							: 'procedures_catalogue_error_doc_other'));
			out[field] = { key, params: { n, prop: prop ?? '' } };
		}
	}
	return out;
}

/** Parses the posted form: the version to publish, or the issues by field. */
export function parseVersion(
	form: FormData
):
	| { ok: true; data: VersionInput; values: Record<string, unknown> }
	| { ok: false; issues: Record<string, VersionIssue>; values: Record<string, unknown> } {
	const values = valuesFromForm(form);
	const r = versionFormSchema.safeParse(values);
	return r.success
		? { ok: true, data: r.data, values }
		: { ok: false, issues: versionIssues(r.error), values };
}
