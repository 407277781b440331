import type { FieldDefinition } from './fields';
import type { ApplicationStatus } from './status';

type Mode = 'online_full' | 'online_partial' | 'in_person' | 'post';

export interface RequiredDocument {
	key: string;
	label_vi: string;
	label_en: string;
	required: boolean;
	note_vi?: string;
	note_en?: string;
	template_attachment_id?: string | null;
}

/** A row of the procedure_catalogue view. */
export interface CatalogueEntry {
	procedure_id: string;
	code: string;
	national_code: string | null;
	topic_code: string;
	topic_name_vi: string;
	topic_name_en: string;
	sort: number;
	version_id: string;
	version: number;
	name_vi: string;
	name_en: string;
	summary_vi: string;
	summary_en: string;
	applicants_vi: string;
	applicants_en: string;
	documents: RequiredDocument[];
	fields: FieldDefinition[];
	processing_days: number;
	processing_note_vi: string;
	processing_note_en: string;
	fee_amount: number;
	fee_vi: string;
	fee_en: string;
	legal_basis: string;
	modes: Mode[];
	where_vi: string;
	where_en: string;
	result_vi: string;
	result_en: string;
	needs_check: boolean;
	check_note: string | null;
	/** Number of the form prescribed by law, if the catalogue knows it [check]. */
	template_ref: string | null;
}

export function isOnline(p: Pick<CatalogueEntry, 'modes'>): boolean {
	return p.modes.includes('online_full') || p.modes.includes('online_partial');
}

/** Whether a paper application is possible (at the desk or by post): then a blank form helps. */
export function takesPaper(p: Pick<CatalogueEntry, 'modes'>): boolean {
	return p.modes.includes('in_person') || p.modes.includes('post');
}

/** What get_application_by_code() returns: the citizen's view of an application. */
export interface ApplicationView {
	code: string;
	status: ApplicationStatus;
	status_category: string;
	status_label_vi: string;
	status_label_en: string;
	procedure_code: string;
	procedure_name_vi: string;
	procedure_name_en: string;
	documents: RequiredDocument[];
	unit_name: string;
	unit_address: string | null;
	unit_phone: string | null;
	channel: 'online' | 'desk';
	applicant_name: string;
	received_at: string;
	accepted_at: string | null;
	due_date: string;
	completed_at: string | null;
	returned_at: string | null;
	refusal_reasons: string | null;
	result_note: string | null;
	has_result: boolean;
	documents_request: { what: string; due_by: string; requested_at: string } | null;
	rating: number | null;
	can_rate: boolean;
	events: { at: string; kind: string; status: string | null; note: string | null }[];
}
