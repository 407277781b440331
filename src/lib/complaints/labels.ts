// Explicit tables of the complaint messages that client components pick at run time (status,
// event, outcome, error codes), kept by hand: a new key needs a line here (decision 005).
// Explicit references keep Paraglide's tree-shaking working, and the groups keep each citizen
// page's JavaScript small: the form ships `tf`, the tracking view `tv`, refusals `te`; staff
// components use `t` (all). Server code (loads, actions) uses `t` from $lib/server/i18n instead.
import { m } from '$lib/paraglide/messages.js';

type Msg = (params?: Record<string, string | number>) => string;

const form: Record<string, Msg> = {
	complaints_kind_complaint: m.complaints_kind_complaint as unknown as Msg,
	complaints_kind_denunciation: m.complaints_kind_denunciation as unknown as Msg,
	complaints_kind_petition: m.complaints_kind_petition as unknown as Msg,
	complaints_subject_before_measure: m.complaints_subject_before_measure as unknown as Msg,
	complaints_subject_account_freeze: m.complaints_subject_account_freeze as unknown as Msg,
	complaints_subject_protective_measure: m.complaints_subject_protective_measure as unknown as Msg,
	complaints_subject_coercion: m.complaints_subject_coercion as unknown as Msg,
	complaints_subject_after_coercion: m.complaints_subject_after_coercion as unknown as Msg,
	complaints_capacity_creditor: m.complaints_capacity_creditor as unknown as Msg,
	complaints_capacity_debtor: m.complaints_capacity_debtor as unknown as Msg,
	complaints_capacity_related_party: m.complaints_capacity_related_party as unknown as Msg,
	complaints_capacity_other: m.complaints_capacity_other as unknown as Msg,
	complaints_form_title_complaint: m.complaints_form_title_complaint as unknown as Msg,
	complaints_form_title_denunciation: m.complaints_form_title_denunciation as unknown as Msg,
	complaints_form_title_petition: m.complaints_form_title_petition as unknown as Msg,
	complaints_capacity_legend: m.complaints_capacity_legend as unknown as Msg,
	complaints_subject_label: m.complaints_subject_label as unknown as Msg,
	complaints_content_complaint: m.complaints_content_complaint as unknown as Msg,
	complaints_content_denunciation: m.complaints_content_denunciation as unknown as Msg,
	complaints_content_petition: m.complaints_content_petition as unknown as Msg,
	complaints_err_kind: m.complaints_err_kind as unknown as Msg,
	complaints_err_subject: m.complaints_err_subject as unknown as Msg,
	complaints_err_unit: m.complaints_err_unit as unknown as Msg,
	complaints_err_capacity: m.complaints_err_capacity as unknown as Msg,
	complaints_err_name: m.complaints_err_name as unknown as Msg,
	complaints_err_cccd: m.complaints_err_cccd as unknown as Msg,
	complaints_err_cccd_required: m.complaints_err_cccd_required as unknown as Msg,
	complaints_err_phone: m.complaints_err_phone as unknown as Msg,
	complaints_err_phone_required: m.complaints_err_phone_required as unknown as Msg,
	complaints_err_contact_required: m.complaints_err_contact_required as unknown as Msg,
	complaints_err_email: m.complaints_err_email as unknown as Msg,
	complaints_err_province: m.complaints_err_province as unknown as Msg,
	complaints_err_ward: m.complaints_err_ward as unknown as Msg,
	complaints_err_address: m.complaints_err_address as unknown as Msg,
	complaints_err_authorisation: m.complaints_err_authorisation as unknown as Msg,
	complaints_err_co_filers_required: m.complaints_err_co_filers_required as unknown as Msg,
	complaints_err_co_filers_max: m.complaints_err_co_filers_max as unknown as Msg,
	complaints_err_decision_number: m.complaints_err_decision_number as unknown as Msg,
	complaints_err_officer: m.complaints_err_officer as unknown as Msg,
	complaints_err_case_number: m.complaints_err_case_number as unknown as Msg,
	complaints_err_date: m.complaints_err_date as unknown as Msg,
	complaints_err_date_future: m.complaints_err_date_future as unknown as Msg,
	complaints_err_learned_on: m.complaints_err_learned_on as unknown as Msg,
	complaints_err_content: m.complaints_err_content as unknown as Msg,
	complaints_err_content_long: m.complaints_err_content_long as unknown as Msg,
	complaints_err_request: m.complaints_err_request as unknown as Msg,
	complaints_err_request_long: m.complaints_err_request_long as unknown as Msg,
	complaints_err_consent: m.complaints_err_consent as unknown as Msg,
	complaints_err_tracking_code: m.complaints_err_tracking_code as unknown as Msg,
	complaints_err_tracking_secret: m.complaints_err_tracking_secret as unknown as Msg,
	complaints_err_reason: m.complaints_err_reason as unknown as Msg,
	complaints_err_files: m.complaints_err_files as unknown as Msg
};

