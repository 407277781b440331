/**
 * Issue 7 "Counting": per unit and period, summed from the procedure_stats view (security
 * invoker, so staff see the units RLS lets them see). Ratios are computed from the sums, never by
 * averaging daily averages: on-time rate = completed on time ÷ completed; average processing days
 * = Σ processing days ÷ completed; satisfaction = Σ ratings ÷ number of ratings.
 */
import type { Db } from '$lib/server/supabase';

const COUNTS = [
	'received_online',
	'received_desk',
	'received_total',
	'completed_on_time',
	'completed_late',
	'in_progress_on_time',
	'overdue',
	'returned_for_documents',
	'refused',
	'processing_days_sum',
	'rating_count',
	'rating_sum'
] as const;
export type Counts = Record<(typeof COUNTS)[number], number>;

export interface UnitCounts extends Counts {
	unit_id: string;
	unit_name: string;
}

const zero = (): Counts => Object.fromEntries(COUNTS.map((k) => [k, 0])) as unknown as Counts;

/** Sums per unit (named) and in total for the days from..to (inclusive, ISO dates). */
export async function perUnit(
	supabase: Db,
	from: string,
	to: string
): Promise<{ units: UnitCounts[]; total: Counts }> {
	const { data, error } = await supabase
		.from('procedure_stats')
		.select(`unit_id, ${COUNTS.join(', ')}`)
		.gte('day', from)
		.lte('day', to)
		.limit(20000);
	if (error) throw error;
	const byUnit = new Map<string, Counts>();
	const total = zero();
	for (const row of (data ?? []) as unknown as (Counts & { unit_id: string })[]) {
		const acc = byUnit.get(row.unit_id) ?? zero();
		for (const k of COUNTS) {
			acc[k] += Number(row[k] ?? 0);
			total[k] += Number(row[k] ?? 0);
		}
		byUnit.set(row.unit_id, acc);
	}
	const ids = [...byUnit.keys()];
	const { data: units } = ids.length
		? await supabase.from('units').select('id, name').in('id', ids)
		: { data: [] as { id: string; name: string }[] };
	const names = new Map((units ?? []).map((u) => [u.id as string, u.name as string]));
	return {
		units: ids
			.map((id) => ({ unit_id: id, unit_name: names.get(id) ?? id, ...byUnit.get(id)! }))
			.sort((a, b) => a.unit_name.localeCompare(b.unit_name, 'vi')),
		total
	};
}
