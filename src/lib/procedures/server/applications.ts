/**
 * Calls to the applications SQL functions. Every rule is enforced in SQL; this module only shapes
 * payloads and turns coded errors (P0001 + snake_case message) into message keys.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { createAnonClient } from '$lib/server/supabase';
import type { ApplicationView } from '../types';

export const SQL_ERRORS = [
	'procedure_not_found',
	'procedure_not_online',
	'unit_not_found',
	'consent_required',
	'applicant_name_required',
	'contact_required',
	'application_answers_invalid',
	'rate_limited',
	'documents_missing',
	'attachment_not_found',
	'too_many_documents',
	'idempotency_key_required',
	'idempotency_key_expired',
	'not_allowed',
	'application_not_found',
	'invalid_transition',
	'assignee_invalid',
	'documents_request_required',
	'due_by_invalid',
	'refusal_reasons_required',
	'return_channel_invalid',
	'application_not_late',
	'documents_already_requested',
	'new_due_date_required',
	'apology_reason_required',
	'result_not_ready',
	'already_rated',
	'rating_invalid',
	'tracking_not_found'
] as const;
export type SqlError = (typeof SQL_ERRORS)[number];

export class ProcedureError extends Error {
	constructor(
		readonly code: SqlError | 'unknown',
		readonly detail?: string
	) {
		super(code);
	}
	/** The message key for the page (procedures_err_<code>). */
	get key(): string {
		return `procedures_err_${this.code}`;
	}
}

function fail(error: { code?: string; message: string; details?: string | null }): never {
	const known = (SQL_ERRORS as readonly string[]).includes(error.message);
	if (error.code === 'P0001' && known) {
		throw new ProcedureError(error.message as SqlError, error.details ?? undefined);
	}
	console.error('procedures: unexpected database error', error.code, error.message);
	throw new ProcedureError('unknown');
}

export interface Receipt {
	application_id: string;
	code: string;
	secret: string;
	due_date: string;
}

export interface SubmitPayload {
	procedure_code: string;
	unit_id: string;
	applicant: { name: string; cccd?: string; phone?: string; email?: string; address?: string };
	answers: Record<string, string>;
	documents: { attachment_id: string; document_key: string }[];
	consent?: boolean;
}

/**
 * Files an application online (anon). A repeated key returns the same receipt. `messages`: the
 * channels and language chosen ("sms,email;vi"), stored with the consent by the database.
 */
export async function submit(
	payload: SubmitPayload,
	idempotencyKey: string,
	messages = ''
): Promise<Receipt> {
	const { data, error } = await createAnonClient(
		messages ? { 'x-thads-messages': messages } : undefined
	)
		.rpc('submit_application', { payload, idempotency_key: idempotencyKey })
		.single();
	if (error) fail(error);
	return data as Receipt;
}

/** Enters a paper application received at the desk (staff client). */
export async function registerDesk(db: SupabaseClient, payload: SubmitPayload): Promise<Receipt> {
	const { data, error } = await db.rpc('register_desk_application', { payload }).single();
	if (error) fail(error);
	return data as Receipt;
}

/** The citizen's view by code + secret, or null (unknown code, wrong secret, locked). */
export async function getByCode(code: string, secret: string): Promise<ApplicationView | null> {
	const { data, error } = await createAnonClient().rpc('get_application_by_code', { code, secret });
	if (error) fail(error);
	return (data as ApplicationView | null) ?? null;
}

/** Hands in requested documents; null when the code/secret do not match. */
export async function addDocuments(
	code: string,
	secret: string,
	documents: { attachment_id: string; document_key: string }[],
	draftKey: string
): Promise<{ status: string; due_date: string } | null> {
	const { data, error } = await createAnonClient().rpc('add_application_documents_by_code', {
		code,
		secret,
		documents,
		draft_key: draftKey
	});
	if (error) fail(error);
	return data ?? null;
}

/** Rates a completed application; false when the code/secret do not match. */
export async function rate(
	code: string,
	secret: string,
	rating: number,
	comment: string
): Promise<boolean> {
	const { data, error } = await createAnonClient().rpc('rate_application_by_code', {
		code,
		secret,
		rating,
		comment
	});
	if (error) fail(error);
	return data === true;
}

/** The result file of a code-holder's application, or null. */
export async function resultFile(
	code: string,
	secret: string
): Promise<{ bucket: string; path: string; file_name: string } | null> {
	const { data, error } = await createAnonClient()
		.rpc('get_application_result_by_code', { code, secret })
		.maybeSingle();
	if (error) fail(error);
	return (data as { bucket: string; path: string; file_name: string } | null) ?? null;
}

/** Runs one staff step (check, accept, …) with the staff member's client. */
export async function staffStep(
	db: SupabaseClient,
	fn:
		| 'check_application'
		| 'accept_application'
		| 'request_application_documents'
		| 'refuse_application'
		| 'assign_application'
		| 'record_application_result'
		| 'return_application_result'
		| 'record_apology_letter',
	args: Record<string, unknown>
): Promise<unknown> {
	const { data, error } = await db.rpc(fn, args);
	if (error) fail(error);
	return data;
}
