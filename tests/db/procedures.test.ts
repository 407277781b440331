// One-stop procedures through the real API (supabase-js → stand-in): the catalogue and its search
// column, filing with validation and idempotency, every staff step and the illegal ones the
// database refuses, the clock that stops while documents are awaited, codes + secrets, counting.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { anonClient, randomClientAddress, signIn, sql, draftAttachment } from './helpers';
import { normalise } from '../../src/lib/procedures/search';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const PROC = 'xac-nhan-ket-qua-thi-hanh-an';

let officer: SupabaseClient;
let officerGL: SupabaseClient;
let reception: SupabaseClient;
let phoneSeq = 0;
const phone = () =>
	`09${String(Date.now() % 1e4).padStart(4, '0')}${String(phoneSeq++ % 1e4).padStart(4, '0')}`;

async function payload(key: string, over: Record<string, unknown> = {}) {
	return {
		procedure_code: PROC,
		unit_id: HN_KV1,
		consent: true,
		applicant: { name: 'Trần Văn Bình', phone: phone() },
		answers: { so_quyet_dinh_tha: '12/QĐ-THADS', tu_cach: 'duoc_thi_hanh' },
		documents: [
			{ attachment_id: await draftAttachment(key), document_key: 'don_de_nghi' },
			{ attachment_id: await draftAttachment(key, 'cccd.jpg'), document_key: 'giay_to_tuy_than' }
		],
		...over
	};
}

async function submit(over: Record<string, unknown> = {}) {
	const key = randomUUID();
	const { data, error } = await anonClient()
		.rpc('submit_application', { payload: await payload(key, over), idempotency_key: key })
		.single();
	if (error) throw error;
	return {
		...(data as { application_id: string; code: string; secret: string; due_date: string }),
		key
	};
}

const errorOf = async (p: PromiseLike<{ error: { code?: string; message: string } | null }>) => {
	const { error } = await p;
	return error ? `${error.code} ${error.message}` : null;
};

/**
 * Publishing takes two people since maker-checker (catalogue-approval.test.ts): the admin submits,
 * the province head approves. Answers like the old single call (the new version's id).
 */
async function publishApproved(
	maker: SupabaseClient,
	args: { p_code: string; p_topic: string | null; version: Record<string, unknown> }
) {
	const sub = await maker.rpc('submit_procedure_version', args);
	if (sub.error) return sub;
	const head = await signIn('lanhdao.hn@thads.local');
	return head.rpc('approve_procedure_version', { p_draft: sub.data });
}

beforeAll(async () => {
	officer = await signIn('motcua.hn1@thads.local');
	officerGL = await signIn('motcua.gl1@thads.local');
	reception = await signIn('tiepdan.hn1@thads.local');
});

describe('catalogue', () => {
	it('lists every seeded THADS procedure to anyone, with the 5 and 15 working-day figures', async () => {
		const { data, error } = await anonClient()
			.from('procedure_catalogue')
			.select('code, processing_days, needs_check, search_text');
		expect(error).toBeNull();
		expect(data!.length).toBeGreaterThanOrEqual(13);
		const by = Object.fromEntries(data!.map((r) => [r.code, r]));
		expect(by[PROC].processing_days).toBe(5);
		expect(by['mien-giam-phi-thi-hanh-an'].processing_days).toBe(15);
		expect(by[PROC].search_text).toContain('xac nhan ket qua thi hanh an');
	});

	it('has a SQL search normalisation that agrees with the TypeScript one', async () => {
		const samples = [
			'Xác nhận KẾT QUẢ thi hành án',
			'Miễn, giảm phí — Đồng Tháp',
			'ỲÝỶỸỴ ĐƯỜNG',
			'cưỡng chế'.normalize('NFD')
		];
		for (const s of samples) {
			const [row] = await sql<{ n: string }>('select private.unaccent_vi($1) as n', [s]);
			expect(row!.n).toBe(normalise(s));
		}
	});

	it('lets only admins submit a new version (published on approval), and keeps the old one', async () => {
		const admin = await signIn('admin@thads.local');
		const v = {
			name_vi: 'Yêu cầu định giá lại tài sản kê biên',
			name_en: 'Re-valuation',
			processing_days: 7,
			modes: ['online_partial', 'in_person']
		};
		expect(
			await errorOf(
				officer.rpc('submit_procedure_version', {
					p_code: 'dinh-gia-lai-tai-san',
					p_topic: null,
					version: v
				})
			)
		).toBe('P0001 not_allowed');
		const { data: id, error } = await publishApproved(admin, {
			p_code: 'dinh-gia-lai-tai-san',
			p_topic: null,
			version: v
		});
		expect(error).toBeNull();
		const { data: rows } = await anonClient()
			.from('procedure_catalogue')
			.select('version_id, version, processing_days')
			.eq('code', 'dinh-gia-lai-tai-san')
			.single();
		expect(rows).toMatchObject({ version_id: id, version: 2, processing_days: 7 });
	});
});

