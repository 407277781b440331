/**
 * Statistics queries (server-only). Sums come from SQL (enforcement_rollup, enforcement_series,
 * stats_activity, public_enforcement_by_province); this file only calls them and shapes the result.
 */
import type { Db } from '$lib/server/supabase';
import { jsonb } from '$lib/server/rpc';
import {
	buildSeries,
	buildUnitFigures,
	type RollupRow,
	type SeriesPoint,
	type UnitFigures
} from '../report';
import type { ResolvedPeriod } from '../periods';

export interface UnitOption {
	id: string;
	code: string;
	name: string;
	level: string;
	parentId: string | null;
	depth: number;
}

export interface StaffLike {
	unit_id: string;
	roles: string[];
}

/** Current units the staff member may see, as an indented tree (mirrors private.visible_unit_ids; the database still checks). */
export async function visibleUnits(supabase: Db, staff: StaffLike): Promise<UnitOption[]> {
	const { data, error } = await supabase
		.from('units')
		.select('id, code, name, level, parent_id, valid_to')
		.is('valid_to', null)
		.order('code');
	if (error) throw error;
	const units = (data ?? []) as {
		id: string;
		code: string;
		name: string;
		level: string;
		parent_id: string | null;
	}[];
	const children = new Map<string | null, typeof units>();
	for (const u of units) {
		const list = children.get(u.parent_id) ?? [];
		list.push(u);
		children.set(u.parent_id, list);
	}
	const isAdmin = staff.roles.includes('admin');
	const isHead = staff.roles.includes('unit_head');
	const out: UnitOption[] = [];
	const walk = (u: (typeof units)[number], depth: number, withChildren: boolean) => {
		out.push({
			id: u.id,
			code: u.code,
			name: u.name,
			level: u.level,
			parentId: u.parent_id,
			depth
		});
		if (withChildren) for (const c of children.get(u.id) ?? []) walk(c, depth + 1, true);
	};
	if (isAdmin) for (const root of children.get(null) ?? []) walk(root, 0, true);
	else {
		const own = units.find((u) => u.id === staff.unit_id);
		if (own) walk(own, 0, isHead);
	}
	return out;
}

/**
 * Units whose targets this staff member may set: any for an admin, otherwise those strictly below
 * a unit head's own unit (mirrors set_enforcement_target, which checks again).
 */
export function targetableUnits(units: UnitOption[], staff: StaffLike): UnitOption[] {
	if (staff.roles.includes('admin')) return units;
	if (!staff.roles.includes('unit_head')) return [];
	return units.filter((u) => u.depth > 0);
}

export interface StatsModel {
	units: UnitFigures[];
	series: SeriesPoint[];
	activity: Activity | null;
}

/** Resolution figures of one kind (complaint_resolution in SQL): resolved ÷ to_resolve. */
export interface Resolution {
	carried_over: number;
	accepted: number;
	unaccepted_overdue: number;
	to_resolve: number;
	resolved: number;
	resolved_on_time: number;
	withdrawn: number;
	duplicates: number;
	/** hundredths of a percent, rounded as the unit's setting says; null when nothing to resolve */
	rate_hundredths: number | null;
	rounding: 'half_up' | 'truncate';
}

export interface Activity {
	complaints: Record<'complaint' | 'denunciation' | 'petition', Record<string, number>> | null;
	/** Per kind; null when the complaints module is not installed. */
	resolution?: Record<'complaint' | 'denunciation' | 'petition', Resolution> | null;
	reception: Record<string, number> | null;
	procedures: Record<string, number> | null;
}

async function rollup(
	supabase: Db,
	unitId: string,
	workYear: number,
	monthIndex: number
): Promise<RollupRow[]> {
	if (monthIndex < 1) return [];
	const { data, error } = await supabase.rpc('enforcement_rollup', {
		p_unit_id: unitId,
		p_work_year: workYear,
		p_month_index: monthIndex
	});
	if (error) throw error;
	return (data ?? []) as RollupRow[];
}

/** Everything the statistics page shows for one unit and period: 4–6 SQL calls, run in parallel. */
export async function loadStats(
	supabase: Db,
	unitId: string,
	p: ResolvedPeriod,
	options: { activity?: boolean; series?: boolean } = {}
): Promise<StatsModel> {
	const needBase = p.fromIndex > 1;
	const [cur, prev, base, series, activity] = await Promise.all([
		rollup(supabase, unitId, p.workYear, p.toIndex),
		rollup(supabase, unitId, p.workYear - 1, p.toIndex),
		needBase ? rollup(supabase, unitId, p.workYear, p.fromIndex - 1) : Promise.resolve(null),
		options.series === false
			? Promise.resolve([])
			: supabase
					.rpc('enforcement_series', { p_unit_id: unitId, p_work_year: p.workYear })
					.then(({ data, error }) => {
						if (error) throw error;
						return (data ?? []) as Record<string, unknown>[];
					}),
		options.activity === false
			? Promise.resolve(null)
			: supabase
					.rpc('stats_activity', { p_unit_id: unitId, p_start: p.start, p_end: p.end })
					.then(({ data, error }) => (error ? null : jsonb<Activity>(data)))
	]);
	return {
		units: buildUnitFigures(cur, prev, base, null),
		series: buildSeries(series, p.workYear, p.toIndex),
		activity
	};
}

/** Per-province public figures (anon): sums of approved reports only. */
export async function loadPublic(supabase: Db, workYear?: number, monthIndex?: number) {
	const months = await supabase.rpc('public_enforcement_months');
	if (months.error) throw months.error;
	const available = (months.data ?? []) as {
		work_year: number;
		month_index: number;
		reporting_units: number;
	}[];
	// By default the newest month that (nearly) every unit has reported and had approved: a month
	// with one early report would otherwise pass one office's rate off as the nationwide figure.
	const most = Math.max(0, ...available.map((m) => m.reporting_units));
	const chosen =
		available.find((m) => m.work_year === workYear && m.month_index === monthIndex) ??
		available.find((m) => m.reporting_units * 10 >= most * 9) ??
		available[0] ??
		null;
	if (!chosen) return { available, chosen: null, rows: [] as Record<string, unknown>[] };
	const { data, error } = await supabase.rpc('public_enforcement_by_province', {
		p_work_year: chosen.work_year,
		p_month_index: chosen.month_index
	});
	if (error) throw error;
	return { available, chosen, rows: (data ?? []) as Record<string, unknown>[] };
}
