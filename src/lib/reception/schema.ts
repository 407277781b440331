/*
 * Reception inputs: one zod schema per form, used by the form action (authoritative) and by the
 * browser for hints. Error messages are message keys (reception_error_*), never sentences.
 * The database repeats the hard limits (20261126000302_reception_booking.sql).
 */
import { z } from 'zod';
import { canonicalPhone, isCccd } from '$lib/identity';
import { Constants } from '$lib/database.types';

/** From the database's enum public.reception_topic (the lookup table's codes must be its values). */
export const TOPICS = Constants.public.Enums.reception_topic;
export type Topic = (typeof TOPICS)[number];
export const OUTCOMES = ['huong_dan', 'nhan_don', 'chuyen_don', 'tu_choi'] as const;
export const REFUSAL_REASONS = [
	'intoxicated',
	'threatening',
	'settled_matter',
	'other_legal'
] as const;

/** Vietnamese mobile: 10 digits starting with 0, or +84 and 9 digits (spaces and dots allowed). */
export const normalizePhone = canonicalPhone;

const phone = z
	.string()
	.trim()
	.transform((v, ctx) => {
		const n = normalizePhone(v);
		if (!n) {
			ctx.addIssue({ code: 'custom', message: 'reception_error_invalid_phone' });
			return z.NEVER;
		}
		return n;
	});

const optionalText = (max: number, key: string) =>
	z
		.string()
		.trim()
		.max(max, key)
		.optional()
		.transform((v) => (v ? v : undefined));

/** Representatives typed one per line (a group of five or more names 1 to 5 of them). */
export function parseRepresentatives(text: string | undefined | null): string[] {
	return (text ?? '')
		.split(/\r?\n/)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

const visitorShape = {
	full_name: z
		.string()
		.trim()
		.min(2, 'reception_error_invalid_name')
		.max(120, 'reception_error_invalid_name'),
	cccd: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v.replace(/\s/g, '') : undefined))
		.refine((v) => v === undefined || isCccd(v), 'reception_error_invalid_cccd'),
	people_count: z.coerce
		.number({ error: 'reception_error_invalid_people_count' })
		.int('reception_error_invalid_people_count')
		.min(1, 'reception_error_invalid_people_count')
		.max(100, 'reception_error_invalid_people_count'),
	representatives: z.array(z.string().min(2, 'reception_error_invalid_name').max(120)).default([]),
	topic: z.enum(TOPICS, { error: 'reception_error_invalid_topic' }),
	case_number: optionalText(100, 'reception_error_too_long'),
	summary: optionalText(2000, 'reception_error_too_long'),
	wants_head: z.boolean().default(false)
};

function checkGroup(
	v: { people_count: number; representatives: string[] },
	ctx: z.RefinementCtx
): void {
	if (v.people_count >= 5 && v.representatives.length === 0) {
		ctx.addIssue({
			code: 'custom',
			path: ['representatives'],
			message: 'reception_error_representatives_required'
		});
	}
	if (v.representatives.length > 5) {
		ctx.addIssue({
			code: 'custom',
			path: ['representatives'],
			message: 'reception_error_too_many_representatives'
		});
	}
}

/** Citizen booking details (step "who comes"). */
export const bookingDetailsSchema = z
	.object({
		...visitorShape,
		phone,
		email: z
			.string()
			.trim()
			.optional()
			.transform((v) => (v ? v : undefined))
			.refine(
				(v) => v === undefined || (v.length <= 200 && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)),
				'reception_error_invalid_email'
			),
		consent: z.literal(true, { error: 'reception_error_consent_required' })
	})
	.superRefine(checkGroup);

