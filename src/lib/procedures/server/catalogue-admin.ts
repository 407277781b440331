/**
 * Catalogue administration: every procedure with its current version and flags, one procedure's
 * version history, and maker-checker publishing: an admin submits an edit
 * (public.submit_procedure_version()), a second person — another admin or the head of a Cục/tỉnh
 * unit — publishes or returns it (approve_/return_procedure_version(), which refuse one's own
 * draft). The SQL functions check the roles; RLS shows drafts to admins and approvers only. Runs
 * with the signed-in user's client, never the service role.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { CatalogueEntry } from '../types';
import type { VersionInput } from '../version-schema';
import { invalidate } from './catalogue';

/** A procedure_versions row with the code and topic of its procedure. */
type VersionRow = Omit<
	CatalogueEntry,
	| 'procedure_id'
	| 'code'
	| 'national_code'
	| 'topic_code'
	| 'topic_name_vi'
	| 'topic_name_en'
	| 'sort'
	| 'version_id'
> & {
	id: string;
	procedure_id: string;
	published_at: string;
	published_by: string | null;
	template_ref: string | null;
};

export interface AdminListRow {
	code: string;
	topic_code: string;
	is_active: boolean;
	version: number;
	name_vi: string;
	processing_days: number;
	needs_check: boolean;
	check_note: string | null;
	published_at: string;
}

