/**
 * zod schemas of the procedures feature's inputs. Errors carry message keys (procedures_error_*),
 * translated by the page. The SQL functions repeat every hard limit.
 */
import { z } from 'zod';
import { canonicalPhone, isCccd } from '$lib/identity';
import { ERR, normalisePhone } from './fields';

const trimmed = () =>
	z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim());

/** The applicant block common to every procedure (the procedure-specific answers come from fields.ts). */
export const applicantSchema = z
	.object({
		name: trimmed().pipe(z.string().min(2, ERR.required).max(200, ERR.tooLong)),
		cccd: trimmed()
			.transform((v) => normalisePhone(v))
			.refine((v) => v === '' || isCccd(v), ERR.cccd),
		phone: trimmed()
			.transform((v) => (v ? (canonicalPhone(v) ?? v) : ''))
			.pipe(z.string().regex(/^(0[0-9]{9})?$/, ERR.phone)),
		email: trimmed().pipe(
			z.union([z.literal(''), z.email('procedures_error_email').max(254, ERR.tooLong)])
		),
		address: trimmed().pipe(z.string().max(500, ERR.tooLong))
	})
	.superRefine((a, ctx) => {
		if (!a.phone && !a.email)
			ctx.addIssue({ code: 'custom', path: ['phone'], message: 'procedures_error_contact' });
	});

export const consentSchema = z
	.string()
	.optional()
	.refine((v) => v === 'yes' || v === 'on' || v === 'true', 'procedures_error_consent');

export const unitIdSchema = z.uuid('procedures_error_unit');

/** Tracking code + secret, as typed (spaces and lower case forgiven). */
export const codeSchema = z
	.string()
	.transform((v) => v.toUpperCase().replace(/[^A-Z0-9]/g, ''))
	.pipe(z.string().regex(/^HS[2-9A-HJKMNP-Z]{8}$/, 'procedures_error_code'))
	.transform((v) => `HS-${v.slice(2, 6)}-${v.slice(6, 10)}`);
export const secretSchema = z
	.string()
	.transform((v) => v.toUpperCase().replace(/[^A-Z0-9]/g, ''))
	.pipe(z.string().regex(/^[2-9A-HJKMNP-Z]{8}$/, 'procedures_error_secret'));

export const ratingSchema = z.object({
	rating: z.coerce
		.number()
		.int('procedures_error_rating')
		.min(1, 'procedures_error_rating')
		.max(5, 'procedures_error_rating'),
	comment: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.string().max(1000, ERR.tooLong))
});

// ---- Staff actions ---------------------------------------------------------------------------

export const requestDocumentsSchema = z.object({
	what: z.string().trim().min(3, ERR.required).max(2000, ERR.tooLong),
	due_by: z.iso.date('procedures_error_date')
});

export const refuseSchema = z.object({
	reasons: z.string().trim().min(5, ERR.required).max(2000, ERR.tooLong)
});

export const returnSchema = z.object({
	via: z.enum(['online', 'desk'], 'procedures_error_option')
});

export const assignSchema = z.object({ assignee: z.uuid('procedures_error_option') });

export const apologySchema = z.object({
	reason: z.string().trim().min(3, ERR.required).max(2000, ERR.tooLong),
	// Always a new return date (NĐ 118/2025: phiếu xin lỗi và hẹn lại ngày trả kết quả).
	new_due_date: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.iso.date('procedures_error_date'))
});

export const resultSchema = z.object({
	note: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.string().max(2000, ERR.tooLong))
});
