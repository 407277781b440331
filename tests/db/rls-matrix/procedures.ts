/** RLS matrix entries for one-stop procedures (supabase/migrations/202611260004xx_*). The catalogue
    is public; applications are read by procedure officers, unit heads (their subtree) and admins;
    every change goes through SQL functions, so direct writes are denied to every API role. */
import { actors, readOnlyView, UNITS, type Fixtures, type RlsEntry } from './types';

const HN_TREE = [UNITS.HN, UNITS.HN_KV1, UNITS.HN_KV2, UNITS.HN_KV3];
const denied = actors<'denied'>('denied');
type Sel = RlsEntry['select'][keyof RlsEntry['select']];

async function must<T>(p: PromiseLike<{ data: T; error: unknown }>): Promise<T> {
	const { data, error } = await p;
	if (error) throw new Error(`fixture failed: ${JSON.stringify(error)}`);
	return data;
}

/** Application data: one-stop officers and unit heads of the unit, province heads, admins. */
const byUnit = (column: string) =>
	actors<Sel>('none', {
		anon: 'denied',
		procedure_hn1: { where: (q) => q.eq(column, UNITS.HN_KV1) },
		head_hn1: { where: (q) => q.eq(column, UNITS.HN_KV1) },
		procedure_gl1: { where: (q) => q.eq(column, UNITS.GL_KV1) },
		head_gl1: { where: (q) => q.eq(column, UNITS.GL_KV1) },
		head_hn: { where: (q) => q.in(column, HN_TREE) },
		admin: 'all'
	});

/** Applications made for this run, by unit (child tables are checked through them). */
const apps: Record<string, string[]> = {};
const appsIn = (units: string[]) => units.flatMap((u) => apps[u] ?? []);
const byApplication = () =>
	actors<Sel>('none', {
		anon: 'denied',
		procedure_hn1: { where: (q) => q.in('application_id', appsIn([UNITS.HN_KV1])) },
		head_hn1: { where: (q) => q.in('application_id', appsIn([UNITS.HN_KV1])) },
		procedure_gl1: { where: (q) => q.in('application_id', appsIn([UNITS.GL_KV1])) },
		head_gl1: { where: (q) => q.in('application_id', appsIn([UNITS.GL_KV1])) },
		head_hn: { where: (q) => q.in('application_id', appsIn(HN_TREE)) },
		admin: 'all'
	});
const onlyOurApps = (q: ReturnType<Fixtures['service']['from']>) =>
	(q as unknown as { in: (c: string, v: string[]) => unknown }).in(
		'application_id',
		Object.values(apps).flat()
	);

async function version(f: Fixtures) {
	const row = await must(
		f.service
			.from('procedure_catalogue')
			.select('procedure_id, version_id')
			.eq('code', 'xac-nhan-ket-qua-thi-hanh-an')
			.single()
	);
	return row as { procedure_id: string; version_id: string };
}

async function newApp(f: Fixtures, unit: string = UNITS.HN_KV1) {
	const v = await version(f);
	const row = await must(
		f.service
			.from('applications')
			.insert({
				procedure_id: v.procedure_id,
				procedure_version_id: v.version_id,
				unit_id: unit,
				channel: 'online',
				applicant_name: 'Người thử RLS',
				applicant_phone: '0900000000',
				due_date: '2030-01-01'
			})
			.select('id')
			.single()
	);
	const id = (row as { id: string }).id;
	(apps[unit] ??= []).push(id);
	return { id };
}

async function seedApps(f: Fixtures) {
	if (Object.keys(apps).length) return;
	for (const unit of [UNITS.HN_KV1, UNITS.HN_KV2, UNITS.GL_KV1, UNITS.CT_KV1]) {
		const { id } = await newApp(f, unit);
		await must(
			f.service
				.from('application_events')
				.insert({ application_id: id, kind: 'submitted', status: 'submitted' })
		);
		await must(
			f.service.from('application_pauses').insert({
				application_id: id,
				what: 'Giấy ủy quyền',
				due_by: '2030-01-01',
				resume_status: 'checking'
			})
		);
		await must(
			f.service
				.from('application_apologies')
				.insert({ application_id: id, reason: 'Trễ hạn do thử nghiệm' })
		);
		await linkDocument(f, id, unit);
	}
}

