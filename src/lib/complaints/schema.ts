/**
 * One schema for a complaint / denunciation / petition filed by a citizen. Used by the form in the
 * browser (live hints), by the form action and the JSON endpoint (authoritative), and mirrored by
 * the checks in `submit_complaint` (SQL). Errors carry message keys (`complaints_err_*`), never
 * sentences: the page turns them into Vietnamese or English with Paraglide.
 */
import { z } from 'zod';

import { dateFromForm } from '$lib/date-parts';
import { canonicalPhone, isCccd, normaliseCccd } from '$lib/identity';

import {
	APPEAL_REASONS_MIN,
	CAPACITIES,
	KINDS,
	MAX_CO_FILERS,
	PROVINCES,
	SUBJECTS,
	coFilerRows,
	vnToday
} from './constants';
export * from './constants';

const trimmed = z.string().trim();
const optionalText = (max: number, key: string) =>
	trimmed
		.max(max, { error: key })
		.optional()
		.transform((v) => (v ? v : undefined));

/** CCCD: 12 digits with a real province code and century digit ($lib/identity). Spaces are tolerated. */
export const cccd = z
	.string()
	.transform(normaliseCccd)
	.refine(isCccd, { error: 'complaints_err_cccd' });

/** Mobile, stored as 0 + 9 digits ($lib/identity); +84, spaces and dots are tolerated. */
export const phone = z
	.string()
	.transform((v) => canonicalPhone(v) ?? v)
	.pipe(z.string().regex(/^0\d{9}$/, { error: 'complaints_err_phone' }));

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'complaints_err_date' })
	.refine((v) => !Number.isNaN(Date.parse(v)), { error: 'complaints_err_date' });

const pastDate = isoDate.refine((v) => v <= vnToday(), { error: 'complaints_err_date_future' });

const person = z.object({
	full_name: trimmed
		.min(2, { error: 'complaints_err_name' })
		.max(200, { error: 'complaints_err_name' }),
	cccd: cccd.optional(),
	phone: phone.optional(),
	email: z.email({ error: 'complaints_err_email' }).max(200).optional(),
	province: z.enum(PROVINCES, { error: 'complaints_err_province' }).optional(),
	ward: optionalText(100, 'complaints_err_ward'),
	address_line: optionalText(300, 'complaints_err_address')
});
export type PartyInput = z.infer<typeof person>;

const coFiler = z.object({
	full_name: trimmed
		.min(2, { error: 'complaints_err_name' })
		.max(200, { error: 'complaints_err_name' }),
	cccd: cccd.optional(),
	phone: phone.optional(),
	is_representative: z.boolean().default(false)
});

