// Maker-checker for the procedure catalogue (issue 18 item 12, migration 20261207036000): an admin
// submits an edit, a second person publishes or returns it, nobody decides their own draft,
// publishing alone is no longer possible, drafts are hidden from everyone but editors and
// approvers, and every step is audited with before and after.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, createTestUser, serviceClient, signIn } from './helpers';
import { UNITS } from './rls-matrix/types';

// A seeded procedure that no other db test edits.
const CODE = 'mien-giam-nghia-vu-ngan-sach';

let admin: SupabaseClient;
let secondAdmin: SupabaseClient;
let headHN: SupabaseClient; // head of a province unit (tỉnh): may approve
let headHN1: SupabaseClient; // head of a khu vực unit: may not
let officer: SupabaseClient;
let citizen: SupabaseClient;

const errorOf = async (p: PromiseLike<{ error: { code?: string; message: string } | null }>) => {
	const { error } = await p;
	return error ? `${error.code} ${error.message}` : null;
};

const current = async () => {
	const { data, error } = await anonClient()
		.from('procedure_catalogue')
		.select('*')
		.eq('code', CODE)
		.single();
	if (error) throw error;
	return data;
};

/** The current version as a payload, with changes. */
const edit = async (over: Record<string, unknown>) => {
	const c = await current();
	const v: Record<string, unknown> = { base_version: c.version };
	for (const k of [
		'name_vi',
		'name_en',
		'summary_vi',
		'summary_en',
		'documents',
		'fields',
		'processing_days',
		'fee_amount',
		'fee_vi',
		'fee_en',
		'legal_basis',
		'modes',
		'needs_check',
		'check_note'
	])
		v[k] = c[k];
	return { ...v, ...over };
};

const submit = async (client: SupabaseClient, over: Record<string, unknown>) =>
	client.rpc('submit_procedure_version', {
		p_code: CODE,
		p_topic: null,
		version: await edit(over)
	});

beforeAll(async () => {
	const service = serviceClient();
	[admin, headHN, headHN1, officer] = await Promise.all([
		signIn('admin@thads.local'),
		signIn('lanhdao.hn@thads.local'),
		signIn('truongphong.hn1@thads.local'),
		signIn('motcua.hn1@thads.local')
	]);
	const second = await createTestUser();
	const { error } = await service.from('staff').insert({
		user_id: second.id,
		unit_id: UNITS.CUC,
		roles: ['admin'],
		full_name: 'Quản trị thứ hai',
		email: second.email
	});
	if (error) throw error;
	secondAdmin = await signIn(second.email, second.password);
	citizen = (await createTestUser()).client;
});

