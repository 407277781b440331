/**
 * The admin's edit of a catalogue entry (one new procedure version), as one zod schema used by the
 * edit page in the browser (before posting) and by its form action (authoritative). The field
 * definitions are checked by fieldDefinitionsSchema from fields.ts, the same rules the
 * application form is generated from; the database repeats the shape checks as constraints
 * (private.procedure_fields_problem / procedure_documents_problem, migration 20261126000420).
 *
 * Documents and form fields come as repeatable rows (`documents.0.label_vi`, `fields.2.type`…), not
 * JSON: editors type names and labels, the technical keys are kept from the previous version or
 * made from the Vietnamese name. Row buttons (add, remove, move) post `row_action`; without
 * JavaScript the server applies it with applyRowAction() and re-renders, with JavaScript the page
 * applies the same function in place.
 *
 * Errors are message keys with parameters ({ key, params }), translated by the page.
 */
import { z } from 'zod';
import {
	ERR,
	FIELD_TYPES,
	fieldDefinitionsSchema,
	normaliseMoney,
	type FieldDefinition
} from './fields';
import { normalise } from './search';

export const MODES = ['online_full', 'online_partial', 'in_person', 'post'] as const;

export const MAX_FIELDS = 40;
export const MAX_DOCUMENTS = 30;

/** A required document of the catalogue (procedure_versions.documents[]). */
const documentSchema = z.object({
	key: z.string().regex(/^[a-z][a-z0-9_]{0,79}$/),
	label_vi: z.string().trim().min(1).max(300),
	label_en: z.string().trim().min(1).max(300),
	required: z.boolean().optional(),
	note_vi: z.string().max(1000).optional(),
	note_en: z.string().max(1000).optional(),
	/** How many copies, and in which form (bản chính / bản sao…), when the law says. */
	copies: z.number().int().min(1).max(20).optional(),
	form: z.enum(['original', 'copy', 'certified_copy', 'original_or_copy']).optional(),
	template_attachment_id: z.uuid().nullable().optional()
});
export const DOC_FORMS = ['original', 'copy', 'certified_copy', 'original_or_copy'] as const;
const documentsSchema = z
	.array(documentSchema)
	.max(MAX_DOCUMENTS)
	.refine((ds) => new Set(ds.map((d) => d.key)).size === ds.length, {
		message: 'duplicate_document_key'
	})
	.transform((ds) => ds.map((d) => ({ ...d, required: d.required ?? false })));

/** Editors' marks such as "[check]" belong in check_note (staff only), never in what citizens read. */
const EDITOR_MARK = /\[check\]/i;

const staffText = (max: number, min = 0) =>
	z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.string().min(min, ERR.required).max(max, ERR.tooLong));

const text = (max: number, min = 0) =>
	staffText(max, min).refine((v) => !EDITOR_MARK.test(v), 'procedures_catalogue_error_editor_mark');

/** One document row as posted (strings and checkboxes). */
export interface DocRow {
	key: string;
	label_vi: string;
	label_en: string;
	copies: string;
	form: string;
	required: boolean;
	note_vi: string;
	note_en: string;
	template_attachment_id: string;
}

/** One form-field row as posted. Options: one per line, "Tiếng Việt | English". */
export interface FieldRow {
	name: string;
	label_vi: string;
	label_en: string;
	type: string;
	required: boolean;
	help_vi: string;
	help_en: string;
	options: string;
	/** The previous version's option values, in order (kept so stored answers keep their meaning). */
	option_values: string;
	max_length: string;
}

const DOC_PROPS_ROW = [
	'key',
	'label_vi',
	'label_en',
	'copies',
	'form',
	'required',
	'note_vi',
	'note_en',
	'template_attachment_id'
] as const;
const FIELD_PROPS_ROW = [
	'name',
	'label_vi',
	'label_en',
	'type',
	'required',
	'help_vi',
	'help_en',
	'options',
	'option_values',
	'max_length'
] as const;