describe('catalogue administration', () => {
	const CODE = 'thay-doi-chap-hanh-vien';
	const current = async () => {
		const { data, error } = await anonClient()
			.from('procedure_catalogue')
			.select('*')
			.eq('code', CODE)
			.single();
		if (error) throw error;
		return data;
	};
	/** The current version as a publish payload, with changes. */
	const edit = async (over: Record<string, unknown>) => {
		const c = await current();
		const keys = [
			'name_vi',
			'name_en',
			'summary_vi',
			'summary_en',
			'applicants_vi',
			'applicants_en',
			'documents',
			'fields',
			'processing_days',
			'processing_note_vi',
			'processing_note_en',
			'fee_amount',
			'fee_vi',
			'fee_en',
			'legal_basis',
			'modes',
			'where_vi',
			'where_en',
			'result_vi',
			'result_en',
			'needs_check',
			'check_note',
			'template_ref'
		] as const;
		const v: Record<string, unknown> = { base_version: c.version };
		for (const k of keys) v[k] = c[k];
		return { ...v, ...over };
	};

	it('refuses submitting to unit heads, desk officers and anonymous callers', async () => {
		const v = await edit({ processing_days: 9 });
		const unitHead = await signIn('truongphong.hn1@thads.local');
		for (const client of [unitHead, officer, reception]) {
			expect(
				await errorOf(
					client.rpc('submit_procedure_version', { p_code: CODE, p_topic: null, version: v })
				)
			).toBe('P0001 not_allowed');
		}
		expect(
			await errorOf(
				anonClient().rpc('submit_procedure_version', { p_code: CODE, p_topic: null, version: v })
			)
		).toMatch(/^42501 /);
		expect((await current()).processing_days).toBe(5);
	});

	it('refuses a malformed field list or a stale base version, with coded errors', async () => {
		const admin = await signIn('admin@thads.local');
		const publish = (version: Record<string, unknown>) =>
			errorOf(admin.rpc('submit_procedure_version', { p_code: CODE, p_topic: null, version }));
		expect(
			await publish(
				await edit({ fields: [{ name: 'Bad Name', label_vi: 'x', label_en: 'x', type: 'text' }] })
			)
		).toBe('P0001 procedure_version_invalid');
		expect(
			await publish(
				await edit({ fields: [{ name: 'chon', label_vi: 'x', label_en: 'x', type: 'select' }] })
			)
		).toBe('P0001 procedure_version_invalid');
		expect(
			await publish(
				await edit({
					documents: [
						{ key: 'a', label_vi: 'A', label_en: 'A' },
						{ key: 'a', label_vi: 'B', label_en: 'B' }
					]
				})
			)
		).toBe('P0001 procedure_version_invalid');
		expect(await publish(await edit({ processing_days: 400 }))).toBe(
			'P0001 procedure_version_invalid'
		);
		const stale = await edit({ processing_days: 6 });
		expect(await publish({ ...stale, base_version: Number(stale.base_version) - 1 || 99 })).toBe(
			'P0001 version_conflict'
		);
		expect((await current()).processing_days).toBe(5);
	});

	it("shows citizens no editor's mark: what is unconfirmed is flagged for staff instead", async () => {
		const { data, error } = await anonClient().from('procedure_catalogue').select('*');
		expect(error).toBeNull();
		expect(data!.length).toBeGreaterThan(10);
		const marked = data!.filter((row) =>
			/\[check\]/i.test(JSON.stringify({ ...row, check_note: null }))
		);
		expect(marked.map((row) => row.code)).toEqual([]);
		const request = data!.find((row) => row.code === 'yeu-cau-thi-hanh-an')!;
		expect(request.needs_check).toBe(true);
		expect(request.check_note).toMatch(/Chưa đối chiếu với văn bản gốc: căn cứ pháp lý/);

		const admin = await signIn('admin@thads.local');
		const marks = await edit({ legal_basis: 'Luật Thi hành án dân sự, Điều 21 [check]' });
		expect(
			await errorOf(
				admin.rpc('submit_procedure_version', { p_code: CODE, p_topic: null, version: marks })
			)
		).toBe('P0001 procedure_version_invalid');
	});

	it('keeps an application filed under v1 on v1 rules after v2 is published', async () => {
		const admin = await signIn('admin@thads.local');
		const v1 = await current();
		const key = randomUUID();
		const answers = {
			so_quyet_dinh_tha: '12/QĐ-THADS',
			tu_cach: 'duoc_thi_hanh',
			ten_chap_hanh_vien: 'Nguyễn Văn A',
			ly_do: 'Chấp hành viên là người thân của bên phải thi hành án'
		};
		const filed = async (k: string) => ({
			procedure_code: CODE,
			unit_id: HN_KV1,
			consent: true,
			applicant: { name: 'Lê Thị Hoa', phone: phone() },
			answers,
			documents: [
				{ attachment_id: await draftAttachment(k), document_key: 'don_yeu_cau' },
				{ attachment_id: await draftAttachment(k, 'cccd.jpg'), document_key: 'giay_to_tuy_than' }
			]
		});
		const { data: app, error } = await anonClient()
			.rpc('submit_application', { payload: await filed(key), idempotency_key: key })
			.single<{ application_id: string; code: string; secret: string }>();
		expect(error).toBeNull();

		// v2: 12 working days and one more required question.
		const v2fields = [
			...v1.fields,
			{
				name: 'ngay_phat_hien',
				label_vi: 'Ngày phát hiện căn cứ',
				label_en: 'Date the grounds came to light',
				type: 'date',
				required: true
			}
		];
		const { data: v2id, error: pubErr } = await publishApproved(admin, {
			p_code: CODE,
			p_topic: null,
			version: await edit({ processing_days: 12, fields: v2fields, needs_check: false })
		});
		expect(pubErr).toBeNull();
		const v2 = await current();
		expect(v2).toMatchObject({
			version_id: v2id,
			version: v1.version + 1,
			processing_days: 12,
			needs_check: false
		});

		// The old application still points at v1 and is timed by v1's 5 days.
		const { data: row } = await officer
			.from('applications')
			.select('procedure_version_id')
			.eq('id', app!.application_id)
			.single();
		expect(row!.procedure_version_id).toBe(v1.version_id);
		expect(await errorOf(officer.rpc('check_application', { id: app!.application_id }))).toBeNull();
		const { data: due } = await officer.rpc('accept_application', { id: app!.application_id });
		const [exp5, exp12] = await sql<{ d: string }>(
			'select public.working_days_add(private.vn_today(), n)::text as d from unnest(array[5, 12]) n',
			[]
		);
		expect(due).toBe(exp5!.d);

		// A new application is judged by v2: the new question is required, and the due date is 12 days.
		const k2 = randomUUID();
		expect(
			await errorOf(
				anonClient().rpc('submit_application', { payload: await filed(k2), idempotency_key: k2 })
			)
		).toBe('P0001 application_answers_invalid');
		const k3 = randomUUID();
		const p3 = await filed(k3);
		const { data: r3, error: e3 } = await anonClient()
			.rpc('submit_application', {
				payload: { ...p3, answers: { ...answers, ngay_phat_hien: '2026-11-02' } },
				idempotency_key: k3
			})
			.single<{ due_date: string }>();
		expect(e3).toBeNull();
		expect(r3!.due_date).toBe(exp12!.d);

		// Both versions stay readable, in order.
		const { data: versions } = await admin
			.from('procedure_versions')
			.select('version, processing_days')
			.eq('procedure_id', v1.procedure_id)
			.order('version');
		expect(versions!.slice(-2)).toEqual([
			{ version: v1.version, processing_days: 5 },
			{ version: v1.version + 1, processing_days: 12 }
		]);
	});
});

