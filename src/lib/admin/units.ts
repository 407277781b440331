/**
 * The unit directory as admins maintain it (issue 13, part B): the edit form's schema, shared by
 * the page and the server action. The database checks again (RLS: admins; constraints: code
 * format, validity, a confirmed name names its source; audit trigger).
 */
import { z } from 'zod';

const text = (max: number, message: string) =>
	z.string().trim().max(max, message).optional().default('');
const box = z
	.union([z.literal('on'), z.literal('')])
	.optional()
	.transform((v) => v === 'on');

export const unitSchema = z
	.object({
		id: z
			.union([z.literal(''), z.uuid()])
			.optional()
			.default(''),
		level: z.enum(['cuc', 'tinh', 'khu_vuc'], { error: 'admin_units_err_level' }),
		parent_id: z
			.union([z.literal(''), z.uuid()])
			.optional()
			.default(''),
		code: z
			.string()
			.trim()
			.toUpperCase()
			.regex(/^[A-Z0-9-]{2,20}$/, 'admin_units_err_code'),
		name: z.string().trim().min(3, 'admin_units_err_name').max(200, 'admin_units_err_name'),
		short_name: text(100, 'admin_units_err_text'),
		province_name: text(100, 'admin_units_err_text'),
		address: text(300, 'admin_units_err_text'),
		phone: text(40, 'admin_units_err_text'),
		email: z
			.union([z.literal(''), z.string().trim().email('admin_units_err_email')])
			.optional()
			.default(''),
		reception_hours: text(500, 'admin_units_err_text'),
		valid_from: z.iso.date('admin_units_err_date'),
		valid_to: z
			.union([z.literal(''), z.iso.date('admin_units_err_date')])
			.optional()
			.default(''),
		predecessor_id: z
			.union([z.literal(''), z.uuid()])
			.optional()
			.default(''),
		name_source: text(500, 'admin_units_err_text'),
		name_confirmed: box,
		contact_confirmed: box
	})
	.superRefine((v, ctx) => {
		if (v.name_confirmed && v.name_source.length < 3)
			ctx.addIssue({ code: 'custom', path: ['name_source'], message: 'admin_units_err_source' });
		if (v.valid_to && v.valid_to < v.valid_from)
			ctx.addIssue({ code: 'custom', path: ['valid_to'], message: 'admin_units_err_validity' });
		if (v.level !== 'cuc' && !v.parent_id)
			ctx.addIssue({ code: 'custom', path: ['parent_id'], message: 'admin_units_err_parent' });
	});

export type UnitInput = z.infer<typeof unitSchema>;

export function unitRow(v: UnitInput) {
	const orNull = (s: string) => (s === '' ? null : s);
	return {
		level: v.level,
		parent_id: orNull(v.parent_id),
		code: v.code,
		name: v.name,
		short_name: orNull(v.short_name),
		province_name: orNull(v.province_name),
		address: orNull(v.address),
		phone: orNull(v.phone),
		email: orNull(v.email),
		reception_hours: orNull(v.reception_hours),
		valid_from: v.valid_from,
		valid_to: orNull(v.valid_to),
		predecessor_id: orNull(v.predecessor_id),
		name_source: orNull(v.name_source),
		name_confirmed: v.name_confirmed,
		contact_confirmed: v.contact_confirmed
	};
}

export interface UnitRow {
	id: string;
	parent_id: string | null;
	level: 'cuc' | 'tinh' | 'khu_vuc';
	code: string;
	name: string;
	short_name: string | null;
	province_name: string | null;
	address: string | null;
	phone: string | null;
	email: string | null;
	reception_hours: string | null;
	valid_from: string;
	valid_to: string | null;
	predecessor_id: string | null;
	name_source: string | null;
	name_confirmed: boolean;
	contact_confirmed: boolean;
}

export const UNIT_COLUMNS =
	'id, parent_id, level, code, name, short_name, province_name, address, phone, email, reception_hours, valid_from, valid_to, predecessor_id, name_source, name_confirmed, contact_confirmed';
