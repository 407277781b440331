/** RLS matrix entries for complaints (supabase/migrations/202611260002xx_*). Files are read by
    complaint staff (complaint officers, unit heads, admins) of the units they can see; every
    change goes through SQL functions, so direct writes are denied — except internal notes, which
    complaint staff add as themselves. A denouncer's identity is never readable by a select. */
import { randomUUID } from 'node:crypto';
import {
	actors,
	readOnlyView,
	UNITS,
	USERS,
	type Actor,
	type Fixtures,
	type RlsEntry
} from './types';

const HN_TREE = [UNITS.HN, UNITS.HN_KV1, UNITS.HN_KV2, UNITS.HN_KV3];
const denied = actors<'denied'>('denied');

/** Complaint staff see their units' rows; reception and one-stop staff, citizens: nothing. */
const complaintReaders = actors<RlsEntry['select'][keyof RlsEntry['select']]>('none', {
	anon: 'denied',
	complaint_hn1: { where: (q) => q.eq('unit_id', UNITS.HN_KV1) },
	head_hn1: { where: (q) => q.eq('unit_id', UNITS.HN_KV1) },
	complaint_gl1: { where: (q) => q.eq('unit_id', UNITS.GL_KV1) },
	head_gl1: { where: (q) => q.eq('unit_id', UNITS.GL_KV1) },
	head_hn: { where: (q) => q.in('unit_id', HN_TREE) },
	admin: 'all'
});

async function must<T>(p: PromiseLike<{ data: T; error: unknown }>): Promise<T> {
	const { data, error } = await p;
	if (error) throw new Error(`fixture failed: ${JSON.stringify(error)}`);
	return data;
}

/** A complaint filed through the real function (as the app does). */
async function file(f: Fixtures, unit: string, kind: 'complaint' | 'denunciation' = 'complaint') {
	const rows = await must(
		f.service.rpc('submit_complaint', {
			idempotency_key: randomUUID(),
			payload: {
				kind,
				unit_id: unit,
				subject: 'before_measure',
				consent: true,
				content: 'Nội dung thử nghiệm ma trận RLS, đủ dài để hợp lệ.',
				request: 'Xem xét lại',
				filer: {
					full_name: 'Người thử RLS',
					cccd: '001234567890',
					phone: '0912345678',
					province: 'Hà Nội',
					ward: 'Phường Hoàn Kiếm'
				}
			}
		})
	);
	return (rows as { complaint_id: string }[])[0]!.complaint_id;
}

// The seeded files every per-complaint count below reasons about.
const seeded = { hn: '', hnDenunciation: '', gl: '' };
const ids = () => [seeded.hn, seeded.hnDenunciation, seeded.gl];

async function seed(f: Fixtures) {
	if (seeded.hn) return;
	seeded.hn = await file(f, UNITS.HN_KV1);
	seeded.hnDenunciation = await file(f, UNITS.HN_KV1, 'denunciation');
	seeded.gl = await file(f, UNITS.GL_KV1);
	for (const id of ids()) {
		await must(
			f.service
				.from('complaint_notes')
				.insert({ complaint_id: id, author_id: USERS.admin, body: 'Ghi chú nội bộ' })
		);
		await must(
			f.service
				.from('complaint_access_log')
				.insert({ complaint_id: id, user_id: USERS.admin, unit_id: UNITS.CUC, role: 'admin' })
		);
	}
}

/** Per seeded-complaint counts: HN-KV1 has two files (one a denunciation), GL-KV1 one. */
const perFile = (hn: number, gl: number) =>
	actors<RlsEntry['select'][keyof RlsEntry['select']]>('none', {
		anon: 'denied',
		complaint_hn1: hn,
		head_hn1: hn,
		head_hn: hn,
		complaint_gl1: gl,
		head_gl1: gl,
		admin: hn + gl
	});

const noWrites = (
	row: (f: Fixtures) => Record<string, unknown>,
	target: (f: Fixtures) => Promise<Record<string, string | number>>,
	patch: Record<string, unknown>
): Pick<RlsEntry, 'insert' | 'update' | 'delete'> => ({
	insert: { row: (f) => row(f), expect: denied },
	update: { target: (f) => target(f), patch, expect: denied },
	delete: { target: (f) => target(f), expect: denied }
});

const staffId = (f: Fixtures, a: Actor) =>
	a in USERS ? USERS[a as keyof typeof USERS] : f.citizenId;

