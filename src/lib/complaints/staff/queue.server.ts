/**
 * The officer's complaint queue: one call to `staff_complaint_queue` (SQL filters, sorts by the
 * deadline shown and pages with a keyset cursor; RLS scopes it to the officer's units).
 */
import type { Db } from '$lib/server/supabase';
import { call } from '$lib/server/rpc';

type DueFilter = '' | 'overdue' | 'week';

export interface QueueFilters {
	kind: string;
	/** A status, 'open' or 'all'. */
	status: string;
	/** A user id, 'me' or 'none'. */
	officer: string;
	due: DueFilter;
	q: string;
}

interface QueueRow {
	id: string;
	tracking_code: string | null;
	kind: string;
	instance: number;
	status: string;
	unit: string | null;
	/** The deadline the queue shows: to accept while received, to resolve after. */
	due: string | null;
	due_purpose: 'accept' | 'resolve';
	/** Working days from today to `due` (negative when passed); null for a closed file. */
	days_left: number | null;
	officer: string | null;
	identity_sealed: boolean;
	filer: string | null;
	duplicates: { id: string; code: string | null; reason: 'cccd' | 'phone' }[];
}

export interface QueuePage {
	today: string;
	week_end: string;
	counts: { total: number; overdue: number; due_week: number };
	rows: QueueRow[];
	next: { due: string; id: string } | null;
}

/** Page size: a phone shows them as cards, a desk as a table. */
const PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Filters from the query string (`?loai=&trang_thai=&can_bo=&han=&q=`); 'soon' is the old name of 'week'. */
export function filtersFrom(p: URLSearchParams): QueueFilters {
	const han = p.get('han') ?? '';
	return {
		kind: p.get('loai') ?? '',
		status: p.get('trang_thai') || 'open',
		officer: p.get('can_bo') ?? '',
		due: han === 'overdue' ? 'overdue' : han === 'week' || han === 'soon' ? 'week' : '',
		q: (p.get('q') ?? '').slice(0, 100)
	};
}

/** The cursor in the URL (`?sau=<due>_<id>`): the last row of the previous page. */
export function cursorFrom(p: URLSearchParams): { due: string; id: string } | null {
	const m = /^(\d{4}-\d{2}-\d{2}|infinity)_(.+)$/.exec(p.get('sau') ?? '');
	return m && UUID.test(m[2]!) ? { due: m[1]!, id: m[2]! } : null;
}

export const cursorParam = (c: { due: string; id: string }) => `${c.due}_${c.id}`;

/** One page of the queue with the counts above it. */
export async function list(
	supabase: Db,
	f: QueueFilters,
	after: { due: string; id: string } | null
): Promise<QueuePage> {
	const data = await call(supabase, 'staff_complaint_queue', {
		p_status: f.status,
		p_kind: f.kind || null,
		p_officer: f.officer || null,
		p_due: f.due || null,
		p_q: f.q.trim() || null,
		p_after_due: after?.due ?? null,
		p_after_id: after?.id ?? null,
		p_limit: PAGE_SIZE
	});
	return data as unknown as QueuePage;
}
