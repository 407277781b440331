/*
 * Reception messages for codes that come from the database as data (status, topic, outcome,
 * refusal reason, error code). Each table names its message functions one by one: looking them up
 * by a computed key (m[key]) would make the bundler ship every message of the app, in both
 * languages, to the citizen's phone (/dat-lich/lich-hen was 122 KB of JavaScript that way).
 */
import { m } from '$lib/paraglide/messages.js';

// Only invalid_input takes a parameter ({field}); the others ignore what they are given.
type Msg = (params: { field: string }) => string;

/** Booking status → label. */
const STATUS: Record<string, Msg> = {
	booked: m.reception_status_booked,
	waiting: m.reception_status_waiting,
	checked_in: m.reception_status_checked_in,
	in_progress: m.reception_status_in_progress,
	done: m.reception_status_done,
	no_show: m.reception_status_no_show,
	cancelled: m.reception_status_cancelled
};

/** Reception topic → label. */
const TOPIC: Record<string, Msg> = {
	khieu_nai: m.reception_topic_khieu_nai,
	to_cao: m.reception_topic_to_cao,
	kien_nghi: m.reception_topic_kien_nghi,
	hoi_vu_viec: m.reception_topic_hoi_vu_viec
};

/** Reception topic → one-line explanation under the choice. */
const TOPIC_HINT: Record<string, Msg> = {
	khieu_nai: m.reception_topic_khieu_nai_hint,
	to_cao: m.reception_topic_to_cao_hint,
	kien_nghi: m.reception_topic_kien_nghi_hint,
	hoi_vu_viec: m.reception_topic_hoi_vu_viec_hint
};

/** Visit outcome → label. */
const OUTCOME: Record<string, Msg> = {
	huong_dan: m.reception_outcome_huong_dan,
	nhan_don: m.reception_outcome_nhan_don,
	chuyen_don: m.reception_outcome_chuyen_don,
	tu_choi: m.reception_outcome_tu_choi
};

/** Legal reason to refuse a visit → label. */
const REFUSAL: Record<string, Msg> = {
	intoxicated: m.reception_refusal_intoxicated,
	threatening: m.reception_refusal_threatening,
	settled_matter: m.reception_refusal_settled_matter,
	other_legal: m.reception_refusal_other_legal
};

/** ISO weekday (1 = Monday) → name. */
const WEEKDAY: Record<string, Msg> = {
	'1': m.reception_weekday_1,
	'2': m.reception_weekday_2,
	'3': m.reception_weekday_3,
	'4': m.reception_weekday_4,
	'5': m.reception_weekday_5,
	'6': m.reception_weekday_6,
	'7': m.reception_weekday_7
};

/** Database or validation error code → sentence. */
const ERROR: Record<string, Msg> = {
	invalid_payload: m.reception_error_invalid_payload,
	invalid_unit: m.reception_error_invalid_unit,
	invalid_name: m.reception_error_invalid_name,
	invalid_phone: m.reception_error_invalid_phone,
	invalid_cccd: m.reception_error_invalid_cccd,
	invalid_email: m.reception_error_invalid_email,
	invalid_people_count: m.reception_error_invalid_people_count,
	representatives_required: m.reception_error_representatives_required,
	too_many_representatives: m.reception_error_too_many_representatives,
	invalid_topic: m.reception_error_invalid_topic,
	consent_required: m.reception_error_consent_required,
	invalid_slot: m.reception_error_invalid_slot,
	choose_slot: m.reception_slot_error_choose,
	slot_in_past: m.reception_error_slot_in_past,
	beyond_horizon: m.reception_error_beyond_horizon,
	day_closed: m.reception_error_day_closed,
	slot_not_found: m.reception_error_slot_not_found,
	slot_full: m.reception_error_slot_full,
	too_many_active_bookings: m.reception_error_too_many_active_bookings,
	rate_limited: m.reception_error_rate_limited,
	idempotency_key_expired: m.reception_error_idempotency_key_expired,
	tracking_not_found: m.reception_error_tracking_not_found,
	booking_not_cancellable: m.reception_error_booking_not_cancellable,
	booking_not_reschedulable: m.reception_error_booking_not_reschedulable,
	invalid_code: m.reception_error_invalid_code,
	invalid_secret: m.reception_error_invalid_secret,
	too_long: m.reception_error_too_long,
	not_allowed: m.reception_error_not_allowed,
	booking_not_found: m.reception_error_booking_not_found,
	booking_other_unit: m.reception_error_booking_other_unit,
	booking_cancelled: m.reception_error_booking_cancelled,
	booking_already_checked_in: m.reception_error_booking_already_checked_in,
	booking_not_today: m.reception_error_booking_not_today,
	booking_wrong_state: m.reception_error_booking_wrong_state,
	too_early_for_no_show: m.reception_error_too_early_for_no_show,
	invalid_outcome: m.reception_error_invalid_outcome,
	refusal_reason_required: m.reception_error_refusal_reason_required,
	forwarded_to_required: m.reception_error_forwarded_to_required,
	invalid_content: m.reception_error_invalid_content,
	petition_content_short: m.reception_error_petition_content_short,
	petition_request_required: m.reception_error_petition_request_required,
	invalid_schedule: m.reception_error_invalid_schedule,
	invalid_day: m.reception_error_invalid_day,
	invalid_time: m.reception_error_invalid_time,
	reason_required: m.reception_error_reason_required,
	invalid_input: m.reception_error_invalid_input,
	unexpected: m.reception_error_unexpected
};

const label = (table: Record<string, Msg>, code: string) => table[code]?.({ field: '' }) ?? code;

/** A database or validation error code (`slot_full` or `reception_error_slot_full`) as a sentence. */
export function errorText(code: string, detail?: string): string {
	const fn = ERROR[code.replace(/^reception_error_/, '')] ?? ERROR.unexpected!;
	return fn({ field: detail ?? '' });
}

/** Field → sentence, for ErrorSummary and inline errors. */
export function errorTexts(
	errors: Record<string, string> | undefined | null
): Record<string, string> {
	return Object.fromEntries(Object.entries(errors ?? {}).map(([k, v]) => [k, errorText(v)]));
}

export const statusLabel = (s: string) => label(STATUS, s);
export const topicLabel = (s: string) => label(TOPIC, s);
export const topicHint = (s: string) => TOPIC_HINT[s]?.({ field: '' }) ?? '';
export const outcomeLabel = (s: string) => label(OUTCOME, s);
export const refusalLabel = (s: string) => label(REFUSAL, s);
export const weekdayLabel = (n: number) => label(WEEKDAY, String(n));