/** Booking code LH-XXXX-XXXX (dashes and case optional) and the 8-character secret. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function normalizeBookingCode(input: string): string | null {
	const v = input.toUpperCase().replace(/[\s-]/g, '');
	const re = new RegExp(`^LH[${CODE_ALPHABET}]{8}$`);
	if (!re.test(v)) return null;
	return `LH-${v.slice(2, 6)}-${v.slice(6, 10)}`;
}
const bookingCodeSchema = z
	.string()
	.trim()
	.transform((v, ctx) => {
		const n = normalizeBookingCode(v);
		if (!n) {
			ctx.addIssue({ code: 'custom', message: 'reception_error_invalid_code' });
			return z.NEVER;
		}
		return n;
	});
export const codeAndSecretSchema = z.object({
	code: bookingCodeSchema,
	secret: z
		.string()
		.trim()
		.transform((v) => v.toUpperCase().replace(/\s/g, ''))
		.refine((v) => /^[A-Z0-9]{8}$/.test(v), 'reception_error_invalid_secret')
});

/** Desk: walk-in (phone optional, seconds to fill). */
export const walkInSchema = z
	.object({
		...visitorShape,
		phone: z
			.string()
			.trim()
			.optional()
			.transform((v, ctx) => {
				if (!v) return undefined;
				const n = normalizePhone(v);
				if (!n) {
					ctx.addIssue({ code: 'custom', message: 'reception_error_invalid_phone' });
					return z.NEVER;
				}
				return n;
			}),
		/** The officer asked and the visitor agreed orally: recorded as consent evidence. */
		consent_oral: z.boolean().default(false)
	})
	.superRefine(checkGroup);

/** Desk: the reception record of one visit. */
export const visitRecordSchema = z
	.object({
		booking_id: z.uuid('reception_error_booking_not_found'),
		content: z
			.string()
			.trim()
			.min(1, 'reception_error_invalid_content')
			.max(5000, 'reception_error_too_long'),
		documents: z.string().trim().max(2000, 'reception_error_too_long').default(''),
		outcome: z.enum(OUTCOMES, { error: 'reception_error_invalid_outcome' }),
		refusal_reason: z.enum(REFUSAL_REASONS).optional(),
		forwarded_to: optionalText(300, 'reception_error_too_long'),
		note: optionalText(2000, 'reception_error_too_long'),
		with_head: z.boolean().default(false),
		petition_request: optionalText(5000, 'reception_error_too_long'),
		province: optionalText(100, 'reception_error_too_long'),
		consent: z.boolean().default(false),
		// The group as met at the desk (may differ from the booking).
		people_count: visitorShape.people_count.default(1),
		representatives: visitorShape.representatives
	})
	.superRefine((v, ctx) => {
		checkGroup(v, ctx);
		if (v.outcome === 'tu_choi' && !v.refusal_reason) {
			ctx.addIssue({
				code: 'custom',
				path: ['refusal_reason'],
				message: 'reception_error_refusal_reason_required'
			});
		}
		if (v.outcome === 'chuyen_don' && !v.forwarded_to) {
			ctx.addIssue({
				code: 'custom',
				path: ['forwarded_to'],
				message: 'reception_error_forwarded_to_required'
			});
		}
		if (v.outcome === 'nhan_don') {
			if (v.content.length < 20) {
				ctx.addIssue({
					code: 'custom',
					path: ['content'],
					message: 'reception_error_petition_content_short'
				});
			}
			if (!v.petition_request || v.petition_request.length < 5) {
				ctx.addIssue({
					code: 'custom',
					path: ['petition_request'],
					message: 'reception_error_petition_request_required'
				});
			}
			if (!v.consent) {
				ctx.addIssue({
					code: 'custom',
					path: ['consent'],
					message: 'reception_error_consent_required'
				});
			}
		}
	});

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'reception_error_invalid_time');
/** Staff: one row of the weekly schedule. */
export const scheduleRowSchema = z
	.object({
		weekday: z.coerce.number().int().min(1).max(7),
		start_time: time,
		end_time: time,
		slot_minutes: z.coerce
			.number({ error: 'reception_error_invalid_schedule' })
			.int()
			.min(5)
			.max(240),
		capacity: z.coerce.number({ error: 'reception_error_invalid_schedule' }).int().min(1).max(500)
	})
	.refine((r) => r.end_time > r.start_time, {
		message: 'reception_error_invalid_schedule',
		path: ['end_time']
	});
export type ScheduleRow = z.output<typeof scheduleRowSchema>;

export const closureSchema = z.object({
	day: z.iso.date('reception_error_invalid_day'),
	reason: z
		.string()
		.trim()
		.min(2, 'reception_error_reason_required')
		.max(300, 'reception_error_too_long')
});
export const headDaySchema = z
	.object({
		day: z.iso.date('reception_error_invalid_day'),
		start_time: time,
		end_time: time,
		head_name: z.string().trim().max(200).default('')
	})
	.refine((r) => r.end_time > r.start_time, {
		message: 'reception_error_invalid_day',
		path: ['end_time']
	});

/** Field → first message key, from a zod error (for the error summary and inline errors). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? String(issue.path[0]) : 'form';
		if (!out[key]) out[key] = issue.message;
	}
	return out;
}
