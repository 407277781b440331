/** RLS matrix entries for statistics (supabase/migrations/202611260005xx_*). Reports and targets
    are read by the staff of units that can see them; every write goes through SQL functions
    (save/approve/import/set_enforcement_target), so direct writes are denied to every API role. */
import { actors, UNITS, type Fixtures, type RlsEntry } from './types';

const HN_TREE = [UNITS.HN, UNITS.HN_KV1, UNITS.HN_KV2, UNITS.HN_KV3];
const denied = actors<'denied'>('denied');

/** Own unit; unit heads their subtree; admins all; citizens nothing; anon has no grant. */
const byVisibleUnit = actors<RlsEntry['select'][keyof RlsEntry['select']]>('none', {
	anon: 'denied',
	reception_hn1: { where: (q) => q.eq('unit_id', UNITS.HN_KV1) },
	complaint_hn1: { where: (q) => q.eq('unit_id', UNITS.HN_KV1) },
	procedure_hn1: { where: (q) => q.eq('unit_id', UNITS.HN_KV1) },
	head_hn1: { where: (q) => q.eq('unit_id', UNITS.HN_KV1) },
	reception_gl1: { where: (q) => q.eq('unit_id', UNITS.GL_KV1) },
	complaint_gl1: { where: (q) => q.eq('unit_id', UNITS.GL_KV1) },
	procedure_gl1: { where: (q) => q.eq('unit_id', UNITS.GL_KV1) },
	head_gl1: { where: (q) => q.eq('unit_id', UNITS.GL_KV1) },
	head_hn: { where: (q) => q.in('unit_id', HN_TREE) },
	admin: 'all'
});

async function must<T>(p: PromiseLike<{ data: T; error: unknown }>): Promise<T> {
	const { data, error } = await p;
	if (error) throw new Error(`fixture failed: ${JSON.stringify(error)}`);
	return data;
}

// One random base per run (runs on a reused database do not meet) plus a counter, so no two
// calls in a run give the same month.
const monthBase = Math.floor(Math.random() * 4000) * 20;
let n = 0;
/** A month no seed uses (2090+), different for every call. */
const farMonth = () => {
	const k = monthBase + n++;
	return `${2090 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
};

async function newReport(f: Fixtures) {
	void f;
	const row = await must(
		f.service
			.from('enforcement_reports')
			.insert({ unit_id: UNITS.HN_KV1, month: farMonth(), note: 'rls-matrix' })
			.select('id')
			.single()
	);
	return { id: (row as { id: string }).id };
}

async function newTarget(f: Fixtures) {
	const year = 2100 - (n++ % 50);
	await f.service
		.from('enforcement_targets')
		.upsert({ unit_id: UNITS.HN_KV2, work_year: year, cases_target: 80, money_target: 40 });
	return { unit_id: UNITS.HN_KV2, work_year: year };
}

async function newSetting(f: Fixtures) {
	await must(
		f.service
			.from('stats_settings')
			.upsert({ unit_id: UNITS.CT_KV1, percent_rounding: 'half_up', note: 'rls-matrix' })
	);
	return { unit_id: UNITS.CT_KV1 };
}

export const entries: RlsEntry[] = [
	{
		relation: 'enforcement_reports',
		select: byVisibleUnit,
		insert: { row: () => ({ unit_id: UNITS.HN_KV1, month: farMonth() }), expect: denied },
		update: {
			target: newReport,
			patch: {
				cases_new: 1,
				cases_carried_over: 0,
				cases_with_conditions: 1,
				cases_in_progress: 1
			},
			expect: denied
		},
		delete: { target: newReport, expect: denied }
	},
	{
		relation: 'enforcement_targets',
		select: byVisibleUnit,
		insert: {
			row: () => ({
				unit_id: UNITS.HN_KV1,
				work_year: 2040 + (n++ % 40),
				cases_target: 90,
				money_target: 50
			}),
			expect: denied
		},
		update: { target: newTarget, patch: { cases_target: 99 }, expect: denied },
		delete: { target: newTarget, expect: denied }
	},
	{
		// Rounding settings (20261207003000): every staff member reads them (not sensitive);
		// written only through set_stats_rounding.
		relation: 'stats_settings',
		select: actors<RlsEntry['select'][keyof RlsEntry['select']]>('all', {
			anon: 'denied',
			citizen: 'none'
		}),
		insert: {
			row: () => ({ unit_id: UNITS.GL_KV2, percent_rounding: 'truncate' }),
			expect: denied
		},
		update: { target: newSetting, patch: { percent_rounding: 'truncate' }, expect: denied },
		delete: { target: newSetting, expect: denied }
	}
];
