/**
 * The officer's actions on a complaint file, declared once: form fields (zod schema), the SQL
 * function that performs it, the statuses it starts from and its label. The page's form actions
 * parse with the schema before calling the database (which repeats every check), and
 * `StaffActionForm` takes its title and field ids from here. Field errors carry message keys.
 */
import { z } from 'zod';
import type { FnName } from '$lib/server/rpc';
import { m } from '$lib/paraglide/messages.js';
import { KINDS, SUBJECTS } from '../constants';
import { dateNoteInput, reasonInput } from '../schema';
import { ACTION_FROM, OUTCOMES, type ComplaintStatus } from '../status';

const OPEN: readonly ComplaintStatus[] = ['received', 'accepted', 'verifying', 'dialogue'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const trimmed = z.string().trim();
/** An optional internal note: empty means none. */
const note = trimmed
	.max(5000, { error: 'complaints_err_reason' })
	.optional()
	.transform((v) => v || null);
/** Text the citizen will read (guidance, request for information): 5 to 5,000 characters. */
const text = trimmed
	.min(5, { error: 'complaints_staff_err_text' })
	.max(5000, { error: 'complaints_staff_err_text' });
const choice = z.string().regex(UUID, { error: 'complaints_staff_err_choose' });
const ALL_OUTCOMES = [...new Set(Object.values(OUTCOMES).flat())] as [string, ...string[]];

/** Zod schemas per action, over the form's field names. */
export const schemas = {
	classify: z.object({
		kind: z.enum(KINDS, { error: 'complaints_err_kind' }),
		subject: z.enum(SUBJECTS, { error: 'complaints_err_subject' }),
		in_competence: z
			.literal('yes')
			.optional()
			.transform((v) => v === 'yes'),
		note
	}),
	accept: z.object({ note }),
	return: reasonInput,
	forward: z.object({ to_unit: choice, reason: reasonInput.shape.reason }),
	guide: z.object({ text }),
	assign: z.object({ officer: choice }),
	exclude: z.object({ excluded_officer: choice, exclude_reason: reasonInput.shape.reason }),
	request_info: z.object({ text }),
	verification: dateNoteInput,
	dialogue: dateNoteInput,
	resolve: z.object({
		outcome: z.enum(ALL_OUTCOMES, { error: 'complaints_staff_err_outcome' }),
		summary: text
	}),
	withdraw: z.object({ note }),
	extend: z.object({
		complexity: z.enum(['complex', 'especially_complex'], { error: 'complaints_staff_err_choose' }),
		reason: reasonInput.shape.reason
	}),
	extend_intake: reasonInput,
	reopen: z.object({ note })
} as const;

export type StaffActionName = keyof typeof schemas;
type Input<A extends StaffActionName> = z.output<(typeof schemas)[A]>;

interface Declared<A extends StaffActionName> {
	/** The SQL function that performs it (and checks role, unit and status again). */
	rpc: FnName;
	args: (
		id: string,
		v: Input<A>,
		extra: { attachmentId?: string | null }
	) => Record<string, unknown>;
	/** Statuses it starts from (mirrors the SQL function's check). */
	from: readonly ComplaintStatus[];
	label: () => string;
}

/**
 * An action whose SQL arguments are the file's id and form fields under the function's parameter
 * names (`{ p_reason: 'reason' }`); it starts from the statuses of status.ts unless `from` says.
 */
function declare<A extends StaffActionName>(
	action: A,
	rpc: FnName,
	params: Record<string, keyof Input<A> & string>,
	label: () => string,
	from: readonly ComplaintStatus[] = ACTION_FROM[action as keyof typeof ACTION_FROM]
): Declared<A> {
	return {
		rpc,
		args: (id, v) => ({
			p_id: id,
			...Object.fromEntries(Object.entries(params).map(([p, k]) => [p, v[k]]))
		}),
		from,
		label
	};
}

export const STAFF_ACTIONS: { [A in StaffActionName]: Declared<A> } = {
	classify: declare(
		'classify',
		'classify_complaint',
		{ p_kind: 'kind', p_subject: 'subject', p_in_competence: 'in_competence', p_note: 'note' },
		m.complaints_action_classify
	),
	accept: declare('accept', 'accept_complaint', { p_note: 'note' }, m.complaints_action_accept),
	return: declare('return', 'return_complaint', { p_reason: 'reason' }, m.complaints_action_return),
	forward: declare(
		'forward',
		'forward_complaint',
		{ p_to_unit: 'to_unit', p_reason: 'reason' },
		m.complaints_action_forward
	),
	guide: declare('guide', 'guide_complaint', { p_guidance: 'text' }, m.complaints_action_guide),
	assign: declare(
		'assign',
		'assign_complaint',
		{ p_officer: 'officer' },
		m.complaints_action_assign
	),
	exclude: declare(
		'exclude',
		'exclude_complaint_officer',
		{ p_officer: 'excluded_officer', p_reason: 'exclude_reason' },
		m.complaints_action_exclude,
		[...OPEN, 'resolved', 'returned', 'guided', 'withdrawn']
	),
	request_info: declare(
		'request_info',
		'request_complaint_info',
		{ p_message: 'text' },
		m.complaints_action_request_info
	),
	verification: declare(
		'verification',
		'record_complaint_verification',
		{ p_date: 'date', p_summary: 'text' },
		m.complaints_action_verification
	),
	dialogue: declare(
		'dialogue',
		'record_complaint_dialogue',
		{ p_date: 'date', p_minutes: 'text' },
		m.complaints_action_dialogue
	),
	resolve: {
		rpc: 'resolve_complaint',
		args: (id, v, extra) => ({
			p_id: id,
			p_outcome: v.outcome,
			p_summary: v.summary,
			p_decision_attachment: extra.attachmentId ?? null
		}),
		from: ACTION_FROM.resolve,
		label: m.complaints_action_resolve
	},
	withdraw: declare(
		'withdraw',
		'withdraw_complaint',
		{ p_note: 'note' },
		m.complaints_action_withdraw
	),
	extend: declare(
		'extend',
		'extend_denunciation_deadline',
		{ p_complexity: 'complexity', p_reason: 'reason' },
		m.complaints_action_extend
	),
	extend_intake: declare(
		'extend_intake',
		'extend_intake_check',
		{ p_reason: 'reason' },
		m.complaints_action_extend_intake,
		['received']
	),
	reopen: declare(
		'reopen',
		'reopen_complaint_second_instance',
		{ p_note: 'note' },
		m.complaints_action_reopen
	)
};

/** A field's id on the file page: every form has its own, so no two labels share an id. */
export const fieldId = (action: string, field: string) => `${action}-${field}`;

export type ParsedAction<A extends StaffActionName> =
	{ ok: true; value: Input<A> } | { ok: false; fields: Record<string, string> };

/** Parse a posted form with the action's schema; on failure the message key per field. */
export function parseAction<A extends StaffActionName>(action: A, fd: FormData): ParsedAction<A> {
	const raw: Record<string, string> = {};
	for (const [k, v] of fd) if (typeof v === 'string' && !k.startsWith('$')) raw[k] = v;
	const r = schemas[action].safeParse(raw);
	if (r.success) return { ok: true, value: r.data as Input<A> };
	const fields: Record<string, string> = {};
	for (const issue of r.error.issues) {
		const k = String(issue.path[0] ?? '');
		fields[k] ??= issue.message;
	}
	return { ok: false, fields };
}

/** Field error texts (explicit references keep Paraglide's tree-shaking working). */
const FIELD_ERRORS: Record<string, () => string> = {
	complaints_err_reason: m.complaints_err_reason,
	complaints_err_date: m.complaints_err_date,
	complaints_err_kind: m.complaints_err_kind,
	complaints_err_subject: m.complaints_err_subject,
	complaints_staff_err_text: m.complaints_staff_err_text,
	complaints_staff_err_choose: m.complaints_staff_err_choose,
	complaints_staff_err_outcome: m.complaints_staff_err_outcome
};

export const fieldErrorText = (key: string) =>
	(FIELD_ERRORS[key] ?? m.complaints_error_invalid_input)();