export const complaintInput = z
	.object({
		kind: z.enum(KINDS, { error: 'complaints_err_kind' }),
		// No default: for a complaint the subject decides the legal time limit, so the citizen
		// chooses it (required below); other kinds store the neutral value (toPayload).
		subject: z.enum(SUBJECTS, { error: 'complaints_err_subject' }).optional(),
		learned_on: pastDate.optional(),
		unit_id: z.uuid({ error: 'complaints_err_unit' }),
		filer_capacity: z.enum(CAPACITIES, { error: 'complaints_err_capacity' }).default('other'),
		via_representative: z.boolean().default(false),
		filer: person,
		represented: person
			.extend({ authorisation: optionalText(500, 'complaints_err_authorisation') })
			.optional(),
		is_group: z.boolean().default(false),
		co_filers: z
			.array(coFiler)
			.max(MAX_CO_FILERS, { error: 'complaints_err_co_filers_max' })
			.default([]),
		decision_number: optionalText(100, 'complaints_err_decision_number'),
		decision_date: pastDate.optional(),
		enforcement_officer: optionalText(200, 'complaints_err_officer'),
		case_number: optionalText(100, 'complaints_err_case_number'),
		content: trimmed
			.min(20, { error: 'complaints_err_content' })
			.max(10000, { error: 'complaints_err_content_long' }),
		request: trimmed
			.min(5, { error: 'complaints_err_request' })
			.max(5000, { error: 'complaints_err_request_long' }),
		consent: z.literal(true, { error: 'complaints_err_consent' }),
		send_receipt: z.boolean().default(false),
		draft_key: z.uuid().optional()
	})
	.superRefine(
		(v, ctx) => {
			// Runs even when fields above failed, so an empty form lists every problem in one
			// round (issue 18.3); the input may then be partial, hence the guards.
			const f = v.filer ?? {};
			// Complaints and denunciations: the law asks for name and address (Luật THADS Điều 141,
			// Luật Tố cáo 2018 Điều 23); we also need a way to reach the person.
			if (v.kind !== 'petition') {
				if (!f.cccd)
					ctx.addIssue({
						code: 'custom',
						path: ['filer', 'cccd'],
						message: 'complaints_err_cccd_required'
					});
				if (!f.phone)
					ctx.addIssue({
						code: 'custom',
						path: ['filer', 'phone'],
						message: 'complaints_err_phone_required'
					});
				if (!f.province)
					ctx.addIssue({
						code: 'custom',
						path: ['filer', 'province'],
						message: 'complaints_err_province'
					});
				if (!f.ward)
					ctx.addIssue({ code: 'custom', path: ['filer', 'ward'], message: 'complaints_err_ward' });
			} else if (!f.phone && !f.email) {
				ctx.addIssue({
					code: 'custom',
					path: ['filer', 'phone'],
					message: 'complaints_err_contact_required'
				});
			}
			if (v.via_representative && !v.represented) {
				ctx.addIssue({
					code: 'custom',
					path: ['represented', 'full_name'],
					message: 'complaints_err_name'
				});
			}
			if (v.is_group && !v.co_filers?.length) {
				ctx.addIssue({
					code: 'custom',
					path: ['co_filers'],
					message: 'complaints_err_co_filers_required'
				});
			}
			if (v.kind === 'complaint' && !v.learned_on) {
				ctx.addIssue({
					code: 'custom',
					path: ['learned_on'],
					message: 'complaints_err_learned_on'
				});
			}
			if (v.kind === 'complaint' && !v.subject) {
				ctx.addIssue({ code: 'custom', path: ['subject'], message: 'complaints_err_subject' });
			}
		},
		{ when: (payload) => typeof payload.value === 'object' && payload.value !== null }
	)
	// Denunciations and petitions have no subject to choose; the database keeps the neutral one.
	.transform((v) => ({ ...v, subject: v.subject ?? ('before_measure' as const) }));

export type ComplaintInput = z.infer<typeof complaintInput>;

/** Flat form field names (plain HTML POST) ↔ nested schema paths. */
export function fieldName(path: PropertyKey[]): string {
	if (path[0] === 'co_filers' && path.length >= 3)
		return `co_${String(path[2])}_${String(path[1])}`;
	return path.map(String).join('_');
}

const str = (fd: FormData, k: string) => {
	const v = fd.get(k);
	return typeof v === 'string' ? v : '';
};
const opt = (fd: FormData, k: string) => str(fd, k).trim() || undefined;
const yes = (fd: FormData, k: string) => ['yes', 'on', 'true', '1'].includes(str(fd, k));

function personFrom(fd: FormData, prefix: string) {
	return {
		full_name: str(fd, `${prefix}_full_name`),
		cccd: opt(fd, `${prefix}_cccd`),
		phone: opt(fd, `${prefix}_phone`),
		email: opt(fd, `${prefix}_email`),
		province: opt(fd, `${prefix}_province`),
		ward: opt(fd, `${prefix}_ward`),
		address_line: opt(fd, `${prefix}_address_line`)
	};
}

