import { vnYearMonth } from '$lib/vn-time';
import { error, type RequestEvent } from '@sveltejs/kit';
import { loadStats, targetableUnits, visibleUnits } from './load';
import { readParams, requireStaff } from './params';
import { periodToParam, workYearOf } from '$lib/stats/periods';

/** Everything the statistics page and its printable report show, for the unit and period in the URL. */
export async function loadStatsPage(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const staff = requireStaff(event);
	const supabase = event.locals.supabase;
	const params = readParams(event.url, staff.unit_id);
	const units = await visibleUnits(supabase, staff);
	const unit = units.find((u) => u.id === params.unitId);
	if (!unit) error(403, 'stats_errors_not_allowed');
	const parent = unit.parentId ? (units.find((u) => u.id === unit.parentId) ?? null) : null;
	const currentWorkYear = workYearOf(vnYearMonth());
	const base = {
		units,
		unit,
		parent,
		period: params.period,
		periodParam: periodToParam(params.period),
		periodError: params.periodError,
		resolved: params.resolved,
		currentWorkYear,
		canEnter: staff.unit_id === unit.id || staff.roles.includes('admin'),
		canSetTargets: targetableUnits(units, staff).length > 0,
		stats: null as Awaited<ReturnType<typeof loadStats>> | null,
		serverMs: 0
	};
	if (!params.resolved) return base;
	const t0 = performance.now();
	try {
		base.stats = await loadStats(supabase, unit.id, params.resolved);
	} catch (e) {
		const code = (e as { message?: string }).message;
		if (code === 'not_allowed') error(403, 'stats_errors_not_allowed');
		throw e;
	}
	base.serverMs = Math.round(performance.now() - t0);
	return base;
}