const view: Record<string, Msg> = {
	complaints_kind_complaint: m.complaints_kind_complaint as unknown as Msg,
	complaints_kind_denunciation: m.complaints_kind_denunciation as unknown as Msg,
	complaints_kind_petition: m.complaints_kind_petition as unknown as Msg,
	complaints_view_withdraw_confirm: m.complaints_view_withdraw_confirm as unknown as Msg,
	complaints_role_complaint_officer: m.complaints_role_complaint_officer as unknown as Msg,
	complaints_role_unit_head: m.complaints_role_unit_head as unknown as Msg,
	complaints_role_admin: m.complaints_role_admin as unknown as Msg,
	complaints_role_legal_officer: m.complaints_role_legal_officer as unknown as Msg,
	complaints_rules_purpose_file: m.complaints_rules_purpose_file as unknown as Msg,
	complaints_rules_purpose_accept: m.complaints_rules_purpose_accept as unknown as Msg,
	complaints_rules_purpose_accept_extension:
		m.complaints_rules_purpose_accept_extension as unknown as Msg,
	complaints_rules_purpose_forward: m.complaints_rules_purpose_forward as unknown as Msg,
	complaints_rules_purpose_resolve: m.complaints_rules_purpose_resolve as unknown as Msg,
	complaints_rules_purpose_extend: m.complaints_rules_purpose_extend as unknown as Msg,
	complaints_role_reception: m.complaints_role_reception as unknown as Msg,
	complaints_role_procedure_officer: m.complaints_role_procedure_officer as unknown as Msg,
	complaints_role_citizen: m.complaints_role_citizen as unknown as Msg,
	complaints_party_role_filer: m.complaints_party_role_filer as unknown as Msg,
	complaints_party_role_co_filer: m.complaints_party_role_co_filer as unknown as Msg,
	complaints_party_role_representative: m.complaints_party_role_representative as unknown as Msg,
	complaints_party_role_represented: m.complaints_party_role_represented as unknown as Msg,
	complaints_status_received: m.complaints_status_received as unknown as Msg,
	complaints_status_accepted: m.complaints_status_accepted as unknown as Msg,
	complaints_status_verifying: m.complaints_status_verifying as unknown as Msg,
	complaints_status_dialogue: m.complaints_status_dialogue as unknown as Msg,
	complaints_status_resolved: m.complaints_status_resolved as unknown as Msg,
	complaints_status_returned: m.complaints_status_returned as unknown as Msg,
	complaints_status_guided: m.complaints_status_guided as unknown as Msg,
	complaints_status_withdrawn: m.complaints_status_withdrawn as unknown as Msg,
	complaints_event_submitted: m.complaints_event_submitted as unknown as Msg,
	complaints_event_classified: m.complaints_event_classified as unknown as Msg,
	complaints_event_accepted: m.complaints_event_accepted as unknown as Msg,
	complaints_event_returned: m.complaints_event_returned as unknown as Msg,
	complaints_event_forwarded: m.complaints_event_forwarded as unknown as Msg,
	complaints_event_guided: m.complaints_event_guided as unknown as Msg,
	complaints_event_assigned: m.complaints_event_assigned as unknown as Msg,
	complaints_event_info_requested: m.complaints_event_info_requested as unknown as Msg,
	complaints_event_info_provided: m.complaints_event_info_provided as unknown as Msg,
	complaints_event_documents_added: m.complaints_event_documents_added as unknown as Msg,
	complaints_event_verification: m.complaints_event_verification as unknown as Msg,
	complaints_event_verification_nodate: m.complaints_event_verification_nodate as unknown as Msg,
	complaints_event_dialogue: m.complaints_event_dialogue as unknown as Msg,
	complaints_event_dialogue_nodate: m.complaints_event_dialogue_nodate as unknown as Msg,
	complaints_event_resolved: m.complaints_event_resolved as unknown as Msg,
	complaints_event_withdrawn: m.complaints_event_withdrawn as unknown as Msg,
	complaints_event_reopened: m.complaints_event_reopened as unknown as Msg,
	complaints_event_extended: m.complaints_event_extended as unknown as Msg,
	complaints_event_intake_extended: m.complaints_event_intake_extended as unknown as Msg,
	complaints_event_appealed: m.complaints_event_appealed as unknown as Msg,
	complaints_event_other: m.complaints_event_other as unknown as Msg,
	complaints_event_deadline_accept: m.complaints_event_deadline_accept as unknown as Msg,
	complaints_event_deadline_resolve: m.complaints_event_deadline_resolve as unknown as Msg,
	complaints_outcome_upheld: m.complaints_outcome_upheld as unknown as Msg,
	complaints_outcome_partly_upheld: m.complaints_outcome_partly_upheld as unknown as Msg,
	complaints_outcome_rejected: m.complaints_outcome_rejected as unknown as Msg,
	complaints_outcome_true: m.complaints_outcome_true as unknown as Msg,
	complaints_outcome_partly_true: m.complaints_outcome_partly_true as unknown as Msg,
	complaints_outcome_false: m.complaints_outcome_false as unknown as Msg,
	complaints_outcome_answered: m.complaints_outcome_answered as unknown as Msg
};

