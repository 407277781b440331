/**
 * Application statuses and the transitions the SQL functions allow (mirrored from migration
 * 20261126000410; the database is the authority, this drives which buttons the desk sees).
 */
import type { StatusTone } from '$lib/ui/types';
import { Constants } from '$lib/database.types';

/** From the database's enum public.application_status (the lookup table's codes must be its values). */
export type ApplicationStatus = (typeof Constants.public.Enums.application_status)[number];

export type StaffAction =
	| 'check'
	| 'accept'
	| 'request_documents'
	| 'refuse'
	| 'assign'
	| 'record_result'
	| 'return_result'
	| 'apology';

const ALLOWED: Record<StaffAction, ApplicationStatus[]> = {
	check: ['submitted'],
	accept: ['checking'],
	request_documents: ['checking', 'processing'],
	refuse: ['submitted', 'checking', 'needs_documents'],
	assign: ['checking', 'processing', 'needs_documents'],
	record_result: ['processing'],
	return_result: ['result_ready'],
	apology: ['submitted', 'checking', 'needs_documents', 'processing', 'result_ready']
};

/**
 * Staff actions offered for an application in this status. The apology (phiếu xin lỗi và hẹn lại
 * ngày trả kết quả) is offered when the file is late or its due date is close: NĐ 118/2025 wants
 * it sent before the due date, with a new date.
 */
export function actionsFor(status: ApplicationStatus, isLateOrDueSoon: boolean): StaffAction[] {
	return (Object.keys(ALLOWED) as StaffAction[]).filter(
		(a) => ALLOWED[a].includes(status) && (a !== 'apology' || isLateOrDueSoon)
	);
}

/** Citizen-facing progress steps (the tracking view's step indicator). */
export const CITIZEN_STEPS = ['submitted', 'checking', 'processing', 'result_ready'] as const;

export function citizenStep(status: ApplicationStatus): number {
	switch (status) {
		case 'submitted':
			return 0;
		case 'checking':
		case 'needs_documents':
			return 1;
		case 'processing':
			return 2;
		default:
			return 3;
	}
}

export function statusTone(status: ApplicationStatus): StatusTone {
	switch (status) {
		case 'needs_documents':
			return 'warning';
		case 'result_ready':
		case 'returned':
			return 'success';
		case 'refused':
			return 'error';
		case 'submitted':
			return 'neutral';
		default:
			return 'progress';
	}
}