/** An attachment of the application, linked to it as a filing document. */
async function linkDocument(f: Fixtures, appId: string, unit: string) {
	const att = await must(
		f.service
			.from('attachments')
			.insert({
				owner_kind: 'application',
				owner_id: appId,
				unit_id: unit,
				path: `application/rls/${f.unique('a')}.pdf`,
				file_name: 'don.pdf',
				mime_type: 'application/pdf',
				size_bytes: 10
			})
			.select('id')
			.single()
	);
	const attachment_id = (att as { id: string }).id;
	await must(
		f.service.from('application_documents').insert({
			application_id: appId,
			attachment_id,
			document_key: 'don_de_nghi',
			stage: 'filing'
		})
	);
	return { application_id: appId, attachment_id };
}

/** A fresh application of HN-KV1 with one linked document: a row to try to change or remove. */
async function documentLink(f: Fixtures): Promise<Record<string, string>> {
	const { id } = await newApp(f, UNITS.HN_KV1);
	return linkDocument(f, id, UNITS.HN_KV1);
}

const childNoWrites = (
	table: string,
	row: (appId: string) => Record<string, unknown>,
	patch: Record<string, unknown>,
	key: (r: Record<string, unknown>) => Record<string, string | number>
): Pick<RlsEntry, 'insert' | 'update' | 'delete'> => {
	const target = async (f: Fixtures) => {
		const { id } = await newApp(f, UNITS.HN_KV1);
		const r = await must(f.service.from(table).insert(row(id)).select('*').single());
		return key(r as Record<string, unknown>);
	};
	return {
		insert: { row: async (f) => row((await newApp(f)).id), expect: denied },
		update: { target, patch, expect: denied },
		delete: { target, expect: denied }
	};
};

const catalogueNoWrites = <T extends Record<string, unknown>>(
	row: (f: Fixtures) => T,
	target: (f: Fixtures) => Promise<Record<string, string>>,
	patch: Record<string, unknown>
): Pick<RlsEntry, 'insert' | 'update' | 'delete'> => ({
	insert: { row: (f) => row(f), expect: denied },
	update: { target, patch, expect: denied },
	delete: { target, expect: denied }
});