const emptyDocRow = (): DocRow => ({
	key: '',
	label_vi: '',
	label_en: '',
	copies: '1',
	form: 'original',
	required: true,
	note_vi: '',
	note_en: '',
	template_attachment_id: ''
});
const emptyFieldRow = (): FieldRow => ({
	name: '',
	label_vi: '',
	label_en: '',
	type: 'text',
	required: false,
	help_vi: '',
	help_en: '',
	options: '',
	option_values: '',
	max_length: ''
});

/** A stored document as a row. */
export function docRow(d: Record<string, unknown>): DocRow {
	return {
		key: String(d.key ?? ''),
		label_vi: String(d.label_vi ?? ''),
		label_en: String(d.label_en ?? ''),
		copies: d.copies == null ? '' : String(d.copies),
		form: String(d.form ?? ''),
		required: d.required === true,
		note_vi: String(d.note_vi ?? ''),
		note_en: String(d.note_en ?? ''),
		template_attachment_id: String(d.template_attachment_id ?? '')
	};
}

/** A stored field definition as a row. */
export function fieldRow(f: FieldDefinition): FieldRow {
	return {
		name: f.name,
		label_vi: f.label_vi,
		label_en: f.label_en,
		type: f.type,
		required: f.required === true,
		help_vi: f.help_vi ?? '',
		help_en: f.help_en ?? '',
		options: (f.options ?? []).map((o) => `${o.label_vi} | ${o.label_en}`).join('\n'),
		option_values: (f.options ?? []).map((o) => o.value).join(','),
		max_length: f.max_length == null ? '' : String(f.max_length)
	};
}

/** "Giấy tờ tùy thân" → "giay_to_tuy_than": a key from a Vietnamese name, unique among `taken`. */
export function slugKey(label: string, fallback: string, taken: Set<string>, max = 50): string {
	let base = normalise(label).replace(/ /g, '_').slice(0, max).replace(/_+$/, '');
	if (!/^[a-z]/.test(base)) base = base ? `${fallback}_${base}` : fallback;
	let key = base;
	for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
	taken.add(key);
	return key;
}

/** Keys kept from the previous version, new ones made from the name (same on client and server). */
function withKeys<T extends { label_vi: string }>(
	rows: T[],
	prop: 'key' | 'name',
	fallback: string
): (T & { _key: string })[] {
	const taken = new Set<string>();
	const kept = rows.map((r) => {
		const k = String((r as Record<string, unknown>)[prop] ?? '').trim();
		if (k && !taken.has(k)) {
			taken.add(k);
			return k;
		}
		return '';
	});
	return rows.map((r, i) => ({ ...r, _key: kept[i] || slugKey(r.label_vi, fallback, taken) }));
}

/** Option lines → options, keeping the previous values where there were some. */
export function parseOptions(
	text: string,
	previous: string
): { value: string; label_vi: string; label_en: string }[] {
	const old = previous
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
	const taken = new Set<string>();
	return text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean)
		.map((line, i) => {
			const [vi = '', en = ''] = line.split('|').map((p) => p.trim());
			const keep = old[i] && !taken.has(old[i]!) ? old[i]! : '';
			if (keep) taken.add(keep);
			const value = keep || slugKey(vi, 'lua_chon', taken);
			return { value, label_vi: vi, label_en: en || vi };
		});
}

const docRowSchema = z.object({
	key: z.string().optional(),
	label_vi: text(300, 1),
	label_en: text(300, 1),
	copies: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.string().regex(/^([1-9]|1[0-9]|20)?$/, 'procedures_catalogue_error_copies')),
	form: z.enum(['', ...DOC_FORMS], 'procedures_error_option').optional(),
	required: z.boolean(),
	note_vi: text(1000),
	note_en: text(1000),
	template_attachment_id: z.string().optional()
});

