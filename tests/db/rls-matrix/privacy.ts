/** RLS matrix entries for personal data (supabase/migrations/20261207005*_privacy_*). The notice
    versions and the retention schedule are public (admins change the schedule); consent records,
    the access log of applications/bookings and erasure requests are read by whoever may read the
    file they belong to (the policies defer to the file's own RLS) and written only by functions. */
import { randomUUID } from 'node:crypto';
import { actors, UNITS, type Fixtures, type RlsEntry } from './types';

const HN_TREE = [UNITS.HN, UNITS.HN_KV1, UNITS.HN_KV2, UNITS.HN_KV3];
const denied = actors<'denied'>('denied');
type Sel = RlsEntry['select'][keyof RlsEntry['select']];

async function must<T>(p: PromiseLike<{ data: T; error: unknown }>): Promise<T> {
	const { data, error } = await p;
	if (error) throw new Error(`fixture failed: ${JSON.stringify(error)}`);
	return data;
}

/** Applications made for these entries, by unit; rows of the privacy tables point at them. */
const apps: Record<string, string[]> = {};
let seeding: Promise<void> | null = null;

async function newApp(f: Fixtures, unit: string) {
	const v = (await must(
		f.service
			.from('procedure_catalogue')
			.select('procedure_id, version_id')
			.eq('code', 'xac-nhan-ket-qua-thi-hanh-an')
			.single()
	)) as { procedure_id: string; version_id: string };
	const row = (await must(
		f.service
			.from('applications')
			.insert({
				procedure_id: v.procedure_id,
				procedure_version_id: v.version_id,
				unit_id: unit,
				channel: 'desk',
				applicant_name: 'Người thử RLS riêng tư',
				due_date: '2030-01-01'
			})
			.select('id')
			.single()
	)) as { id: string };
	(apps[unit] ??= []).push(row.id);
	return row.id;
}

function seed(f: Fixtures): Promise<void> {
	seeding ??= (async () => {
		for (const unit of [UNITS.HN_KV1, UNITS.GL_KV1]) {
			const id = await newApp(f, unit);
			await must(
				f.service.from('personal_data_consents').insert({
					record_kind: 'application',
					record_id: id,
					unit_id: unit,
					purpose: 'application_processing',
					notice_version: '2026-12-07',
					method: 'oral_at_desk'
				})
			);
			await must(
				f.service.from('record_access_log').insert({
					record_kind: 'application',
					record_id: id,
					user_id: randomUUID(),
					unit_id: unit,
					role: 'procedure_officer',
					what: 'file'
				})
			);
			await must(
				f.service
					.from('erasure_requests')
					.insert({ record_kind: 'application', record_id: id, unit_id: unit })
			);
		}
	})();
	return seeding;
}

const ours = () => Object.values(apps).flat();
const appsIn = (units: string[]) => units.flatMap((u) => apps[u] ?? []);
/** Whoever may read the application: one-stop officers and heads of the unit, province heads, admins. */
const byApplication = () =>
	actors<Sel>('none', {
		anon: 'denied',
		procedure_hn1: { where: (q) => q.in('record_id', appsIn([UNITS.HN_KV1])) },
		head_hn1: { where: (q) => q.in('record_id', appsIn([UNITS.HN_KV1])) },
		procedure_gl1: { where: (q) => q.in('record_id', appsIn([UNITS.GL_KV1])) },
		head_gl1: { where: (q) => q.in('record_id', appsIn([UNITS.GL_KV1])) },
		head_hn: { where: (q) => q.in('record_id', appsIn(HN_TREE)) },
		admin: 'all'
	});

const firstOf = (relation: string) => async (f: Fixtures) => {
	await seed(f);
	const r = (await must(
		f.service.from(relation).select('id').in('record_id', ours()).limit(1).single()
	)) as { id: string | number };
	return { id: r.id };
};

/** A random status code: letters only, as the column requires. */
const letters = () => (randomUUID() + randomUUID()).replace(/[^a-f]/g, '').slice(0, 24);

/** A throw-away rule per actor, so an allowed update never touches the real schedule. */
async function dummyRule(f: Fixtures) {
	const status = `rls_${letters()}`;
	await must(
		f.service.from('retention_rules').insert({
			record_kind: 'notification',
			closed_status: status,
			retention_months: 1,
			hold_months: 0,
			action: 'delete',
			legal_basis: 'rls-matrix: quy tắc thử, không dùng'
		})
	);
	return { record_kind: 'notification', closed_status: status };
}

export const entries: RlsEntry[] = [
	{
		relation: 'privacy_notices',
		select: actors<Sel>('all'),
		insert: {
			row: () => ({ version: '2099-01-01', published_on: '2099-01-01', summary: 'Giả mạo' }),
			expect: denied
		},
		update: {
			target: async () => ({ version: '2026-12-07' }),
			patch: { summary: 'Đổi' },
			expect: denied
		},
		delete: { target: async () => ({ version: '2026-11-26' }), expect: denied }
	},
	{
		relation: 'retention_rules',
		select: actors<Sel>('all'),
		insert: {
			row: () => ({
				record_kind: 'notification',
				closed_status: `rls_${letters()}`,
				retention_months: 1,
				action: 'delete',
				legal_basis: 'giả mạo'
			}),
			expect: denied
		},
		// Admins confirm or change a period; everyone else is refused (anon: no grant; others: policy).
		update: {
			target: (f) => dummyRule(f),
			patch: { legal_basis: 'rls-matrix: đã đổi căn cứ' },
			expect: actors<'denied' | 'filtered' | 'ok'>('filtered', { anon: 'denied', admin: 'ok' })
		},
		delete: { target: (f) => dummyRule(f), expect: denied }
	},
	{
		relation: 'personal_data_consents',
		seed,
		scope: (q) => q.in('record_id', ours()),
		select: byApplication(),
		insert: {
			row: async (f) => {
				await seed(f);
				return {
					record_kind: 'application',
					record_id: apps[UNITS.HN_KV1]![0],
					unit_id: UNITS.HN_KV1,
					purpose: 'complaint_handling',
					notice_version: '2026-12-07',
					method: 'online_form'
				};
			},
			expect: denied
		},
		update: {
			target: firstOf('personal_data_consents'),
			patch: { method: 'online_form' },
			expect: denied
		},
		delete: { target: firstOf('personal_data_consents'), expect: denied }
	},
	{
		relation: 'record_access_log',
		seed,
		scope: (q) => q.in('record_id', ours()),
		select: byApplication(),
		insert: {
			row: async (f) => {
				await seed(f);
				return {
					record_kind: 'application',
					record_id: apps[UNITS.HN_KV1]![0],
					user_id: f.citizenId,
					what: 'file'
				};
			},
			expect: denied
		},
		update: { target: firstOf('record_access_log'), patch: { role: 'admin' }, expect: denied },
		delete: { target: firstOf('record_access_log'), expect: denied }
	},
	{
		relation: 'erasure_requests',
		seed,
		scope: (q) => q.in('record_id', ours()),
		select: byApplication(),
		insert: {
			row: async (f) => {
				await seed(f);
				return {
					record_kind: 'application',
					record_id: apps[UNITS.GL_KV1]![0],
					unit_id: UNITS.GL_KV1,
					status: 'done'
				};
			},
			expect: denied
		},
		update: { target: firstOf('erasure_requests'), patch: { status: 'done' }, expect: denied },
		delete: { target: firstOf('erasure_requests'), expect: denied }
	}
];