export const entries: RlsEntry[] = [
	{
		relation: 'procedure_topics',
		select: actors<Sel>('all'),
		// Admins change the catalogue through publish_procedure_version(); topics come with migrations/seed.
		...catalogueNoWrites(
			(f) => ({ code: f.unique('t').replace(/[^a-z]/g, ''), name_vi: 'x', name_en: 'x' }),
			async () => ({ code: 'mien_giam' }),
			{ name_vi: 'Đổi tên' }
		)
	},
	{
		relation: 'procedures',
		select: actors<Sel>('all'),
		...catalogueNoWrites(
			(f) => ({
				code: f
					.unique('p')
					.toLowerCase()
					.replace(/[^a-z0-9-]/g, '-'),
				topic_code: 'mien_giam'
			}),
			async () => ({ code: 'to-cao' }),
			{ is_active: false }
		)
	},
	{
		relation: 'procedure_versions',
		select: actors<Sel>('all'),
		...catalogueNoWrites(
			() => ({ version: 99, name_vi: 'Giả mạo', name_en: 'Forged', processing_days: 1 }),
			async (f) => ({ id: (await version(f)).version_id }),
			{ processing_days: 99 }
		)
	},
	{
		relation: 'procedure_catalogue',
		select: actors<Sel>('all'),
		// Not an updatable view: every write is refused (checked, not skipped).
		...readOnlyView('procedure_catalogue', ['code'])
	},
	{
		relation: 'application_statuses',
		select: actors<Sel>('all'),
		...catalogueNoWrites(
			() => ({
				code: 'forged',
				category: 'open',
				label_vi: 'x',
				label_en: 'x',
				citizen_label_vi: 'x',
				citizen_label_en: 'x',
				sort: 1
			}),
			async () => ({ code: 'checking' }),
			{ label_vi: 'Đổi' }
		)
	},
	{
		relation: 'applications',
		seed: seedApps,
		scope: (q) => q.eq('applicant_name', 'Người thử RLS'),
		select: byUnit('unit_id'),
		insert: {
			row: async (f) => {
				const v = await version(f);
				return {
					procedure_id: v.procedure_id,
					procedure_version_id: v.version_id,
					unit_id: UNITS.HN_KV1,
					channel: 'online',
					applicant_name: 'Người thử RLS',
					applicant_phone: '0900000000',
					due_date: '2030-01-01'
				};
			},
			expect: denied
		},
		update: { target: (f) => newApp(f), patch: { status: 'returned' }, expect: denied },
		delete: { target: (f) => newApp(f), expect: denied }
	},
	{
		relation: 'application_inbox',
		seed: seedApps,
		scope: (q) => q.eq('applicant_name', 'Người thử RLS'),
		select: byUnit('unit_id'),
		// Not an updatable view: every write is refused (checked, not skipped).
		...readOnlyView('application_inbox', ['id'])
	},
	{
		relation: 'procedure_stats',
		seed: seedApps,
		select: byUnit('unit_id'),
		// Not an updatable view: every write is refused (checked, not skipped).
		...readOnlyView('procedure_stats', ['unit_id', 'day'])
	},
	{
		relation: 'application_events',
		seed: seedApps,
		scope: onlyOurApps,
		select: byApplication(),
		...childNoWrites(
			'application_events',
			(a) => ({ application_id: a, kind: 'forged' }),
			{ note: 'x' },
			(r) => ({ id: r.id as number })
		)
	},
	{
		relation: 'application_pauses',
		seed: seedApps,
		scope: onlyOurApps,
		select: byApplication(),
		...childNoWrites(
			'application_pauses',
			(a) => ({
				application_id: a,
				what: 'Giả mạo',
				due_by: '2030-01-01',
				resume_status: 'checking'
			}),
			{ what: 'Đã sửa' },
			(r) => ({ id: r.id as string })
		)
	},
	{
		relation: 'application_apologies',
		seed: seedApps,
		scope: onlyOurApps,
		select: byApplication(),
		...childNoWrites(
			'application_apologies',
			(a) => ({ application_id: a, reason: 'Giả mạo' }),
			{ reason: 'Đã sửa' },
			(r) => ({ id: r.id as string })
		)
	},
	{
		relation: 'application_documents',
		seed: seedApps,
		scope: onlyOurApps,
		select: byApplication(),
		insert: {
			row: async (f) => ({
				application_id: (await newApp(f)).id,
				attachment_id: crypto.randomUUID(),
				document_key: 'x',
				stage: 'filing'
			}),
			expect: denied
		},
		// Link rows are only written by SQL functions: no API role may change or remove one, the
		// admin included (a fresh row per actor, made with the service client).
		update: { target: documentLink, patch: { document_key: 'gia_mao' }, expect: denied },
		delete: { target: documentLink, expect: denied }
	},
	{
		// One-stop timing rules (20261207003020): public legal information; admins change the
		// figures, nobody adds or removes a rule through the API.
		relation: 'one_stop_rules',
		select: actors('all'),
		insert: {
			row: () => ({ key: 'max_document_requests', value: 2, legal_basis: 'x' }),
			expect: actors<'denied'>('denied')
		},
		update: {
			target: async () => ({ key: 'max_document_requests' }),
			patch: { note: 'Chỉ yêu cầu bổ sung, hoàn thiện hồ sơ một lần (rls-matrix).' },
			expect: actors<'ok' | 'denied' | 'filtered'>('filtered', { anon: 'denied', admin: 'ok' })
		},
		delete: {
			target: async () => ({ key: 'apology_days_before_due' }),
			expect: actors<'denied'>('denied')
		}
	}
];
