import type { PageServerLoad } from './$types';
import { loadStatsPage } from '$lib/stats/server/page';
import { latestApprovedPeriod, periodToParam } from '$lib/stats/periods';
import type { SupabaseClient } from '@supabase/supabase-js';

/** Query parameters that choose a period; without any, the page picks one (issue 18.9). */
const PERIOD_PARAMS = ['ky', 'tu', 'den', 'nam'];

/**
 * The newest approved period of a unit and the units under it (RLS limits the reports to those
 * the member may see), or null when nothing is approved yet.
 */
async function latestApproved(supabase: SupabaseClient, unitId: string) {
	const { data: units, error: e1 } = await supabase.from('units').select('id, parent_id');
	if (e1) throw e1;
	const subtree = new Set([unitId]);
	// Units come in no particular order: repeat until no child is added (the tree is shallow).
	for (let grew = true; grew;) {
		grew = false;
		for (const u of units ?? [])
			if (u.parent_id && subtree.has(u.parent_id) && !subtree.has(u.id)) {
				subtree.add(u.id);
				grew = true;
			}
	}
	const { data, error } = await supabase
		.from('enforcement_reports')
		.select('work_year, month_index')
		.eq('status', 'approved')
		.in('unit_id', [...subtree])
		.order('work_year', { ascending: false })
		.order('month_index', { ascending: false })
		.limit(5000);
	if (error) throw error;
	return latestApprovedPeriod(data ?? []);
}

export const load: PageServerLoad = async (event) => {
	const { url, locals } = event;
	// Opening the page without a period shows the newest approved figures (lũy kế), not the last
	// calendar month, which is usually not reported yet and gave an empty table.
	if (locals.staff && !PERIOD_PARAMS.some((k) => url.searchParams.has(k))) {
		const unitId = url.searchParams.get('don-vi') || locals.staff.unit_id;
		const period = /^[0-9a-f-]{36}$/i.test(unitId)
			? await latestApproved(locals.supabase, unitId)
			: null;
		if (period) {
			const chosen = new URL(url);
			chosen.searchParams.set('ky', periodToParam(period));
			return loadStatsPage({ ...event, url: chosen });
		}
	}
	return loadStatsPage(event);
};
