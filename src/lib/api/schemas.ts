/**
 * The public API's shapes (issue 19), in zod: the route handlers parse every response through
 * these (unknown fields are dropped, a wrong shape is a 500 rather than a silent contract break)
 * and ../openapi.ts turns the same schemas into the OpenAPI document with z.toJSONSchema, so the
 * document cannot drift from the code. Inputs reuse the features' own schemas where they exist.
 */
import { z } from 'zod';
import { applicantSchema } from '$lib/procedures/schema';

const date = () => z.iso.date();
const dateTime = () => z.string().meta({ format: 'date-time' });
const text = (description: string) => z.string().meta({ description });
const nullableText = (description: string) => z.string().nullable().meta({ description });

/** RFC 9457 problem details, with the app's error code and the invalid fields. */
const Problem = z
	.object({
		type: z.string().meta({ description: 'URI of the problem type (…/api/v1/problems/<code>).' }),
		title: text('Short summary in the negotiated language (Accept-Language: vi or en).'),
		status: z.number().int().min(400).max(599),
		detail: text('What happened, in the negotiated language.'),
		code: z
			.string()
			.regex(/^[a-z][a-z0-9_.]*$/)
			.meta({ description: "The app's coded error, e.g. `slot_full`, `tracking_not_found`." }),
		instance: z.string().optional().meta({ description: 'The path of the request.' }),
		errors: z
			.array(
				z.object({
					field: text('Dotted path of the field or parameter.'),
					code: text('Message key of the problem with this field.'),
					message: text('The problem, in the negotiated language.')
				})
			)
			.optional()
	})
	.meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });

const RequiredDocument = z
	.object({
		key: z.string(),
		label_vi: z.string(),
		label_en: z.string(),
		required: z.boolean(),
		note_vi: z.string().optional(),
		note_en: z.string().optional()
	})
	.meta({ id: 'RequiredDocument' });

const Mode = z
	.enum(['online_full', 'online_partial', 'in_person', 'post'])
	.meta({ id: 'Mode', description: 'How the procedure can be carried out.' });

/** One procedure of the catalogue (procedure_catalogue view), without the internal form definition. */
export const ProcedureSummary = z
	.object({
		code: text('The procedure code used in the portal URL.'),
		national_code: nullableText(
			'Code in the national procedure database (CSDL quốc gia), if known.'
		),
		version: z.number().int().min(1).meta({ description: 'Version of the procedure in force.' }),
		topic_code: z.string(),
		topic_name_vi: z.string(),
		topic_name_en: z.string(),
		name_vi: z.string(),
		name_en: z.string(),
		summary_vi: z.string(),
		summary_en: z.string(),
		processing_days: z.number().int().min(0).meta({ description: 'Working days.' }),
		fee_amount: z.number().min(0).meta({ description: 'Fee in VND (0: free).' }),
		modes: z.array(Mode),
		online: z.boolean().meta({ description: 'Whether an application can be submitted online.' })
	})
	.meta({ id: 'ProcedureSummary' });

export const Procedure = ProcedureSummary.extend({
	applicants_vi: z.string(),
	applicants_en: z.string(),
	documents: z.array(RequiredDocument),
	processing_note_vi: z.string(),
	processing_note_en: z.string(),
	fee_vi: z.string(),
	fee_en: z.string(),
	legal_basis: text('Legal basis (laws, decrees, circulars) as published.'),
	where_vi: z.string(),
	where_en: z.string(),
	result_vi: z.string(),
	result_en: z.string(),
	template_ref: nullableText('Number of the prescribed form, if any.'),
	needs_check: z.boolean().meta({
		description: 'True while a figure of this entry is not yet confirmed against the legal text.'
	})
}).meta({ id: 'Procedure' });

export const ProcedureList = z
	.object({
		items: z.array(ProcedureSummary),
		total: z.number().int().min(0),
		query: z.string().nullable()
	})
	.meta({ id: 'ProcedureList' });

export const Office = z
	.object({
		code: z.string(),
		name: z.string(),
		short_name: z.string().nullable(),
		level: z.enum(['tinh', 'khu_vuc']).meta({
			description: 'tinh: provincial civil judgment enforcement agency; khu_vuc: regional office.'
		}),
		province_name: z.string().nullable(),
		address: z.string().nullable(),
		phone: z.string().nullable(),
		reception_hours: nullableText('Reception hours as published by the office.'),
		lat: z.number().nullable(),
		lng: z.number().nullable(),
		distance_km: z
			.number()
			.min(0)
			.optional()
			.meta({ description: 'Distance from (lat, lng) when the list was sorted by distance.' })
	})
	.meta({ id: 'Office' });

export const OfficeList = z
	.object({ items: z.array(Office), total: z.number().int().min(0) })
	.meta({ id: 'OfficeList' });

const Slot = z
	.object({
		starts_at: dateTime(),
		ends_at: dateTime(),
		capacity: z.number().int().min(0),
		places_left: z.number().int().min(0),
		with_head: z.boolean().meta({ description: 'A head-of-office reception slot.' })
	})
	.meta({ id: 'Slot' });

export const Availability = z
	.object({
		office: z.string().meta({ description: 'Office code.' }),
		day: date(),
		slots: z.array(Slot)
	})
	.meta({ id: 'Availability' });