const errors: Record<string, Msg> = {
	complaints_error_generic: m.complaints_error_generic as unknown as Msg,
	complaints_error_invalid_input: m.complaints_error_invalid_input as unknown as Msg,
	complaints_error_not_allowed: m.complaints_error_not_allowed as unknown as Msg,
	complaints_error_complaint_not_found: m.complaints_error_complaint_not_found as unknown as Msg,
	complaints_error_not_in_your_unit: m.complaints_error_not_in_your_unit as unknown as Msg,
	complaints_error_invalid_transition: m.complaints_error_invalid_transition as unknown as Msg,
	complaints_error_not_in_competence: m.complaints_error_not_in_competence as unknown as Msg,
	complaints_error_reason_required: m.complaints_error_reason_required as unknown as Msg,
	complaints_error_invalid_unit: m.complaints_error_invalid_unit as unknown as Msg,
	complaints_error_invalid_officer: m.complaints_error_invalid_officer as unknown as Msg,
	complaints_error_outcome_invalid: m.complaints_error_outcome_invalid as unknown as Msg,
	complaints_error_decision_required: m.complaints_error_decision_required as unknown as Msg,
	complaints_error_attachment_not_found: m.complaints_error_attachment_not_found as unknown as Msg,
	complaints_error_already_reopened: m.complaints_error_already_reopened as unknown as Msg,
	complaints_error_no_higher_unit: m.complaints_error_no_higher_unit as unknown as Msg,
	complaints_error_identity_protected: m.complaints_error_identity_protected as unknown as Msg,
	complaints_error_tracking_not_found: m.complaints_error_tracking_not_found as unknown as Msg,
	complaints_error_rate_limited: m.complaints_error_rate_limited as unknown as Msg,
	complaints_error_idempotency_key_expired:
		m.complaints_error_idempotency_key_expired as unknown as Msg,
	complaints_error_not_a_denunciation: m.complaints_error_not_a_denunciation as unknown as Msg,
	complaints_error_complexity_invalid: m.complaints_error_complexity_invalid as unknown as Msg,
	complaints_error_extension_limit: m.complaints_error_extension_limit as unknown as Msg,
	complaints_error_deadline_passed: m.complaints_error_deadline_passed as unknown as Msg,
	complaints_error_not_a_complaint: m.complaints_error_not_a_complaint as unknown as Msg,
	complaints_error_appeal_window_passed: m.complaints_error_appeal_window_passed as unknown as Msg,
	complaints_error_invalid_content: m.complaints_error_invalid_content as unknown as Msg,
	complaints_err_appeal_reasons: m.complaints_err_appeal_reasons as unknown as Msg,
	complaints_error_too_many_attachments: m.complaints_error_too_many_attachments as unknown as Msg,
	complaints_error_invalid_date: m.complaints_error_invalid_date as unknown as Msg,
	complaints_error_upload: m.complaints_error_upload as unknown as Msg,
	complaints_error_offline: m.complaints_error_offline as unknown as Msg,
	complaints_error_conflict_of_interest: m.complaints_error_conflict_of_interest as unknown as Msg,
	complaints_error_officer_excluded: m.complaints_error_officer_excluded as unknown as Msg
};

const generic = m.complaints_error_generic as unknown as Msg;

const lookup = (
	table: Record<string, Msg>,
	key: string,
	params?: Record<string, string | number>
) => (table[key] ?? generic)(params);

/** Form labels and validation messages (`complaints_err_*`, kinds, subjects…). */
export const tf = (key: string, params?: Record<string, string | number>) =>
	lookup(form, key, params);
/** Tracking view labels (statuses, events, outcomes, roles). */
export const tv = (key: string, params?: Record<string, string | number>) =>
	lookup(view, key, params);
/** Database refusals (`complaints_error_*`). */
export const te = (key: string, params?: Record<string, string | number>) =>
	lookup(errors, key, params);

/** Any run-time key (staff pages). */
export function t(key: string, params?: Record<string, string | number>): string {
	return lookup(key in form ? form : key in view ? view : errors, key, params);
}

export const has = (key: string) => key in form || key in view || key in errors;
/** Whether the tracking view has a label for this key. */
export const hasView = (key: string) => key in view;
