/** RLS matrix entries for citizen reception (supabase/migrations/202611260003xx_*). Every change
    goes through SQL functions, so direct writes are denied to every API role. */
import { actors, readOnlyView, UNITS, type Fixtures, type RlsEntry } from './types';

const HN_TREE = [UNITS.HN, UNITS.HN_KV1, UNITS.HN_KV2, UNITS.HN_KV3];
const denied = actors<'denied'>('denied');
const noWrites = (
	row: (f: Fixtures) => Record<string, unknown>,
	target: (f: Fixtures) => Promise<Record<string, string | number>>,
	patch: Record<string, unknown>
): Pick<RlsEntry, 'insert' | 'update' | 'delete'> => ({
	insert: { row: (f) => row(f), expect: denied },
	update: { target: (f) => target(f), patch, expect: denied },
	delete: { target: (f) => target(f), expect: denied }
});

async function must<T>(p: PromiseLike<{ data: T; error: unknown }>): Promise<T> {
	const { data, error } = await p;
	if (error) throw new Error(`fixture failed: ${JSON.stringify(error)}`);
	return data;
}

/** Reception data is read by reception staff, unit heads (their subtree) and admins only. */
const receptionReaders = actors<RlsEntry['select'][keyof RlsEntry['select']]>('none', {
	anon: 'denied',
	reception_hn1: { where: (q) => q.eq('unit_id', UNITS.HN_KV1) },
	head_hn1: { where: (q) => q.eq('unit_id', UNITS.HN_KV1) },
	reception_gl1: { where: (q) => q.eq('unit_id', UNITS.GL_KV1) },
	head_gl1: { where: (q) => q.eq('unit_id', UNITS.GL_KV1) },
	head_hn: { where: (q) => q.in('unit_id', HN_TREE) },
	admin: 'all'
});

let n = 0;
// One random base per run (runs on a reused database do not meet) plus a counter: never the same
// day twice within a run, so unique keys such as (unit_id, starts_at) cannot collide.
const farBase = Math.floor(Math.random() * 5000) * 100;
const FAR = () =>
	new Date(Date.UTC(2091, 0, 1) + (farBase + n++) * 86400000).toISOString().slice(0, 10);

async function newBooking(f: Fixtures, unit: string = UNITS.HN_KV1) {
	const day = FAR();
	const row = await must(
		f.service
			.from('bookings')
			.insert({
				unit_id: unit,
				channel: 'online',
				status: 'booked',
				day,
				starts_at: `${day}T01:00:00Z`,
				ends_at: `${day}T01:30:00Z`,
				full_name: 'Người thử RLS',
				phone: '0900000000',
				topic: 'hoi_vu_viec'
			})
			.select('id')
			.single()
	);
	return row as { id: string };
}

async function newVisit(f: Fixtures, unit: string = UNITS.HN_KV1) {
	const row = await must(
		f.service
			.from('reception_visits')
			.insert({
				unit_id: unit,
				day: FAR(),
				visitor_name: 'Người thử RLS',
				topic: 'hoi_vu_viec',
				content: 'rls-matrix',
				outcome: 'huong_dan'
			})
			.select('id')
			.single()
	);
	return row as { id: string };
}

const lookup = (relation: string, key: Record<string, unknown>): RlsEntry => ({
	relation,
	select: actors('all'),
	insert: {
		row: () => ({ ...key, code: `x_${Math.random().toString(36).slice(2, 8)}` }),
		expect: denied
	},
	update: {
		target: async () => ({ code: Object.values(key)[0] as string }),
		patch: { label_en: 'changed' },
		expect: denied
	},
	delete: { target: async () => ({ code: Object.values(key)[0] as string }), expect: denied }
});