/** Build the schema's input object from the form's flat fields. */
export function inputFromForm(fd: FormData): unknown {
	const viaRep = yes(fd, 'via_representative');
	const isGroup = yes(fd, 'is_group');
	const coFilers = [];
	if (isGroup) {
		for (let i = 0; i < coFilerRows(fd); i++) {
			const name = str(fd, `co_full_name_${i}`).trim();
			const id = opt(fd, `co_cccd_${i}`);
			const ph = opt(fd, `co_phone_${i}`);
			if (!name && !id && !ph) continue;
			coFilers.push({
				full_name: name,
				cccd: id,
				phone: ph,
				is_representative: yes(fd, `co_is_representative_${i}`)
			});
		}
	}
	return {
		kind: str(fd, 'kind'),
		subject: opt(fd, 'subject'),
		learned_on: dateFromForm(fd, 'learned_on'),
		unit_id: str(fd, 'unit_id'),
		filer_capacity: opt(fd, 'filer_capacity'),
		via_representative: viaRep,
		filer: personFrom(fd, 'filer'),
		represented: viaRep
			? { ...personFrom(fd, 'represented'), authorisation: opt(fd, 'represented_authorisation') }
			: undefined,
		is_group: isGroup,
		co_filers: coFilers,
		decision_number: opt(fd, 'decision_number'),
		decision_date: dateFromForm(fd, 'decision_date'),
		enforcement_officer: opt(fd, 'enforcement_officer'),
		case_number: opt(fd, 'case_number'),
		content: str(fd, 'content'),
		request: str(fd, 'request'),
		consent: yes(fd, 'consent') ? true : undefined,
		send_receipt: yes(fd, 'send_receipt'),
		draft_key: opt(fd, 'draft_key')
	};
}

/** Every text field of the form as typed, so a refused submission gives everything back. */
export function valuesFromForm(fd: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of fd.entries()) if (typeof v === 'string' && k !== 'files') out[k] = v;
	return out;
}

export type FieldErrors = Record<string, string>;

/** Validate; on failure, the first message key per flat field name. */
export function validateComplaint(
	raw: unknown
): { ok: true; data: ComplaintInput } | { ok: false; errors: FieldErrors } {
	const r = complaintInput.safeParse(raw);
	if (r.success) return { ok: true, data: r.data };
	const errors: FieldErrors = {};
	for (const issue of r.error.issues) {
		const name = fieldName(issue.path as PropertyKey[]);
		if (!errors[name]) errors[name] = issue.message;
	}
	return { ok: false, errors };
}

/** The JSON payload `submit_complaint` expects (see its comment in the migration). */
export function toPayload(v: ComplaintInput) {
	return {
		kind: v.kind,
		subject: v.subject,
		unit_id: v.unit_id,
		filer_capacity: v.filer_capacity,
		via_representative: v.via_representative,
		is_group: v.is_group,
		learned_on: v.learned_on ?? null,
		decision_number: v.decision_number ?? null,
		decision_date: v.decision_date ?? null,
		enforcement_officer: v.enforcement_officer ?? null,
		case_number: v.case_number ?? null,
		content: v.content,
		request: v.request,
		consent: true,
		send_receipt: v.send_receipt,
		draft_key: v.draft_key ?? null,
		filer: v.filer,
		represented: v.represented ?? null,
		co_filers: v.co_filers.filter((c) => !c.is_representative),
		representatives: v.co_filers.filter((c) => c.is_representative)
	};
}

/** Staff action inputs. */
export const reasonInput = z.object({
	reason: trimmed
		.min(5, { error: 'complaints_err_reason' })
		.max(5000, { error: 'complaints_err_reason' })
});
export const dateNoteInput = z.object({
	date: isoDate,
	text: trimmed.max(5000).default('')
});

/**
 * Second-instance appeal (khiếu nại lần hai) from the tracking page: the citizen's reasons; the
 * database repeats the bounds (appeal_complaint_by_code → invalid_content).
 */
export const appealInput = z.object({
	reasons: trimmed
		.min(APPEAL_REASONS_MIN, { error: 'complaints_err_appeal_reasons' })
		.max(10000, { error: 'complaints_err_appeal_reasons' })
});
