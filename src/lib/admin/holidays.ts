/**
 * Holidays and swapped working days as the agency maintains them (issue 13, part B): the form's
 * schema, shared by the page and the server action. The database checks again (RLS: admins only;
 * a confirmed day must name its decision; every change audited by a trigger).
 */
import { z } from 'zod';

const optionalText = (max: number, message: string) =>
	z.string().trim().max(max, message).optional().default('');

export const holidaySchema = z
	.object({
		/** The day being edited (hidden field); empty when adding. */
		original_day: z
			.union([z.literal(''), z.iso.date()])
			.optional()
			.default(''),
		day: z.iso.date('admin_holidays_err_day'),
		name: z.string().trim().min(1, 'admin_holidays_err_name').max(200, 'admin_holidays_err_name'),
		kind: z.enum(['off', 'work'], { error: 'admin_holidays_err_kind' }),
		legal_basis: optionalText(500, 'admin_holidays_err_basis'),
		source_url: optionalText(500, 'admin_holidays_err_url'),
		is_confirmed: z
			.union([z.literal('on'), z.literal('true'), z.literal('')])
			.optional()
			.transform((v) => v === 'on' || v === 'true')
	})
	.superRefine((v, ctx) => {
		if (v.legal_basis !== '' && v.legal_basis.length < 3)
			ctx.addIssue({ code: 'custom', path: ['legal_basis'], message: 'admin_holidays_err_basis' });
		if (v.is_confirmed && v.legal_basis === '')
			ctx.addIssue({
				code: 'custom',
				path: ['legal_basis'],
				message: 'admin_holidays_err_basis_required'
			});
	});

export type HolidayInput = z.infer<typeof holidaySchema>;

export const deleteHolidaySchema = z.object({ day: z.iso.date('admin_holidays_err_day') });

export interface HolidayRow {
	day: string;
	name: string;
	is_day_off: boolean;
	legal_basis: string | null;
	source_url: string | null;
	is_confirmed: boolean;
	confirmed_at: string | null;
}

/** The row to write from a valid form. */
export function holidayRow(v: HolidayInput) {
	return {
		day: v.day,
		name: v.name,
		is_day_off: v.kind === 'off',
		legal_basis: v.legal_basis || null,
		source_url: v.source_url || null,
		is_confirmed: v.is_confirmed
	};
}

/** Years the screen offers: the year asked for, clamped to a sane range. */
export function parseYear(raw: string | null, fallback: number): number {
	const n = Number(raw);
	return Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : fallback;
}
