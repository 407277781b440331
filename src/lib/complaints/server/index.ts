/**
 * Complaints: calls to the SQL functions and queries (server only).
 * Citizen calls use the anon client (code + secret functions); staff calls use the per-request
 * client (`locals.supabase`) so RLS and the functions' own checks see the officer.
 */
import type { Db } from '$lib/server/supabase';
import { createAnonClient } from '$lib/server/supabase';
import {
	Refusal,
	call,
	callByCode,
	firstRow,
	jsonb,
	type FnArgs,
	type FnName
} from '$lib/server/rpc';
import type { Json } from '$lib/database.types';
import { toPayload, type ComplaintInput } from '../schema';
import { vnToday } from '$lib/vn-time';

export { Refusal } from '$lib/server/rpc';

/**
 * File a complaint (idempotent on `key`). The database limits filings per filer and per client
 * address (`rate_limited`); a replay of the same key is never limited.
 */
export async function submit(input: ComplaintInput, key: string, client: Db = createAnonClient()) {
	// The client address reaches the database signed in a header (src/lib/server/client-address.ts).
	const payload = toPayload(input);
	const row = firstRow(
		await call(client, 'submit_complaint', { payload: payload as Json, idempotency_key: key })
	);
	if (!row) throw new Refusal('unexpected');
	return row;
}

interface CitizenEvent {
	occurred_at: string;
	event: string;
	status_after: string;
	public_note: string | null;
	data: Record<string, string | number | null>;
}

export interface CitizenView {
	id: string;
	code: string;
	kind: 'complaint' | 'denunciation' | 'petition';
	instance: number;
	status: string;
	status_category: string;
	subject: string;
	is_group: boolean;
	unit: {
		id: string;
		name: string;
		short_name: string | null;
		address: string | null;
		phone: string | null;
		reception_hours: string | null;
	};
	decision_number: string | null;
	decision_date: string | null;
	enforcement_officer: string | null;
	case_number: string | null;
	content: string;
	request: string;
	received_at: string;
	accept_due: string | null;
	accepted_at: string | null;
	resolve_due: string | null;
	resolved_at: string | null;
	closed_at: string | null;
	outcome: string | null;
	outcome_summary: string | null;
	info_request: string | null;
	info_requested_at: string | null;
	next_deadline: { purpose: 'accept' | 'resolve'; due: string | null } | null;
	/** For a second-instance file: the first instance's code. */
	parent_code: string | null;
	/** For a first-instance complaint decision: the second-instance window (open, until when, where). */
	appeal: { open: boolean; due: string | null; to_unit_name: string | null } | null;
	/** Extensions of a denunciation's deadline so far. */
	extensions: number;
	can_withdraw: boolean;
	can_add_documents: boolean;
	events: CitizenEvent[];
	access_log: { opened_at: string; unit_name: string | null; role: string | null; what: string }[];
	attachments: {
		id: string;
		file_name: string;
		mime_type: string;
		size_bytes: number;
		uploaded_at: string;
		is_decision: boolean;
		from_agency: boolean;
	}[];
}

/** The citizen's view of a file, or throws Refusal('tracking_not_found'). */
export async function byCode(code: string, secret: string, client: Db = createAnonClient()) {
	return jsonb<CitizenView>(await callByCode(client, 'get_complaint_by_code', { code, secret }));
}

export async function withdrawByCode(
	code: string,
	secret: string,
	reason: string | null,
	client = createAnonClient()
) {
	return jsonb<CitizenView>(
		await callByCode(client, 'withdraw_complaint_by_code', { code, secret, reason })
	);
}

export async function addDocumentsByCode(
	code: string,
	secret: string,
	draftKey: string | null,
	message: string | null,
	client = createAnonClient()
) {
	return jsonb<CitizenView>(
		await callByCode(client, 'add_complaint_documents_by_code', {
			code,
			secret,
			draft_key: draftKey,
			message
		})
	);
}

/**
 * Appeal a first-instance decision to the unit above (khiếu nại lần hai) with the code + secret.
 * Returns the new file's code and secret (shown once), or throws Refusal (tracking_not_found,
 * appeal_window_passed, already_reopened, not_a_complaint, invalid_transition, invalid_content…).
 */
export async function appealByCode(
	code: string,
	secret: string,
	reasons: string,
	draftKey: string | null,
	client = createAnonClient()
) {
	const row = firstRow(
		await call(client, 'appeal_complaint_by_code', { code, secret, reasons, draft_key: draftKey })
	);
	if (!row) throw new Refusal('tracking_not_found');
	return row;
}

export async function attachmentByCode(
	code: string,
	secret: string,
	attachmentId: string,
	client = createAnonClient()
) {
	const row = firstRow(
		await call(client, 'get_complaint_attachment_by_code', {
			code,
			secret,
			attachment_id: attachmentId
		})
	);
	if (!row) throw new Refusal('attachment_not_found');
	return row;
}

/**
 * Deadline rules as data (for the citizen's explanations and clock): the versions in force on
 * `on` (today in Vietnam by default), not a version announced for a later date.
 */
export async function deadlineRules(client: Db = createAnonClient(), on: string = vnToday()) {
	const { data } = await client
		.from('deadline_rules')
		.select('kind, instance, subject, purpose, start_event, length_days, day_unit, legal_basis')
		.lte('valid_from', on)
		.or(`valid_to.is.null,valid_to.gte.${on}`)
		.order('id');
	return (data ?? []).map((r) => ({ ...r, day_unit: r.day_unit as 'calendar' | 'working' }));
}

/** A legal deadline computed by the database (working days and holidays live there). */
export async function deadline(
	kind: string,
	instance: number,
	subject: string,
	purpose: 'file' | 'accept' | 'resolve',
	start: string,
	client: Db = createAnonClient()
): Promise<string | null> {
	const { data, error } = await client.rpc('complaint_deadline', {
		p_kind: kind,
		p_instance: instance,
		p_subject: subject,
		p_purpose: purpose,
		p_start: start
	});
	if (error) return null;
	return data ?? null;
}

/** Units a citizen may address (currently valid), for the select. */
export async function units(client: Db = createAnonClient()) {
	const { data } = await client
		.from('units')
		.select('id, name, short_name, province_name, level, parent_id')
		.is('valid_to', null)
		.order('province_name')
		.order('level')
		.order('name');
	return data ?? [];
}

// ---------------------------------------------------------------------------------------------
// Staff
// ---------------------------------------------------------------------------------------------

/** Denouncer identity: audited SQL function; throws identity_protected when not allowed. */
export async function revealParties(supabase: Db, id: string) {
	return call(supabase, 'get_complaint_parties', { p_id: id });
}

/** Call one officer action (SQL function, name and arguments checked); throws Refusal. */
export function act<F extends FnName>(supabase: Db, fn: F, args: FnArgs<F>) {
	return call(supabase, fn, args);
}