const fieldRowSchema = z
	.object({
		name: z.string().optional(),
		label_vi: text(200, 1),
		label_en: text(200, 1),
		type: z.enum(FIELD_TYPES, 'procedures_catalogue_error_row_type'),
		required: z.boolean(),
		help_vi: text(500),
		help_en: text(500),
		options: z.string().optional(),
		option_values: z.string().optional(),
		max_length: z.string().optional()
	})
	.superRefine((f, ctx) => {
		if (f.type !== 'select') return;
		const opts = parseOptions(f.options ?? '', f.option_values ?? '');
		if (!opts.length)
			ctx.addIssue({
				code: 'custom',
				path: ['options'],
				message: 'procedures_catalogue_error_row_options'
			});
		else if (opts.some((o) => EDITOR_MARK.test(o.label_vi + o.label_en)))
			ctx.addIssue({
				code: 'custom',
				path: ['options'],
				message: 'procedures_catalogue_error_editor_mark'
			});
	});

/** Rows → the stored documents (keys kept or made). */
const documentRows = z.array(docRowSchema).transform((rows) =>
	withKeys(rows, 'key', 'giay_to').map((r) => {
		const d: Record<string, unknown> = {
			key: r._key,
			label_vi: r.label_vi,
			label_en: r.label_en,
			required: r.required
		};
		if (r.note_vi) d.note_vi = r.note_vi;
		if (r.note_en) d.note_en = r.note_en;
		if (r.copies) d.copies = Number(r.copies);
		if (r.form) d.form = r.form;
		if (r.template_attachment_id) d.template_attachment_id = r.template_attachment_id;
		return d;
	})
);

/** Rows → the stored field definitions (names kept or made). */
const fieldRows = z.array(fieldRowSchema).transform((rows) =>
	withKeys(rows, 'name', 'truong').map((r) => {
		const f: Record<string, unknown> = {
			name: r._key,
			label_vi: r.label_vi,
			label_en: r.label_en,
			type: r.type,
			required: r.required
		};
		if (r.help_vi) f.help_vi = r.help_vi;
		if (r.help_en) f.help_en = r.help_en;
		if (r.type === 'select') f.options = parseOptions(r.options ?? '', r.option_values ?? '');
		if (/^[0-9]+$/.test(r.max_length ?? '')) f.max_length = Number(r.max_length);
		return f;
	})
);

/**
 * The citizen's form as the rows describe it now, for the editor's preview: rows without a
 * Vietnamese label or a known type are left out, everything else is shown as it will be asked.
 */
export function previewFields(rows: FieldRow[]): FieldDefinition[] {
	const usable = rows.filter(
		(r) => r.label_vi.trim() && (FIELD_TYPES as readonly string[]).includes(r.type)
	);
	return withKeys(usable, 'name', 'truong').map((r) => ({
		name: r._key,
		label_vi: r.label_vi.trim(),
		label_en: r.label_en.trim() || r.label_vi.trim(),
		type: r.type as FieldDefinition['type'],
		required: r.required,
		help_vi: r.help_vi.trim() || undefined,
		help_en: r.help_en.trim() || undefined,
		options: r.type === 'select' ? parseOptions(r.options, r.option_values) : undefined
	}));
}

const versionFormSchema = z.object({
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
	documents: documentRows.pipe(documentsSchema),
	fields: fieldRows.pipe(fieldDefinitionsSchema.max(MAX_FIELDS))
});
export type VersionInput = z.infer<typeof versionFormSchema>;

/** Rows posted as `<list>.<index>.<prop>`, in index order (gaps closed). */
function rowsFromForm<T extends object>(
	form: FormData,
	list: 'documents' | 'fields',
	props: readonly string[],
	booleans: readonly string[]
): T[] {
	const indices = new Set<number>();
	const re = new RegExp(`^${list}\\.(\\d{1,3})\\.`);
	for (const key of form.keys()) {
		const hit = re.exec(key);
		if (hit) indices.add(Number(hit[1]));
	}
	return [...indices]
		.sort((a, b) => a - b)
		.map((i) => {
			const row: Record<string, unknown> = {};
			for (const p of props) {
				const v = form.get(`${list}.${i}.${p}`);
				row[p] = booleans.includes(p) ? v === 'on' : String(v ?? '');
			}
			return row as T;
		});
}