export const entries: RlsEntry[] = [
	{
		relation: 'complaint_statuses',
		select: actors('all'),
		...noWrites(
			() => ({
				code: `x_${Math.random().toString(36).slice(2, 8)}`,
				category: 'open',
				sort_order: 99,
				label_vi: 'x',
				label_en: 'x'
			}),
			async () => ({ code: 'received' }),
			{ label_en: 'changed' }
		)
	},
	{
		relation: 'deadline_rules',
		select: actors('all'),
		insert: {
			row: () => ({
				kind: 'petition',
				instance: null,
				subject: 'any',
				purpose: 'forward',
				start_event: 'received',
				length_days: 5,
				day_unit: 'working',
				legal_basis: 'rls-matrix',
				valid_from: '2001-01-01'
			}),
			// Only admins edit the legal time limits.
			expect: actors<'ok' | 'denied'>('denied', { admin: 'ok' })
		},
		update: {
			target: async (f) => {
				const r = await must(
					f.service
						.from('deadline_rules')
						.select('id')
						.eq('kind', 'denunciation')
						.eq('purpose', 'extend')
						.single()
				);
				return { id: (r as { id: number }).id };
			},
			patch: { legal_basis: 'rls-changed' },
			expect: actors<'ok' | 'denied' | 'filtered'>('filtered', { anon: 'denied', admin: 'ok' })
		},
		delete: { target: async () => ({ id: 1 }), expect: denied }
	},
	{
		relation: 'complaints',
		seed,
		select: complaintReaders,
		...noWrites(
			() => ({
				kind: 'complaint',
				unit_id: UNITS.HN_KV1,
				content: 'x'.repeat(30),
				request: 'xxxxxx'
			}),
			async () => ({ id: seeded.hn }),
			{ status: 'resolved' }
		)
	},
	{
		relation: 'complaint_parties',
		seed,
		scope: (q) => q.in('complaint_id', ids()),
		// No policy: staff read parties only through get_complaint_parties(), which logs every read
		// ("who opened my file") and keeps a sealed file's filer to its assigned officer and head.
		select: actors('none', { anon: 'denied' }),
		...noWrites(
			() => ({ complaint_id: seeded.hn, role: 'co_filer', full_name: 'Người thêm' }),
			async (f) => {
				const r = await must(
					f.service
						.from('complaint_parties')
						.select('id')
						.eq('complaint_id', seeded.hn)
						.limit(1)
						.single()
				);
				return { id: (r as { id: string }).id };
			},
			{ full_name: 'Đổi tên' }
		)
	},
	{
		relation: 'complaint_events',
		seed,
		scope: (q) => q.in('complaint_id', ids()),
		select: perFile(2, 1),
		...noWrites(
			() => ({
				complaint_id: seeded.hn,
				event: 'resolved',
				status_after: 'resolved',
				citizen_visible: true
			}),
			async (f) => {
				const r = await must(
					f.service
						.from('complaint_events')
						.select('id')
						.eq('complaint_id', seeded.hn)
						.limit(1)
						.single()
				);
				return { id: (r as { id: number }).id };
			},
			{ public_note: 'changed' }
		)
	},
	{
		relation: 'complaint_notes',
		seed,
		scope: (q) => q.in('complaint_id', ids()),
		select: perFile(2, 1),
		insert: {
			row: (f, actor) => ({
				complaint_id: seeded.hn,
				author_id: staffId(f, actor),
				body: `rls ${actor}`
			}),
			// Complaint staff who can see the HN-KV1 file add notes as themselves.
			expect: actors<'ok' | 'denied'>('denied', {
				complaint_hn1: 'ok',
				head_hn1: 'ok',
				head_hn: 'ok',
				admin: 'ok'
			})
		},
		update: {
			target: async (f) => {
				const r = await must(
					f.service
						.from('complaint_notes')
						.insert({ complaint_id: seeded.hn, author_id: USERS.admin, body: 'rls' })
						.select('id')
						.single()
				);
				return { id: (r as { id: number }).id };
			},
			patch: { body: 'changed' },
			expect: denied
		},
		delete: {
			target: async (f) => {
				const r = await must(
					f.service
						.from('complaint_notes')
						.insert({ complaint_id: seeded.hn, author_id: USERS.admin, body: 'rls' })
						.select('id')
						.single()
				);
				return { id: (r as { id: number }).id };
			},
			expect: denied
		}
	},
	{
		relation: 'complaint_access_log',
		seed,
		scope: (q) => q.in('complaint_id', ids()),
		select: perFile(2, 1),
		...noWrites(
			(f) => ({ complaint_id: seeded.hn, user_id: f.citizenId, role: 'admin' }),
			async (f) => {
				const r = await must(
					f.service
						.from('complaint_access_log')
						.select('id')
						.eq('complaint_id', seeded.hn)
						.limit(1)
						.single()
				);
				return { id: (r as { id: number }).id };
			},
			{ role: 'unit_head' }
		)
	},
	{
		relation: 'complaint_exclusions',
		seed: async (f) => {
			await seed(f);
			await must(
				f.service
					.from('complaint_exclusions')
					.upsert(
						{ complaint_id: seeded.hn, officer_id: USERS.procedure_hn1 },
						{ onConflict: 'complaint_id,officer_id' }
					)
			);
		},
		scope: (q) => q.in('complaint_id', ids()),
		// Conflicts of interest: the head decides and reads them; nobody writes the table directly.
		select: actors<RlsEntry['select'][keyof RlsEntry['select']]>('none', {
			anon: 'denied',
			head_hn1: 1,
			head_hn: 1,
			admin: 1
		}),
		...noWrites(
			() => ({ complaint_id: seeded.gl, officer_id: USERS.complaint_gl1 }),
			async () => ({ complaint_id: seeded.hn, officer_id: USERS.procedure_hn1 }),
			{ created_by: USERS.admin }
		)
	},
	{
		relation: 'complaint_stats',
		seed,
		select: complaintReaders,
		// A counting view is not updatable: every write is refused (checked, not skipped).
		...readOnlyView('complaint_stats', ['unit_id', 'day', 'kind', 'instance'])
	}
];