describe('filing online', () => {
	it('issues an HS- code and a secret, with a provisional return date in working days', async () => {
		const r = await submit();
		expect(r.code).toMatch(/^HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
		expect(r.secret).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
		const [exp] = await sql<{ d: string }>(
			'select public.working_days_add(private.vn_today(), 5)::text as d',
			[]
		);
		expect(r.due_date).toBe(exp!.d);
		const { data } = await anonClient().rpc('get_application_by_code', {
			code: r.code,
			secret: r.secret
		});
		expect(data).toMatchObject({ status: 'submitted', procedure_code: PROC, due_date: exp!.d });
	});

	it('returns the same receipt for a repeated idempotency key (offline outbox replay)', async () => {
		const key = randomUUID();
		const p = await payload(key);
		const a = await anonClient()
			.rpc('submit_application', { payload: p, idempotency_key: key })
			.single();
		const b = await anonClient()
			.rpc('submit_application', { payload: p, idempotency_key: key })
			.single();
		expect(a.error).toBeNull();
		expect(b.data).toEqual(a.data);
	});

	it('refuses missing consent, missing required documents, bad answers and foreign drafts', async () => {
		const key = randomUUID();
		const rpc = async (over: Record<string, unknown>, k = randomUUID()) =>
			errorOf(
				anonClient().rpc('submit_application', {
					payload: await payload(k, over),
					idempotency_key: k
				})
			);
		expect(await rpc({ consent: false })).toBe('P0001 consent_required');
		expect(await rpc({ documents: [] })).toBe('P0001 documents_missing');
		expect(await rpc({ answers: { so_quyet_dinh_tha: '1', tu_cach: 'hacker' } })).toBe(
			'P0001 application_answers_invalid'
		);
		expect(await rpc({ answers: { tu_cach: 'duoc_thi_hanh' } })).toBe(
			'P0001 application_answers_invalid'
		);
		expect(
			await rpc({ answers: { so_quyet_dinh_tha: '1', tu_cach: 'duoc_thi_hanh', extra: 'x' } })
		).toBe('P0001 application_answers_invalid');
		expect(await rpc({ procedure_code: 'to-cao' })).toBe('P0001 procedure_not_online');
		// A draft uploaded under another key cannot be claimed.
		const other = await draftAttachment(randomUUID());
		expect(
			await rpc({ documents: [{ attachment_id: other, document_key: 'don_de_nghi' }] }, key)
		).toBe('P0001 attachment_not_found');
	});

	it('keeps applications away from citizens and from staff of other units or roles', async () => {
		const r = await submit();
		expect(
			(await anonClient().from('applications').select('id').eq('id', r.application_id)).error?.code
		).toBe('42501');
		expect(
			(await officerGL.from('applications').select('id').eq('id', r.application_id)).data
		).toEqual([]);
		expect(
			(await reception.from('applications').select('id').eq('id', r.application_id)).data
		).toEqual([]);
		expect(
			(await officer.from('applications').select('id').eq('id', r.application_id)).data
		).toHaveLength(1);
		expect(await errorOf(officerGL.rpc('check_application', { id: r.application_id }))).toBe(
			'P0001 application_not_found'
		);
		expect(await errorOf(reception.rpc('check_application', { id: r.application_id }))).toBe(
			'P0001 application_not_found'
		);
	});
});

describe('processing', () => {
	it('runs received → checking → processing → needs documents → processing → result → returned, and refuses illegal steps', async () => {
		const r = await submit();
		const id = r.application_id;
		expect(await errorOf(officer.rpc('accept_application', { id }))).toBe(
			'P0001 invalid_transition'
		);
		expect(
			await errorOf(officer.rpc('record_application_result', { id, attachment_id: randomUUID() }))
		).toBe('P0001 invalid_transition');
		expect(await errorOf(officer.rpc('check_application', { id }))).toBeNull();
		expect(await errorOf(officer.rpc('check_application', { id }))).toBe(
			'P0001 invalid_transition'
		);
		const { data: due } = await officer.rpc('accept_application', { id });
		const [exp] = await sql<{ d: string }>(
			'select public.working_days_add(private.vn_today(), 5)::text as d',
			[]
		);
		expect(due).toBe(exp!.d);

		expect(
			await errorOf(
				officer.rpc('request_application_documents', {
					id,
					what: 'Giấy ủy quyền',
					due_by: '2000-01-01'
				})
			)
		).toBe('P0001 due_by_invalid');
		expect(
			await errorOf(
				officer.rpc('request_application_documents', {
					id,
					what: 'Giấy ủy quyền có công chứng',
					due_by: '2099-01-01'
				})
			)
		).toBeNull();
		let view = (
			await anonClient().rpc('get_application_by_code', { code: r.code, secret: r.secret })
		).data;
		expect(view.status).toBe('needs_documents');
		expect(view.documents_request).toMatchObject({
			what: 'Giấy ủy quyền có công chứng',
			due_by: '2099-01-01'
		});
		expect(
			await errorOf(officer.rpc('record_application_result', { id, attachment_id: randomUUID() }))
		).toBe('P0001 invalid_transition');

		// The clock stood still for 3 working days: pretend the request was made 3 working days ago.
		await sql(
			`update public.application_pauses set requested_at = (select d from generate_series(private.vn_today() - 20, private.vn_today() - 1, interval '1 day') g(d)
			 where public.working_days_between(d::date, private.vn_today()) = 3 order by d desc limit 1) where application_id = $1`,
			[id]
		);
		const k = randomUUID();
		const add = await anonClient().rpc('add_application_documents_by_code', {
			code: r.code,
			secret: r.secret,
			documents: [
				{ attachment_id: await draftAttachment(k, 'uy-quyen.pdf'), document_key: 'giay_uy_quyen' }
			],
			draft_key: k
		});
		expect(add.error).toBeNull();
		const [moved] = await sql<{ d: string }>(
			'select public.working_days_add($1::date, 3)::text as d',
			[exp!.d]
		);
		expect(add.data).toEqual({ status: 'processing', due_date: moved!.d });
		const { data: app } = await officer
			.from('applications')
			.select('paused_days, due_date')
			.eq('id', id)
			.single();
		expect(app).toEqual({ paused_days: 3, due_date: moved!.d });

		// Result, return, rating (once, only after completion).
		expect(
			await errorOf(
				anonClient().rpc('rate_application_by_code', { code: r.code, secret: r.secret, rating: 5 })
			)
		).toBe('P0001 invalid_transition');
		const result = await draftAttachment(randomUUID(), 'ket-qua.pdf');
		expect(await errorOf(officer.rpc('return_application_result', { id, via: 'online' }))).toBe(
			'P0001 invalid_transition'
		);
		expect(
			await errorOf(
				officer.rpc('record_application_result', { id, attachment_id: result, note: 'Đã xác nhận' })
			)
		).toBeNull();
		const file = await anonClient()
			.rpc('get_application_result_by_code', { code: r.code, secret: r.secret })
			.single();
		expect(file.data).toMatchObject({ bucket: 'attachments', file_name: 'ket-qua.pdf' });
		expect(
			await errorOf(officer.rpc('return_application_result', { id, via: 'online' }))
		).toBeNull();
		expect(
			await errorOf(officer.rpc('refuse_application', { id, reasons: 'Quá muộn để từ chối' }))
		).toBe('P0001 invalid_transition');
		expect(
			(
				await anonClient().rpc('rate_application_by_code', {
					code: r.code,
					secret: r.secret,
					rating: 5,
					comment: 'Nhanh'
				})
			).data
		).toBe(true);
		expect(
			await errorOf(
				anonClient().rpc('rate_application_by_code', { code: r.code, secret: r.secret, rating: 4 })
			)
		).toBe('P0001 already_rated');

		view = (await anonClient().rpc('get_application_by_code', { code: r.code, secret: r.secret }))
			.data;
		expect(view).toMatchObject({
			status: 'returned',
			has_result: true,
			rating: 5,
			can_rate: false
		});
		expect(view.events.map((e: { kind: string }) => e.kind)).toEqual([
			'submitted',
			'checking',
			'accepted',
			'documents_requested',
			'documents_added',
			'result_ready',
			'returned'
		]);
		// Audit trail: one event per step.
		const audit = await sql<{ action: string }>(
			"select action from public.audit_events where entity_type = 'application' and entity_id = $1 order by id",
			[id]
		);
		expect(audit.map((a) => a.action)).toEqual([
			'submit',
			'check',
			'accept',
			'request_documents',
			'add_documents',
			'record_result',
			'return_result',
			'rate'
		]);
	});

	it('refuses with reasons the citizen sees, and queues a notification', async () => {
		const r = await submit();
		expect(
			await errorOf(officer.rpc('refuse_application', { id: r.application_id, reasons: 'x' }))
		).toBe('P0001 refusal_reasons_required');
		expect(
			await errorOf(
				officer.rpc('refuse_application', {
					id: r.application_id,
					reasons: 'Không thuộc thẩm quyền của đơn vị'
				})
			)
		).toBeNull();
		const view = (
			await anonClient().rpc('get_application_by_code', { code: r.code, secret: r.secret })
		).data;
		expect(view).toMatchObject({
			status: 'refused',
			refusal_reasons: 'Không thuộc thẩm quyền của đơn vị'
		});
		const n = await sql<{ template: string }>(
			"select template from public.notifications where payload->>'code' = $1 order by id",
			[r.code]
		);
		expect(n.map((x) => x.template)).toEqual(['application_received', 'application_refused']);
	});

	it('records an apology letter only for a late application', async () => {
		const r = await submit();
		await officer.rpc('check_application', { id: r.application_id });
		await officer.rpc('accept_application', { id: r.application_id });
		expect(
			// An apology always carries a new return date (NĐ 118/2025; 20261207003020).
			await errorOf(officer.rpc('record_apology_letter', { id: r.application_id, reason: 'Chậm' }))
		).toBe('P0001 new_due_date_required');
		await sql('update public.applications set due_date = private.vn_today() - 3 where id = $1', [
			r.application_id
		]);
		expect(
			await errorOf(
				officer.rpc('record_apology_letter', {
					id: r.application_id,
					reason: 'Chờ kết quả xác minh',
					new_due_date: '2099-01-02'
				})
			)
		).toBeNull();
		const { data } = await officer
			.from('application_apologies')
			.select('reason, new_due_date')
			.eq('application_id', r.application_id);
		expect(data).toEqual([{ reason: 'Chờ kết quả xác minh', new_due_date: '2099-01-02' }]);
		const { data: inbox } = await officer
			.from('application_inbox')
			.select('is_overdue')
			.eq('id', r.application_id)
			.single();
		expect(inbox!.is_overdue).toBe(true);
	});

	it('enters a paper application at the desk with the same kind of receipt', async () => {
		const { data, error } = await officer
			.rpc('register_desk_application', {
				payload: { procedure_code: 'to-cao', applicant: { name: 'Lê Thị Cúc' }, answers: {} }
			})
			.single();
		expect(error).toBeNull();
		const r = data as { code: string; secret: string };
		expect(r.code).toMatch(/^HS-/);
		const view = (
			await anonClient().rpc('get_application_by_code', { code: r.code, secret: r.secret })
		).data;
		expect(view).toMatchObject({ channel: 'desk', status: 'submitted' });
		expect(await errorOf(anonClient().rpc('register_desk_application', { payload: {} }))).toMatch(
			/^42501/
		);
	});
});

describe('codes and secrets', () => {
	it('answers a wrong secret with nothing, and locks the code for that client after five', async () => {
		const r = await submit();
		const guesser = anonClient({ address: randomClientAddress() });
		for (let i = 0; i < 5; i++) {
			const { data, error } = await guesser.rpc('get_application_by_code', {
				code: r.code,
				secret: 'ZZZZZZZZ'
			});
			expect(error).toBeNull();
			expect(data).toBeNull();
		}
		expect(
			(await guesser.rpc('get_application_by_code', { code: r.code, secret: r.secret })).data
		).toBeNull();
		expect(
			(
				await guesser.rpc('rate_application_by_code', {
					code: r.code,
					secret: r.secret,
					rating: 5
				})
			).data
		).toBe(false);
	});
});

describe('procedure_stats', () => {
	it('counts received online vs desk, on-time completions, documents requests, refusals and ratings', async () => {
		const before =
			(await officer.from('procedure_stats').select('*').eq('unit_id', HN_KV1)).data ?? [];
		const sum = (rows: Record<string, number>[], k: string) =>
			rows.reduce((s, r) => s + (r[k] ?? 0), 0);
		const r = await submit();
		await officer.rpc('check_application', { id: r.application_id });
		await officer.rpc('accept_application', { id: r.application_id });
		await officer.rpc('record_application_result', {
			id: r.application_id,
			attachment_id: await draftAttachment(randomUUID())
		});
		await anonClient().rpc('rate_application_by_code', {
			code: r.code,
			secret: r.secret,
			rating: 4
		});
		const after =
			(await officer.from('procedure_stats').select('*').eq('unit_id', HN_KV1)).data ?? [];
		expect(sum(after, 'received_online') - sum(before, 'received_online')).toBe(1);
		expect(sum(after, 'completed_on_time') - sum(before, 'completed_on_time')).toBe(1);
		expect(sum(after, 'rating_count') - sum(before, 'rating_count')).toBe(1);
		expect(sum(after, 'rating_sum') - sum(before, 'rating_sum')).toBe(4);
		expect(Object.keys(after[0] ?? {})).toEqual(
			expect.arrayContaining([
				'unit_id',
				'day',
				'received_desk',
				'completed_late',
				'in_progress_on_time',
				'overdue',
				'returned_for_documents',
				'refused',
				'processing_days_sum',
				'avg_processing_days',
				'rating_avg'
			])
		);
		expect(
			(await officerGL.from('procedure_stats').select('unit_id').eq('unit_id', HN_KV1)).data
		).toEqual([]);
	});
});