describe('catalogue maker-checker', () => {
	it('no longer lets an admin publish alone', async () => {
		expect(
			await errorOf(
				admin.rpc('publish_procedure_version', {
					p_code: CODE,
					p_topic: null,
					version: await edit({ processing_days: 9 })
				})
			)
		).toMatch(/^42501 /);
	});

	it('refuses submitting to non-admins and an invalid edit up front', async () => {
		for (const client of [headHN, officer, citizen])
			expect(await errorOf(submit(client, { processing_days: 9 }))).toBe('P0001 not_allowed');
		expect(await errorOf(submit(admin, { processing_days: 400 }))).toBe(
			'P0001 procedure_version_invalid'
		);
		expect(
			await errorOf(
				submit(admin, {
					documents: [
						{ key: 'a', label_vi: 'A', label_en: 'A' },
						{ key: 'a', label_vi: 'B', label_en: 'B' }
					]
				})
			)
		).toBe('P0001 procedure_version_invalid');
		const { count } = await serviceClient()
			.from('procedure_version_drafts')
			.select('id', { count: 'exact', head: true })
			.eq('status', 'pending');
		expect(count).toBe(0);
	});

	it('lets the maker submit but not approve or return their own draft; another person publishes it', async () => {
		const before = await current();
		const docs = [
			...(before.documents as unknown[]),
			{ key: 'giay_uy_quyen_moi', label_vi: 'Giấy ủy quyền', label_en: 'Power of attorney' }
		];
		const { data: draftId, error } = await submit(admin, { documents: docs, processing_days: 11 });
		expect(error).toBeNull();

		// The draft is not published yet: citizens still read the old version.
		expect((await current()).version).toBe(before.version);

		expect(await errorOf(admin.rpc('approve_procedure_version', { p_draft: draftId }))).toBe(
			'P0001 own_draft'
		);
		expect(
			await errorOf(
				admin.rpc('return_procedure_version', { p_draft: draftId, p_reason: 'Tự trả lại' })
			)
		).toBe('P0001 own_draft');
		for (const client of [headHN1, officer, citizen])
			expect(await errorOf(client.rpc('approve_procedure_version', { p_draft: draftId }))).toBe(
				'P0001 not_allowed'
			);
		expect(
			await errorOf(anonClient().rpc('approve_procedure_version', { p_draft: draftId }))
		).toMatch(/^42501 /);

		const { data: versionId, error: e2 } = await headHN.rpc('approve_procedure_version', {
			p_draft: draftId
		});
		expect(e2).toBeNull();
		const after = await current();
		expect(after).toMatchObject({
			version_id: versionId,
			version: before.version + 1,
			processing_days: 11
		});
		expect((after.documents as { key: string }[]).map((d) => d.key)).toContain('giay_uy_quyen_moi');
		// Decided once: a second approval is refused.
		expect(await errorOf(secondAdmin.rpc('approve_procedure_version', { p_draft: draftId }))).toBe(
			'P0001 draft_not_pending'
		);

		// Audited with before and after.
		const { data: events } = await serviceClient()
			.from('audit_events')
			.select('action, before, after')
			.eq('entity_type', 'procedure_version_draft')
			.eq('entity_id', draftId as string)
			.order('id');
		expect(events!.map((e) => e.action)).toEqual(['submit', 'approve']);
		expect(events![1]!.before).toMatchObject({ status: 'pending' });
		expect(events![1]!.after).toMatchObject({
			status: 'published',
			published_version_id: versionId
		});
	});

	it('lets another admin return a draft with a reason, which is required', async () => {
		const { data: draftId, error } = await submit(admin, { processing_days: 12 });
		expect(error).toBeNull();
		expect(
			await errorOf(
				secondAdmin.rpc('return_procedure_version', { p_draft: draftId, p_reason: ' ' })
			)
		).toBe('P0001 reason_required');
		expect(
			await errorOf(
				secondAdmin.rpc('return_procedure_version', {
					p_draft: draftId,
					p_reason: 'Thời hạn chưa đúng văn bản gốc'
				})
			)
		).toBeNull();
		const { data: row } = await admin
			.from('procedure_version_drafts')
			.select('status, return_reason')
			.eq('id', draftId as string)
			.single();
		expect(row).toEqual({ status: 'returned', return_reason: 'Thời hạn chưa đúng văn bản gốc' });
		expect((await current()).processing_days).toBe(11);
	});

	it('replaces a pending draft by a newer submission, which another admin may approve', async () => {
		const { data: first } = await submit(admin, { processing_days: 13 });
		// The second admin's newer edit replaces the pending one; approving the old one is refused.
		const { data: second, error } = await submit(secondAdmin, { processing_days: 14 });
		expect(error).toBeNull();
		expect(await errorOf(headHN.rpc('approve_procedure_version', { p_draft: first }))).toBe(
			'P0001 draft_not_pending'
		);
		expect(await errorOf(admin.rpc('approve_procedure_version', { p_draft: second }))).toBeNull();
		expect((await current()).processing_days).toBe(14);
	});

	it('shows drafts to admins and approvers only, never to citizens or anon', async () => {
		const { data: all } = await serviceClient().from('procedure_version_drafts').select('id');
		expect(all!.length).toBeGreaterThan(0);
		for (const client of [admin, headHN]) {
			const { data, error } = await client.from('procedure_version_drafts').select('id');
			expect(error).toBeNull();
			expect(data!.length).toBe(all!.length);
		}
		for (const client of [headHN1, officer, citizen]) {
			const { data, error } = await client.from('procedure_version_drafts').select('id');
			expect(error).toBeNull();
			expect(data).toEqual([]);
		}
		const { error } = await anonClient().from('procedure_version_drafts').select('id');
		expect(error?.code).toBe('42501');
		const { error: ins } = await admin.from('procedure_version_drafts').insert({
			procedure_id: (await current()).procedure_id,
			base_version: 1,
			topic_code: 'mien_giam',
			version: {},
			submitted_by: '00000000-0000-4000-b000-000000000010'
		});
		expect(ins?.code).toBe('42501');
	});
});
