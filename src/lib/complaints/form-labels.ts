/**
 * The few run-time labels the citizen form needs, as direct message references: much smaller
 * than the generated tables in labels.ts (citizen JS budget). Keys are the values in constants.ts.
 */
import { m } from '$lib/paraglide/messages.js';

export const kindLabel: Record<string, () => string> = {
	complaint: m.complaints_kind_complaint,
	denunciation: m.complaints_kind_denunciation,
	petition: m.complaints_kind_petition
};

export const subjectLabel: Record<string, () => string> = {
	before_measure: m.complaints_subject_before_measure,
	account_freeze: m.complaints_subject_account_freeze,
	protective_measure: m.complaints_subject_protective_measure,
	coercion: m.complaints_subject_coercion,
	after_coercion: m.complaints_subject_after_coercion
};

export const capacityLabel: Record<string, () => string> = {
	creditor: m.complaints_capacity_creditor,
	debtor: m.complaints_capacity_debtor,
	related_party: m.complaints_capacity_related_party,
	other: m.complaints_capacity_other
};

export const titleLabel: Record<string, () => string> = {
	complaint: m.complaints_form_title_complaint,
	denunciation: m.complaints_form_title_denunciation,
	petition: m.complaints_form_title_petition
};

export const contentLabel: Record<string, () => string> = {
	complaint: m.complaints_content_complaint,
	denunciation: m.complaints_content_denunciation,
	petition: m.complaints_content_petition
};

/** Label of a value, or the value itself when unknown. */
export const label = (table: Record<string, () => string>, value: string) =>
	table[value]?.() ?? value;

/** Every label of a table in the current language (server loads send these instead of the table). */
export const translate = (table: Record<string, () => string>): Record<string, string> =>
	Object.fromEntries(Object.entries(table).map(([value, text]) => [value, text()]));
