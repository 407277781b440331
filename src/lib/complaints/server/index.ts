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
	checked,
	firstRow,
	jsonb,
	type FnArgs,
	type FnName
} from '$lib/server/rpc';
import type { Json, Tables } from '$lib/database.types';
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

export interface CitizenEvent {
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

export interface QueueFilters {
	kind?: string;
	status?: string; // a status, or 'open'
	officer?: string; // a user id, 'me' or 'none'
	due?: 'soon' | 'overdue' | '';
	q?: string;
}

export type QueueRow = Pick<
	Tables<'complaints'>,
	| 'id'
	| 'tracking_code'
	| 'kind'
	| 'instance'
	| 'status'
	| 'unit_id'
	| 'received_at'
	| 'accept_due'
	| 'resolve_due'
	| 'assigned_to'
	| 'in_competence'
	| 'identity_sealed'
>;

const QUEUE_COLUMNS =
	'id, tracking_code, kind, instance, status, unit_id, received_at, accept_due, resolve_due, assigned_to, in_competence, identity_sealed';

/** The officer's queue (RLS limits it to visible units), sorted by the next deadline. */
export async function queue(
	supabase: Db,
	f: QueueFilters,
	me: string,
	today: string,
	soon: string
) {
	let q = supabase.from('complaints').select(QUEUE_COLUMNS).limit(500);
	if (f.kind) q = q.eq('kind', f.kind);
	if (f.status === 'open' || !f.status)
		q = q.in('status', ['received', 'accepted', 'verifying', 'dialogue']);
	else if (f.status !== 'all') q = q.eq('status', f.status);
	if (f.officer === 'me') q = q.eq('assigned_to', me);
	else if (f.officer === 'none') q = q.is('assigned_to', null);
	else if (f.officer) q = q.eq('assigned_to', f.officer);

	const term = f.q?.trim();
	if (term) {
		const code = term.toUpperCase().replace(/\s/g, '');
		if (/^(KN|TC)-?[0-9A-Z]{4}-?[0-9A-Z]{0,4}$/.test(code)) {
			q = q.ilike('tracking_code', `%${code.replace(/-/g, '%')}%`);
		} else {
			// Name or CCCD: a narrow SQL function (complaint staff; never a sealed file's filer).
			const { data } = await supabase.rpc('find_complaints_by_party', { p_term: term });
			const ids = [...new Set(data ?? [])];
			if (!ids.length) return [];
			q = q.in('id', ids);
		}
	}
	let rows: QueueRow[] = checked(await q) ?? [];
	const dueOf = (r: QueueRow) => (r.status === 'received' ? r.accept_due : r.resolve_due);
	if (f.due === 'overdue') rows = rows.filter((r) => (dueOf(r) ?? '9999') < today);
	if (f.due === 'soon')
		rows = rows.filter((r) => {
			const d = dueOf(r);
			return d !== null && d >= today && d <= soon;
		});
	rows.sort((a, b) => (dueOf(a) ?? '9999').localeCompare(dueOf(b) ?? '9999'));
	return rows;
}

/** First filer's name per complaint (names only; sealed files come back without one). */
export async function filerNames(supabase: Db, ids: string[]) {
	if (!ids.length) return new Map<string, string>();
	const { data } = await supabase.rpc('complaint_filer_names', { p_ids: ids.slice(0, 500) });
	return new Map((data ?? []).map((r) => [r.complaint_id, r.full_name]));
}

/** Everything an officer sees on the detail page. Logs the access ("who opened my file"). */
export async function detail(supabase: Db, id: string) {
	const c = checked(await supabase.from('complaints').select('*').eq('id', id).maybeSingle());
	if (!c) return null;
	await supabase.rpc('log_complaint_access', { p_id: id });
	// Parties only through the logging function; a sealed file's identity waits for "reveal".
	const sealed = c.identity_sealed === true;
	const [events, notes, access, files, parties, exclusions] = await Promise.all([
		supabase
			.from('complaint_events')
			.select('*')
			.eq('complaint_id', id)
			.order('occurred_at')
			.order('id'),
		supabase.from('complaint_notes').select('*').eq('complaint_id', id).order('created_at'),
		supabase
			.from('complaint_access_log')
			.select('*')
			.eq('complaint_id', id)
			.order('opened_at', { ascending: false })
			.limit(50),
		supabase
			.from('attachments')
			.select('id, file_name, mime_type, size_bytes, uploaded_at, uploaded_by, is_internal')
			.eq('owner_kind', 'complaint')
			.eq('owner_id', id)
			.order('uploaded_at'),
		sealed ? Promise.resolve({ data: [] }) : supabase.rpc('get_complaint_parties', { p_id: id }),
		// Unit heads and admins only (RLS): the officers kept out of this file.
		supabase.from('complaint_exclusions').select('officer_id, created_at').eq('complaint_id', id)
	]);
	return {
		complaint: c,
		events: (events.data ?? []).map((e) => ({
			...e,
			data: jsonb<Record<string, unknown> | null>(e.data)
		})),
		notes: notes.data ?? [],
		access: access.data ?? [],
		files: files.data ?? [],
		parties: parties.data ?? [],
		exclusions: exclusions.data ?? []
	};
}

/** Denouncer identity: audited SQL function; throws identity_protected when not allowed. */
export async function revealParties(supabase: Db, id: string) {
	return call(supabase, 'get_complaint_parties', { p_id: id });
}

/** Call one officer action (SQL function, name and arguments checked); throws Refusal. */
export function act<F extends FnName>(supabase: Db, fn: F, args: FnArgs<F>) {
	return call(supabase, fn, args);
}
