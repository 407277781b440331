/**
 * Pure rules mirrored from SQL (complaint_statuses, the transition checks in
 * 20261126000205_complaints_staff_functions.sql). The database enforces them; these drive what
 * the pages offer and how they label things.
 */
import { Constants } from '$lib/database.types';
import type { ComplaintKind } from './schema';

/** From the database's enum public.complaint_status (the lookup table's codes must be its values). */
export const STATUSES = Constants.public.Enums.complaint_status;
export type ComplaintStatus = (typeof STATUSES)[number];

export const STATUS_CATEGORY: Record<ComplaintStatus, 'open' | 'closed' | 'resolved'> = {
	received: 'open',
	accepted: 'open',
	verifying: 'open',
	dialogue: 'open',
	resolved: 'resolved',
	returned: 'closed',
	guided: 'closed',
	withdrawn: 'closed'
};

export type Action =
	| 'classify'
	| 'accept'
	| 'return'
	| 'forward'
	| 'guide'
	| 'assign'
	| 'request_info'
	| 'verification'
	| 'dialogue'
	| 'resolve'
	| 'withdraw'
	| 'reopen'
	| 'extend';

/** Statuses from which each officer action is allowed (same lists as the SQL functions). */
export const ACTION_FROM: Record<Action, readonly ComplaintStatus[]> = {
	classify: ['received'],
	accept: ['received'],
	return: ['received'],
	forward: ['received'],
	guide: ['received'],
	assign: ['received', 'accepted', 'verifying', 'dialogue'],
	request_info: ['received', 'accepted', 'verifying', 'dialogue'],
	verification: ['accepted', 'verifying', 'dialogue'],
	dialogue: ['accepted', 'verifying', 'dialogue'],
	resolve: ['accepted', 'verifying', 'dialogue'],
	withdraw: ['received', 'accepted', 'verifying', 'dialogue'],
	reopen: ['resolved'],
	extend: ['accepted', 'verifying', 'dialogue']
};

/** Most extensions of a denunciation's deadline (the SQL reads deadline_rules.max_times). */
const MAX_EXTENSIONS = 2;

export function allowedActions(c: {
	status: string;
	kind: string;
	instance: number;
	extensions?: number;
}): Action[] {
	return (Object.keys(ACTION_FROM) as Action[]).filter((a) => {
		if (!ACTION_FROM[a].includes(c.status as ComplaintStatus)) return false;
		if (a === 'reopen') return c.kind === 'complaint' && c.instance === 1;
		if (a === 'extend') return c.kind === 'denunciation' && (c.extensions ?? 0) < MAX_EXTENSIONS;
		return true;
	});
}

export const OUTCOMES: Record<ComplaintKind, readonly string[]> = {
	complaint: ['upheld', 'partly_upheld', 'rejected'],
	denunciation: ['true', 'partly_true', 'false'],
	petition: ['answered']
};

/** Badge tone for a status (StatusBadge). */
export function statusTone(s: string): 'info' | 'progress' | 'success' | 'neutral' | 'warning' {
	switch (s) {
		case 'received':
			return 'info';
		case 'accepted':
		case 'verifying':
		case 'dialogue':
			return 'progress';
		case 'resolved':
			return 'success';
		default:
			return 'neutral';
	}
}

const DAY = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Whole calendar days from `today` to `due` (both YYYY-MM-DD); negative when passed. */
export function daysBetween(today: string, due: string): number {
	return Math.round((toDay(due) - toDay(today)) / DAY);
}

export type DueState = 'none' | 'ok' | 'due_soon' | 'due_today' | 'overdue';

/** Deadline badge for an open file: due soon = within 3 calendar days. */
export function dueState(due: string | null | undefined, today: string, open = true): DueState {
	if (!due || !open) return 'none';
	const d = daysBetween(today, due);
	if (d < 0) return 'overdue';
	if (d === 0) return 'due_today';
	if (d <= 3) return 'due_soon';
	return 'ok';
}

/** The citizen's clock before filing: time left to file, given the last day (from deadline_rules). */
export function filingClock(
	lastDay: string | null,
	today: string
):
	| { state: 'unknown' }
	| { state: 'open'; daysLeft: number; lastDay: string }
	| { state: 'last_day'; lastDay: string }
	| { state: 'passed'; daysLate: number; lastDay: string } {
	if (!lastDay) return { state: 'unknown' };
	const d = daysBetween(today, lastDay);
	if (d > 0) return { state: 'open', daysLeft: d, lastDay };
	if (d === 0) return { state: 'last_day', lastDay };
	return { state: 'passed', daysLate: -d, lastDay };
}

/** Error codes raised by the SQL functions that have a message of their own. */
export const KNOWN_ERRORS = [
	'not_allowed',
	'idempotency_key_expired',
	'complaint_not_found',
	'not_in_your_unit',
	'invalid_transition',
	'not_in_competence',
	'reason_required',
	'invalid_unit',
	'invalid_officer',
	'outcome_invalid',
	'decision_required',
	'attachment_not_found',
	'already_reopened',
	'no_higher_unit',
	'identity_protected',
	'tracking_not_found',
	'rate_limited',
	'too_many_attachments',
	'invalid_date',
	'not_a_denunciation',
	'complexity_invalid',
	'extension_limit',
	'deadline_passed',
	'not_a_complaint',
	'appeal_window_passed',
	'invalid_content'
] as const;