export const entries: RlsEntry[] = [
	lookup('reception_topics', { code: 'khieu_nai', label_vi: 'x', label_en: 'x' }),
	lookup('reception_outcomes', { code: 'huong_dan', label_vi: 'x', label_en: 'x' }),
	{
		...lookup('booking_statuses', { code: 'booked', label_vi: 'x', label_en: 'x' }),
		insert: {
			row: () => ({
				code: `x_${Math.random().toString(36).slice(2, 8)}`,
				label_vi: 'x',
				label_en: 'x',
				category: 'open'
			}),
			expect: denied
		}
	},
	{
		...lookup('reception_refusal_reasons', { code: 'intoxicated', label_vi: 'x', label_en: 'x' }),
		insert: {
			row: () => ({
				code: `x_${Math.random().toString(36).slice(2, 8)}`,
				label_vi: 'x',
				label_en: 'x',
				legal_basis: 'x'
			}),
			expect: denied
		}
	},
	{
		relation: 'reception_settings',
		select: actors('all'),
		insert: { row: () => ({ id: true }), expect: denied },
		update: {
			target: async () => ({ id: 'true' }),
			patch: { max_active_bookings_per_phone: 3 },
			// Admins may tune the limits; everyone else sees the row but cannot change it.
			expect: actors<'ok' | 'denied' | 'filtered'>('filtered', { anon: 'denied', admin: 'ok' })
		},
		delete: { target: async () => ({ id: 'true' }), expect: denied }
	},
	{
		relation: 'reception_schedules',
		select: actors('all'),
		...noWrites(
			() => ({ unit_id: UNITS.HN_KV1, weekday: 7, start_time: '08:00', end_time: '09:00' }),
			async (f) => {
				const r = await must(
					f.service
						.from('reception_schedules')
						.insert({ unit_id: UNITS.CT_KV1, weekday: 7, start_time: '20:00', end_time: '20:30' })
						.select('id')
						.single()
				);
				return { id: (r as { id: string }).id };
			},
			{ capacity: 9 }
		)
	},
	{
		relation: 'reception_closures',
		select: actors('all'),
		...noWrites(
			() => ({ unit_id: UNITS.HN_KV1, day: FAR(), reason: 'x' }),
			async (f) => {
				const r = await must(
					f.service
						.from('reception_closures')
						.insert({ unit_id: UNITS.CT_KV1, day: FAR(), reason: 'rls' })
						.select('id')
						.single()
				);
				return { id: (r as { id: string }).id };
			},
			{ reason: 'changed' }
		)
	},
	{
		relation: 'reception_head_days',
		select: actors('all'),
		...noWrites(
			() => ({ unit_id: UNITS.HN_KV1, day: FAR() }),
			async (f) => {
				const r = await must(
					f.service
						.from('reception_head_days')
						.insert({ unit_id: UNITS.CT_KV1, day: FAR() })
						.select('id')
						.single()
				);
				return { id: (r as { id: string }).id };
			},
			{ head_name: 'changed' }
		)
	},
	{
		relation: 'reception_slot_locks',
		select: actors('denied'),
		...noWrites(
			() => ({ unit_id: UNITS.HN_KV1, starts_at: `${FAR()}T01:00:00Z` }),
			async (f) => {
				const starts_at = `${FAR()}T02:00:00Z`;
				await must(
					f.service.from('reception_slot_locks').insert({ unit_id: UNITS.CT_KV1, starts_at })
				);
				return { unit_id: UNITS.CT_KV1, starts_at };
			},
			{ starts_at: '2099-01-01T00:00:00Z' }
		)
	},
	{
		relation: 'bookings',
		seed: async (f) => {
			await newBooking(f, UNITS.HN_KV1);
			await newBooking(f, UNITS.HN_KV2);
			await newBooking(f, UNITS.GL_KV1);
		},
		select: receptionReaders,
		...noWrites(
			() => ({
				unit_id: UNITS.HN_KV1,
				channel: 'online',
				status: 'booked',
				day: FAR(),
				full_name: 'x y',
				phone: '0900000000',
				topic: 'khieu_nai'
			}),
			async (f) => newBooking(f),
			{ full_name: 'Đã đổi' }
		)
	},
	{
		relation: 'reception_visits',
		seed: async (f) => {
			await newVisit(f, UNITS.HN_KV1);
			await newVisit(f, UNITS.GL_KV1);
		},
		select: receptionReaders,
		...noWrites(
			() => ({
				unit_id: UNITS.HN_KV1,
				day: FAR(),
				visitor_name: 'x y',
				topic: 'khieu_nai',
				content: 'x',
				outcome: 'huong_dan'
			}),
			async (f) => newVisit(f),
			{ content: 'Đã đổi' }
		)
	},
	{
		relation: 'reception_stats',
		select: receptionReaders,
		// A counting view is not updatable: every write is refused (checked, not skipped).
		...readOnlyView('reception_stats', ['unit_id', 'day'])
	}
];
