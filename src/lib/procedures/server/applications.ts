/**
 * Calls to the applications SQL functions. Every rule is enforced in SQL; this module only shapes
 * payloads. Coded errors become `Refusal` (`$lib/server/rpc`); pages show `procedures_err_<code>`.
 */
import type { Db } from '$lib/server/supabase';
import { createAnonClient } from '$lib/server/supabase';
import { Refusal, call, firstRow, jsonb, type FnArgs } from '$lib/server/rpc';
import type { Json } from '$lib/database.types';
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

export { Refusal } from '$lib/server/rpc';

export type Receipt = { application_id: string; code: string; secret: string; due_date: string };

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
	const client = createAnonClient(messages ? { 'x-thads-messages': messages } : undefined);
	const row = firstRow(
		await call(client, 'submit_application', {
			payload: payload as unknown as Json,
			idempotency_key: idempotencyKey
		})
	);
	if (!row) throw new Refusal('unexpected');
	return row;
}

/** Enters a paper application received at the desk (staff client). */
export async function registerDesk(db: Db, payload: SubmitPayload): Promise<Receipt> {
	const row = firstRow(
		await call(db, 'register_desk_application', { payload: payload as unknown as Json })
	);
	if (!row) throw new Refusal('unexpected');
	return row;
}

/** The citizen's view by code + secret, or null (unknown code, wrong secret, locked). */
export async function getByCode(code: string, secret: string): Promise<ApplicationView | null> {
	const data = await call(createAnonClient(), 'get_application_by_code', { code, secret });
	return data === null ? null : jsonb<ApplicationView>(data);
}

/** Hands in requested documents; null when the code/secret do not match. */
export async function addDocuments(
	code: string,
	secret: string,
	documents: { attachment_id: string; document_key: string }[],
	draftKey: string
): Promise<{ status: string; due_date: string } | null> {
	const data = await call(createAnonClient(), 'add_application_documents_by_code', {
		code,
		secret,
		documents: documents as unknown as Json,
		draft_key: draftKey
	});
	return data === null ? null : jsonb<{ status: string; due_date: string }>(data);
}

/** Rates a completed application; false when the code/secret do not match. */
export async function rate(
	code: string,
	secret: string,
	rating: number,
	comment: string
): Promise<boolean> {
	const data = await call(createAnonClient(), 'rate_application_by_code', {
		code,
		secret,
		rating,
		comment
	});
	return data === true;
}

/** The result file of a code-holder's application, or null. */
export async function resultFile(
	code: string,
	secret: string
): Promise<{ bucket: string; path: string; file_name: string } | null> {
	return firstRow(
		await call(createAnonClient(), 'get_application_result_by_code', { code, secret })
	);
}

type StaffStep =
	| 'check_application'
	| 'accept_application'
	| 'request_application_documents'
	| 'refuse_application'
	| 'assign_application'
	| 'record_application_result'
	| 'return_application_result'
	| 'record_apology_letter';

/** Runs one staff step (check, accept, …) with the staff member's client; throws Refusal. */
export function staffStep<F extends StaffStep>(db: Db, fn: F, args: FnArgs<F>) {
	return call(db, fn, args);
}
