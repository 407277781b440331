/**
 * Field definitions of a procedure's online form (stored per version in
 * procedure_versions.fields) and their translation into one zod schema, used by the form (client
 * hints) and the form action (authoritative). The database re-checks the same rules in
 * private.invalid_application_field(), so a forged POST cannot bypass them.
 */
import { z } from 'zod';

export const FIELD_TYPES = [
	'text',
	'textarea',
	'date',
	'number',
	'select',
	'cccd',
	'phone',
	'money'
] as const;
type FieldType = (typeof FIELD_TYPES)[number];

interface FieldOption {
	value: string;
	label_vi: string;
	label_en: string;
}

export interface FieldDefinition {
	name: string;
	label_vi: string;
	label_en: string;
	type: FieldType;
	required?: boolean;
	options?: FieldOption[];
	max_length?: number;
	help_vi?: string;
	help_en?: string;
}

/** Validates the definitions themselves (admin input, seed). */
const fieldDefinitionSchema = z
	.object({
		name: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/),
		label_vi: z.string().min(1).max(200),
		label_en: z.string().min(1).max(200),
		type: z.enum(FIELD_TYPES),
		required: z.boolean().optional(),
		options: z
			.array(z.object({ value: z.string().min(1), label_vi: z.string(), label_en: z.string() }))
			.optional(),
		max_length: z.number().int().positive().max(10000).optional(),
		help_vi: z.string().optional(),
		help_en: z.string().optional()
	})
	.refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, {
		message: 'select_needs_options'
	});
export const fieldDefinitionsSchema = z
	.array(fieldDefinitionSchema)
	.refine((fs) => new Set(fs.map((f) => f.name)).size === fs.length, {
		message: 'duplicate_field_name'
	});

/** Default maximum lengths, the same as the SQL check. */
function maxLength(f: FieldDefinition): number {
	return f.max_length ?? (f.type === 'textarea' ? 2000 : 200);
}

/** Message keys (procedures_error_*): zod errors carry keys, the page translates them. */
export const ERR = {
	required: 'procedures_error_required',
	tooLong: 'procedures_error_too_long',
	cccd: 'procedures_error_cccd',
	phone: 'procedures_error_phone',
	date: 'procedures_error_date',
	number: 'procedures_error_number',
	money: 'procedures_error_money',
	option: 'procedures_error_option'
} as const;

const CCCD = /^[0-9]{12}$/;
const PHONE = /^(0[0-9]{9}|\+84[0-9]{9})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "1.500.000 đ" → "1500000"; spaces and dots are how people write money in Vietnam. */
export function normaliseMoney(raw: string): string {
	return raw.replace(/[\s.,_]|đ|vnd|vnđ/gi, '');
}

/** Phone as typed ("0912 345 678", "+84 912…") → the stored form. */
export function normalisePhone(raw: string): string {
	return raw.replace(/[\s.\-()]/g, '');
}

function isRealDate(s: string): boolean {
	if (!DATE.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The zod schema of one field's value (a string from a form, or undefined). */
function fieldSchema(f: FieldDefinition): z.ZodType<string | undefined> {
	const max = maxLength(f);
	return z
		.string()
		.optional()
		.transform((v, ctx) => {
			let s = (v ?? '').trim();
			if (f.type === 'money') s = normaliseMoney(s);
			if (f.type === 'phone' || f.type === 'cccd') s = normalisePhone(s);
			if (f.type === 'number') s = s.replace(/\s/g, '');
			if (s === '') {
				if (f.required) ctx.addIssue({ code: 'custom', message: ERR.required });
				return undefined;
			}
			if (s.length > max) {
				ctx.addIssue({ code: 'custom', message: ERR.tooLong, params: { max } });
				return s;
			}
			const bad =
				(f.type === 'cccd' && !CCCD.test(s) && ERR.cccd) ||
				(f.type === 'phone' && !PHONE.test(s) && ERR.phone) ||
				(f.type === 'date' && !isRealDate(s) && ERR.date) ||
				(f.type === 'number' && !/^-?[0-9]+([.,][0-9]+)?$/.test(s) && ERR.number) ||
				(f.type === 'money' && !/^[0-9]{1,18}$/.test(s) && ERR.money) ||
				(f.type === 'select' && !(f.options ?? []).some((o) => o.value === s) && ERR.option);
			if (bad) ctx.addIssue({ code: 'custom', message: bad });
			return s;
		});
}

/**
 * The zod schema of a whole answers object for these definitions. Unknown keys are dropped
 * (the SQL refuses them), empty optional answers are left out.
 */
export function answersSchema(fields: FieldDefinition[]) {
	const shape: Record<string, z.ZodType<string | undefined>> = {};
	for (const f of fields) shape[f.name] = fieldSchema(f);
	return z.object(shape).transform((o) => {
		const out: Record<string, string> = {};
		for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
		return out;
	});
}

/** Picks the answers out of submitted form data (fields are named `answers.<name>`). */
export function answersFromForm(fields: FieldDefinition[], form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const f of fields) {
		const v = form.get(`answers.${f.name}`);
		if (typeof v === 'string') out[f.name] = v;
	}
	return out;
}

/** First issue per path, as `{ 'answers.so_ban_an': 'procedures_error_required' }`. */
export function issuesByField(error: z.ZodError, prefix = ''): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = prefix + issue.path.map(String).join('.');
		if (!(key in out)) out[key] = issue.message;
	}
	return out;
}