/** Figures are integers that can exceed 2^53 (money in VND): decimal strings. */
const bigInt = (description: string) =>
	z
		.string()
		.regex(/^-?\d+$/)
		.meta({ description });
const hundredths = (description: string) =>
	z
		.number()
		.int()
		.nullable()
		.meta({ description: `${description} In hundredths of a percent.` });

export const StatsRow = z
	.object({
		code: text('Unit code of the province, or the nationwide code.'),
		name: z
			.string()
			.nullable()
			.meta({ description: 'Province name (null on the nationwide row).' }),
		nationwide: z.boolean(),
		reporting_units: z.number().int().min(0),
		cases_to_enforce: bigInt('Cases to enforce.'),
		cases_with_conditions: bigInt('Cases with conditions for enforcement.'),
		cases_finished: bigInt('Cases finished.'),
		money_with_conditions: bigInt('Money with conditions for enforcement, VND.'),
		money_finished: bigInt('Money finished, VND.'),
		rate_cases: hundredths('Cases finished / cases with conditions.'),
		rate_money: hundredths('Money finished / money with conditions.'),
		target_cases: hundredths('Target rate for cases.'),
		target_money: hundredths('Target rate for money.')
	})
	.meta({ id: 'StatsRow' });

const StatsPeriod = z
	.object({
		work_year: z.number().int(),
		month_index: z.number().int().min(1).max(12).meta({
			description: 'Month of the work year (1 = October of the previous calendar year).'
		}),
		reporting_units: z.number().int().min(0)
	})
	.meta({ id: 'StatsPeriod' });

export const PublicStats = z
	.object({
		period: StatsPeriod.nullable(),
		available: z.array(StatsPeriod),
		rows: z.array(StatsRow)
	})
	.meta({ id: 'PublicStats' });

const TimelineEvent = z
	.object({
		at: dateTime(),
		event: z.string(),
		status: z.string().nullable(),
		note: z.string().nullable()
	})
	.meta({ id: 'TimelineEvent' });

/** The status of a complaint, booking or application, without personal data. */
export const Tracking = z
	.object({
		code: z.string(),
		kind: z.enum(['complaint', 'booking', 'application']),
		status: z.string(),
		status_category: z.string().nullable(),
		unit_name: z.string(),
		received_at: dateTime(),
		due: z.string().nullable().meta({ description: 'Next deadline or appointment, if any.' }),
		completed_at: dateTime().nullable(),
		timeline: z.array(TimelineEvent)
	})
	.meta({ id: 'Tracking' });

/** Query parameters. */
export const procedureQuery = z.object({
	q: z.string().trim().max(200, 'api_error_too_long').optional().meta({
		description: 'Search text (diacritics and small typos forgiven).'
	}),
	topic: z.string().max(50).optional().meta({ description: 'Only this topic code.' })
});

export const officeQuery = z
	.object({
		lat: z.coerce.number().min(-90).max(90).optional(),
		lng: z.coerce.number().min(-180).max(180).optional()
	})
	.refine((v) => (v.lat === undefined) === (v.lng === undefined), {
		message: 'api_error_lat_lng_together',
		path: ['lat']
	});

export const availabilityQuery = z.object({
	day: date().meta({ description: 'Day (Vietnam time), YYYY-MM-DD.' })
});

export const statsQuery = z.object({
	period: z
		.string()
		.regex(/^\d{4}-\d{1,2}$/, 'api_error_period')
		.optional()
		.meta({ description: 'Work year and month index, e.g. 2026-3; default: the newest complete.' })
});

/** A partner's submission: an application received through its channel (body of POST). */
export const PartnerApplicationInput = z
	.object({
		procedure_code: z.string().min(1).max(100).meta({ description: 'Code from /procedures.' }),
		office: z.string().min(1).max(50).meta({ description: 'Office code from /offices.' }),
		applicant: applicantSchema,
		answers: z
			.record(z.string().max(100), z.union([z.string().max(5000), z.number(), z.boolean()]))
			.default({})
			.meta({ description: "Answers to the procedure's own fields, by field key." })
	})
	.meta({ description: 'An application received through the partner, to file.' });

export const PartnerSubmission = z
	.object({
		code: text('Tracking code (HS-…), to give to the applicant.'),
		secret: text('Tracking secret, to give to the applicant.'),
		due_date: date(),
		status: z.string(),
		replayed: z
			.boolean()
			.meta({ description: 'True when this Idempotency-Key was seen before: the first answer.' })
	})
	.meta({ id: 'PartnerSubmission' });

export const idempotencyKeySchema = z
	.string()
	.min(1, 'procedures_err_idempotency_key_required')
	.max(200, 'api_error_too_long')
	.regex(/^[\x21-\x7e]+$/, 'api_error_invalid');

/** Every schema with an id, for the document's components. */
export const COMPONENTS = {
	Problem,
	RequiredDocument,
	Mode,
	ProcedureSummary,
	Procedure,
	ProcedureList,
	Office,
	OfficeList,
	Slot,
	Availability,
	StatsPeriod,
	StatsRow,
	PublicStats,
	TimelineEvent,
	Tracking,
	PartnerSubmission
} as const;