/** Every procedure (inactive ones too) with its current version, in catalogue order. */
export async function list(supabase: SupabaseClient): Promise<AdminListRow[]> {
	const { data: procs, error } = await supabase
		.from('procedures')
		.select('id, code, topic_code, is_active, sort, current_version_id')
		.order('sort');
	if (error) throw error;
	const ids = (procs ?? []).map((p) => p.current_version_id).filter(Boolean) as string[];
	const { data: versions, error: e2 } = await supabase
		.from('procedure_versions')
		.select('id, version, name_vi, processing_days, needs_check, check_note, published_at')
		.in('id', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
	if (e2) throw e2;
	const byId = new Map((versions ?? []).map((v) => [v.id, v]));
	return (procs ?? []).flatMap((p) => {
		const v = byId.get(p.current_version_id);
		return v
			? [{ code: p.code, topic_code: p.topic_code, is_active: p.is_active, ...v } as AdminListRow]
			: [];
	});
}

/** One procedure with every version, newest first (null when unknown). */
export async function get(supabase: SupabaseClient, code: string) {
	const { data: proc, error } = await supabase
		.from('procedures')
		.select(
			'id, code, topic_code, is_active, current_version_id, national_code, national_code_confirmed, national_code_source, national_code_confirmed_at'
		)
		.eq('code', code)
		.maybeSingle();
	if (error) throw error;
	if (!proc) return null;
	const { data: versions, error: e2 } = await supabase
		.from('procedure_versions')
		.select('*')
		.eq('procedure_id', proc.id)
		.order('version', { ascending: false });
	if (e2) throw e2;
	const rows = (versions ?? []) as VersionRow[];
	const current = rows.find((v) => v.id === proc.current_version_id) ?? rows[0];
	const { data: staff } = await supabase
		.from('staff')
		.select('user_id, full_name')
		.in('user_id', [...new Set(rows.map((v) => v.published_by).filter(Boolean))] as string[]);
	const names = new Map((staff ?? []).map((s) => [s.user_id, s.full_name as string]));
	return {
		procedure: proc,
		current,
		history: rows.map((v) => ({
			id: v.id,
			version: v.version,
			name_vi: v.name_vi,
			processing_days: v.processing_days,
			fee_amount: v.fee_amount,
			needs_check: v.needs_check,
			published_at: v.published_at,
			published_by: v.published_by ? (names.get(v.published_by) ?? null) : null,
			fields: v.fields.length,
			documents: v.documents.length
		}))
	};
}

/** The topics an admin can file a procedure under. */
export async function topics(supabase: SupabaseClient) {
	const { data, error } = await supabase
		.from('procedure_topics')
		.select('code, name_vi, name_en')
		.order('sort');
	if (error) throw error;
	return data ?? [];
}

const PUBLISH_ERRORS = [
	'not_allowed',
	'version_conflict',
	'procedure_version_invalid',
	'procedure_not_found',
	'draft_not_found',
	'draft_not_pending',
	'own_draft',
	'reason_required'
] as const;

/** The coded SQL error as the message key procedures_err_<code>. */
function coded(error: { code?: string; message: string }, what: string): string {
	const known = (PUBLISH_ERRORS as readonly string[]).includes(error.message);
	if (!known) console.error(`procedures: ${what} failed`, error.code, error.message);
	return `procedures_err_${known ? error.message : 'unknown'}`;
}

/** Whether this staff member may approve catalogue drafts: admins, heads of Cục/tỉnh units. */
export async function mayApprove(
	supabase: SupabaseClient,
	staff: { unit_id: string; roles: string[] } | null
): Promise<boolean> {
	if (!staff) return false;
	if (staff.roles.includes('admin')) return true;
	if (!staff.roles.includes('unit_head')) return false;
	const { data } = await supabase
		.from('units')
		.select('level')
		.eq('id', staff.unit_id)
		.maybeSingle();
	return data?.level === 'cuc' || data?.level === 'tinh';
}

interface DraftRow {
	id: string;
	procedure_id: string;
	base_version: number;
	topic_code: string;
	version: Record<string, unknown>;
	status: 'pending' | 'published' | 'returned' | 'superseded';
	submitted_by: string;
	submitted_at: string;
	decided_by: string | null;
	decided_at: string | null;
	return_reason: string | null;
}

/** The newest draft of a procedure (pending or decided), with the people's names; null if none. */
export async function latestDraft(supabase: SupabaseClient, procedureId: string) {
	const { data, error } = await supabase
		.from('procedure_version_drafts')
		.select('*')
		.eq('procedure_id', procedureId)
		.neq('status', 'superseded')
		.order('submitted_at', { ascending: false })
		.limit(1)
		.maybeSingle();
	if (error) throw error;
	if (!data) return null;
	const d = data as DraftRow;
	const ids = [d.submitted_by, d.decided_by].filter(Boolean) as string[];
	const { data: staff } = await supabase
		.from('staff')
		.select('user_id, full_name')
		.in('user_id', ids);
	const names = new Map((staff ?? []).map((s) => [s.user_id, s.full_name as string]));
	return {
		...d,
		submitted_by_name: names.get(d.submitted_by) ?? null,
		decided_by_name: d.decided_by ? (names.get(d.decided_by) ?? null) : null
	};
}

/** Codes of procedures with a draft awaiting approval (for the list page). */
export async function pendingCodes(supabase: SupabaseClient): Promise<Map<string, string>> {
	// Two reads, not an embedded join: the stand-in does not embed (docs/decisions/004).
	const { data, error } = await supabase
		.from('procedure_version_drafts')
		.select('procedure_id, submitted_at')
		.eq('status', 'pending');
	if (error) throw error;
	const drafts = (data ?? []) as { procedure_id: string; submitted_at: string }[];
	if (!drafts.length) return new Map();
	const { data: procs, error: e2 } = await supabase
		.from('procedures')
		.select('id, code')
		.in(
			'id',
			drafts.map((d) => d.procedure_id)
		);
	if (e2) throw e2;
	const codeOf = new Map(
		((procs ?? []) as { id: string; code: string }[]).map((p) => [p.id, p.code])
	);
	return new Map(
		drafts.flatMap((d) => {
			const code = codeOf.get(d.procedure_id);
			return code ? [[code, d.submitted_at] as [string, string]] : [];
		})
	);
}

/** Submits the admin's edit for approval. Returns the draft's id, or the message key. */
export async function submit(
	supabase: SupabaseClient,
	code: string,
	input: VersionInput
): Promise<{ id: string } | { error: string }> {
	const { topic_code, ...version } = input;
	const { data, error } = await supabase.rpc('submit_procedure_version', {
		p_code: code,
		p_topic: topic_code,
		version
	});
	if (error) return { error: coded(error, 'submit') };
	return { id: data as string };
}

/** A second person publishes the draft. Returns the new version's id, or the message key. */
export async function approve(
	supabase: SupabaseClient,
	draftId: string
): Promise<{ id: string } | { error: string }> {
	const { data, error } = await supabase.rpc('approve_procedure_version', { p_draft: draftId });
	if (error) return { error: coded(error, 'approve') };
	// This instance shows the new version at once; others within the catalogue cache's minute.
	invalidate();
	return { id: data as string };
}

/** A second person sends the draft back with a reason. */
export async function returnDraft(
	supabase: SupabaseClient,
	draftId: string,
	reason: string
): Promise<{ ok: true } | { error: string }> {
	const { error } = await supabase.rpc('return_procedure_version', {
		p_draft: draftId,
		p_reason: reason
	});
	if (error) return { error: coded(error, 'return') };
	return { ok: true };
}
