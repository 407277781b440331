/** RLS matrix entry for catalogue drafts awaiting a second person (migration
    20261207036000_procedure_version_approval.sql): admins and heads of Cục/tỉnh units read them;
    every change goes through submit/approve/return_procedure_version(), so direct writes are
    denied to every API role. */
import { actors, USERS, type Fixtures, type RlsEntry } from './types';

type Sel = RlsEntry['select'][keyof RlsEntry['select']];
const denied = actors<'denied'>('denied');

async function procedureId(f: Fixtures): Promise<string> {
	const { data, error } = await f.service
		.from('procedures')
		.select('id')
		.eq('code', 'ap-dung-bien-phap-bao-dam')
		.single();
	if (error) throw new Error(`fixture failed: ${JSON.stringify(error)}`);
	return data.id as string;
}

/** A returned draft (not pending: any number may exist per procedure). */
async function draft(f: Fixtures) {
	return {
		procedure_id: await procedureId(f),
		base_version: 1,
		topic_code: 'bien_phap',
		version: { name_vi: 'Bản nháp RLS' },
		status: 'returned',
		submitted_by: USERS.admin,
		decided_by: USERS.head_hn,
		decided_at: new Date().toISOString(),
		return_reason: 'Thử RLS'
	};
}

export const entries: RlsEntry[] = [
	{
		relation: 'procedure_version_drafts',
		seed: async (f) => {
			const { error } = await f.service.from('procedure_version_drafts').insert(await draft(f));
			if (error) throw new Error(`fixture failed: ${JSON.stringify(error)}`);
		},
		select: actors<Sel>('none', { anon: 'denied', head_hn: 'all', admin: 'all' }),
		insert: { row: (f) => draft(f), expect: denied },
		update: {
			target: async (f) => {
				const { data, error } = await f.service
					.from('procedure_version_drafts')
					.insert(await draft(f))
					.select('id')
					.single();
				if (error) throw new Error(`fixture failed: ${JSON.stringify(error)}`);
				return { id: data.id as string };
			},
			patch: { status: 'published' },
			expect: denied
		},
		delete: {
			target: async (f) => {
				const { data, error } = await f.service
					.from('procedure_version_drafts')
					.insert(await draft(f))
					.select('id')
					.single();
				if (error) throw new Error(`fixture failed: ${JSON.stringify(error)}`);
				return { id: data.id as string };
			},
			expect: denied
		}
	}
];