/** The form's values (what the page re-displays after an error or a row action). */
export function valuesFromForm(form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(versionFormSchema.shape)) {
		if (key === 'modes') out.modes = form.getAll('modes').map(String);
		else if (key === 'needs_check') out.needs_check = form.get('needs_check') === 'on';
		else if (key === 'documents')
			out.documents = rowsFromForm<DocRow>(form, 'documents', DOC_PROPS_ROW, ['required']);
		else if (key === 'fields')
			out.fields = rowsFromForm<FieldRow>(form, 'fields', FIELD_PROPS_ROW, ['required']);
		else out[key] = String(form.get(key) ?? '');
	}
	return out;
}

/**
 * A row button: "documents.add", "fields.remove.2", "documents.up.1", "fields.down.0". Returns the
 * new rows and the id of the control to focus next (the moved row's first input, the new row's,
 * or the add button after a removal), or null for an unknown action.
 */
export function applyRowAction(
	values: Record<string, unknown>,
	action: string
): { values: Record<string, unknown>; focus: string } | null {
	const m = /^(documents|fields)\.(add|remove|up|down)(?:\.(\d{1,3}))?$/.exec(action);
	if (!m) return null;
	const list = m[1] as 'documents' | 'fields';
	const op = m[2]!;
	const rows = [...((values[list] as unknown[] | undefined) ?? [])];
	const i = Number(m[3] ?? -1);
	const max = list === 'documents' ? MAX_DOCUMENTS : MAX_FIELDS;
	let focus = `${list}-add`;
	if (op === 'add') {
		if (rows.length >= max) return { values, focus };
		rows.push(list === 'documents' ? emptyDocRow() : emptyFieldRow());
		focus = `${list}.${rows.length - 1}.label_vi`;
	} else if (i < 0 || i >= rows.length) return null;
	else if (op === 'remove') rows.splice(i, 1);
	else {
		const j = op === 'up' ? i - 1 : i + 1;
		if (j < 0 || j >= rows.length) return { values, focus: `${list}.${i}.label_vi` };
		[rows[i], rows[j]] = [rows[j], rows[i]];
		focus = `${list}.${j}.label_vi`;
	}
	return { values: { ...values, [list]: rows }, focus };
}

export interface VersionIssue {
	key: string;
	params?: Record<string, string>;
}

/**
 * First issue per form control, as message keys. A row's issue is keyed by the row's control
 * (`documents.1.label_vi`) and carries the row ({ row: 'doc' | 'field', n }), so the summary can say
 * which row; list-wide issues (duplicates, too many) are keyed by the list.
 */
function versionIssues(error: z.ZodError): Record<string, VersionIssue> {
	const out: Record<string, VersionIssue> = {};
	for (const issue of error.issues) {
		const [field, index, prop] = issue.path.map(String);
		if (!field) continue;
		const message = issue.message.startsWith('procedures_') ? issue.message : ERR.required;
		if (field !== 'fields' && field !== 'documents') {
			if (!(field in out)) out[field] = { key: message };
			continue;
		}
		const row = { row: field === 'fields' ? 'field' : 'doc', n: String(Number(index) + 1) };
		if (index !== undefined && prop) {
			const id = `${field}.${index}.${prop}`;
			if (!(id in out)) out[id] = { key: message, params: row };
			continue;
		}
		if (field in out) continue;
		if (issue.message === 'duplicate_field_name')
			out[field] = { key: 'procedures_catalogue_error_field_duplicate' };
		else if (issue.message === 'duplicate_document_key')
			out[field] = { key: 'procedures_catalogue_error_doc_duplicate' };
		else if (index !== undefined)
			out[field] = {
				key:
					issue.message === 'select_needs_options'
						? 'procedures_catalogue_error_row_options'
						: message,
				params: row
			};
		else
			out[field] = {
				key: 'procedures_catalogue_error_too_many',
				params: { max: String(field === 'fields' ? MAX_FIELDS : MAX_DOCUMENTS) }
			};
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

/** The reason an approver gives when returning a draft (the SQL function checks 3–1000 too). */
export const returnReasonSchema = z
	.string('procedures_catalogue_error_reason')
	.transform((v) => v.trim())
	.pipe(
		z
			.string()
			.min(3, 'procedures_catalogue_error_reason')
			.max(1000, 'procedures_catalogue_error_reason')
	);
