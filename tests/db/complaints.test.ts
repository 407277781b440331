/**
 * Complaints in the database: every transition through supabase-js as the real actors, illegal
 * ones refused by the database (not only hidden in the UI), RLS between units, the denouncer's
 * identity, idempotent filing and the citizen's code + secret functions.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	anonClient,
	isStandIn,
	randomClientAddress,
	serviceClient,
	signIn,
	sql,
	refusalOf
} from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const HN = '00000000-0000-4000-a000-000000000010';
const GL_KV1 = '00000000-0000-4000-a000-000000000021';
const OFFICER_HN1 = '00000000-0000-4000-b000-000000000012';

/** A different phone per filing: filings are rate-limited per filer (3 per 10 minutes). */
const randomPhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

const payload = (over: Record<string, unknown> = {}) => ({
	kind: 'complaint',
	subject: 'coercion',
	unit_id: HN_KV1,
	consent: true,
	learned_on: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
	content: 'Chấp hành viên kê biên nhầm tài sản của tôi, không phải của người phải thi hành án.',
	request: 'Hủy quyết định kê biên',
	filer: {
		full_name: 'Trần Văn Kiện',
		cccd: '001099001234',
		phone: randomPhone(),
		province: 'Hà Nội',
		ward: 'Phường Hoàn Kiếm'
	},
	...over
});

let anon: SupabaseClient;
let service: SupabaseClient;
let officerHN1: SupabaseClient;
let headHN1: SupabaseClient;
let headHN: SupabaseClient;
let officerGL1: SupabaseClient;
let receptionHN1: SupabaseClient;

async function file(over: Record<string, unknown> = {}, key = randomUUID()) {
	const { data, error } = await anon.rpc('submit_complaint', {
		payload: payload(over),
		idempotency_key: key
	});
	expect(error).toBeNull();
	return (
		data as {
			code: string;
			secret: string;
			complaint_id: string;
			accept_due: string;
			replayed: boolean;
		}[]
	)[0]!;
}

const code = (e: { code?: string; message?: string } | null) =>
	e?.code === 'P0001' ? e.message : e?.code;

beforeAll(async () => {
	anon = anonClient();
	service = serviceClient();
	[officerHN1, headHN1, headHN, officerGL1, receptionHN1] = await Promise.all([
		signIn('khieunai.hn1@thads.local'),
		signIn('truongphong.hn1@thads.local'),
		signIn('lanhdao.hn@thads.local'),
		signIn('khieunai.gl1@thads.local'),
		signIn('tiepdan.hn1@thads.local')
	]);
});

describe('filing', () => {
	it('issues a readable code and a secret, and an acceptance deadline in working days', async () => {
		const r = await file();
		expect(r.code).toMatch(/^KN-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
		expect(r.secret).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
		const { data: expected } = await anon.rpc('complaint_deadline', {
			p_kind: 'complaint',
			p_instance: 1,
			p_subject: 'coercion',
			p_purpose: 'accept',
			p_start: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
		});
		expect(r.accept_due).toBe(expected);
	});

	it('is idempotent: the same key gives the same code and secret, and one complaint', async () => {
		const key = randomUUID();
		const a = await file({}, key);
		const b = await file(
			{ content: 'Một nội dung khác hẳn nhưng cùng khóa gửi lại từ hộp thư đi.' },
			key
		);
		expect(b.replayed).toBe(true);
		expect(b.code).toBe(a.code);
		expect(b.secret).toBe(a.secret);
		expect(b.complaint_id).toBe(a.complaint_id);
	});

	it('refuses bad input with coded errors the app maps to fields', async () => {
		const bad = async (over: Record<string, unknown>) =>
			await refusalOf(
				anon.rpc('submit_complaint', {
					payload: payload(over),
					idempotency_key: randomUUID()
				})
			);
		expect(await bad({ content: 'ngắn' })).toBe('invalid_content');
		expect(await bad({ consent: false })).toBe('invalid_consent');
		expect(await bad({ unit_id: randomUUID() })).toBe('invalid_unit_id');
		expect(await bad({ filer: { full_name: 'A B', cccd: '123' } })).toBe('invalid_filer.cccd');
		expect(await bad({ kind: 'denunciation', filer: { full_name: 'Ẩn danh' } })).toBe(
			'invalid_filer.identity'
		);
	});

	it('queues a receipt notification to the filer', async () => {
		const r = await file();
		const { data } = await service
			.from('notifications')
			.select('template, payload')
			.eq('template', 'complaint_received')
			.contains('payload', { code: r.code });
		expect(data?.length).toBeGreaterThan(0);
	});
});

describe('citizen access by code + secret', () => {
	it('shows the file with its citizen-visible history only; a wrong secret is a generic not-found', async () => {
		const r = await file();
		const { data: c } = await officerHN1
			.from('complaints')
			.select('id')
			.eq('tracking_code', r.code)
			.single();
		await officerHN1
			.from('complaint_notes')
			.insert({ complaint_id: c!.id, author_id: OFFICER_HN1, body: 'BÍ MẬT NỘI BỘ' });
		await officerHN1.rpc('assign_complaint', { p_id: c!.id, p_officer: OFFICER_HN1 });
		const { data, error } = await anon.rpc('get_complaint_by_code', {
			code: r.code,
			secret: r.secret
		});
		expect(error).toBeNull();
		const json = JSON.stringify(data);
		expect(json).not.toContain('BÍ MẬT NỘI BỘ');
		expect((data as { events: { event: string }[] }).events.map((e) => e.event)).toEqual([
			'submitted'
		]);
		// A wrong secret: no file and no error (a raise would roll back the failed-attempt count).
		const wrong = await anon.rpc('get_complaint_by_code', { code: r.code, secret: 'AAAAAAAA' });
		expect(wrong.error).toBeNull();
		expect(wrong.data).toBeNull();
	});

	it('anon cannot read the tables directly', async () => {
		const { error } = await anon.from('complaints').select('id').limit(1);
		expect(error?.code).toBe('42501');
	});

	it('lets the citizen answer a request for information and withdraw', async () => {
		const r = await file();
		const { data: c } = await officerHN1
			.from('complaints')
			.select('id')
			.eq('tracking_code', r.code)
			.single();
		expect(
			await refusalOf(
				officerHN1.rpc('request_complaint_info', {
					p_id: c!.id,
					p_message: 'Đề nghị gửi bản chụp quyết định kê biên.'
				})
			)
		).toBeUndefined();
		const answered = await anon.rpc('add_complaint_documents_by_code', {
			code: r.code,
			secret: r.secret,
			draft_key: null,
			message: 'Tôi sẽ nộp bản gốc khi đến trụ sở.'
		});
		expect(answered.error).toBeNull();
		expect((answered.data as { info_request: string | null }).info_request).toBeNull();
		const w = await anon.rpc('withdraw_complaint_by_code', {
			code: r.code,
			secret: r.secret,
			reason: 'Đã thỏa thuận được'
		});
		expect((w.data as { status: string }).status).toBe('withdrawn');
		// Withdrawn is final: a second withdrawal is an illegal transition.
		expect(
			await refusalOf(anon.rpc('withdraw_complaint_by_code', { code: r.code, secret: r.secret }))
		).toBe('invalid_transition');
	});
});

describe('officer transitions', () => {
	it('accept sets the resolution deadline from deadline_rules; resolve needs a decision file', async () => {
		const r = await file();
		const { data: c } = await officerHN1
			.from('complaints')
			.select('id')
			.eq('tracking_code', r.code)
			.single();
		const id = c!.id as string;
		// Resolve before accept: refused by the database.
		expect(
			await refusalOf(
				officerHN1.rpc('resolve_complaint', {
					p_id: id,
					p_outcome: 'upheld',
					p_summary: 'Chấp nhận'
				})
			)
		).toBe('invalid_transition');
		const acc = await officerHN1.rpc('accept_complaint', { p_id: id });
		expect(acc.error).toBeNull();
		const { data: expected } = await anon.rpc('complaint_deadline', {
			p_kind: 'complaint',
			p_instance: 1,
			p_subject: 'coercion',
			p_purpose: 'resolve',
			p_start: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
		});
		expect(acc.data).toBe(expected);
		// Accepting twice is illegal.
		expect(await refusalOf(officerHN1.rpc('accept_complaint', { p_id: id }))).toBe(
			'invalid_transition'
		);
		expect(
			await refusalOf(
				officerHN1.rpc('record_complaint_verification', {
					p_id: id,
					p_date: new Date().toISOString().slice(0, 10),
					p_summary: 'Đã xác minh tại chỗ'
				})
			)
		).toBeUndefined();
		expect(
			await refusalOf(
				officerHN1.rpc('record_complaint_dialogue', {
					p_id: id,
					p_date: new Date().toISOString().slice(0, 10),
					p_minutes: 'Biên bản đối thoại'
				})
			)
		).toBeUndefined();
		expect(
			await refusalOf(
				officerHN1.rpc('resolve_complaint', {
					p_id: id,
					p_outcome: 'true',
					p_summary: 'Sai loại kết quả'
				})
			)
		).toBe('outcome_invalid');
		expect(
			await refusalOf(
				officerHN1.rpc('resolve_complaint', {
					p_id: id,
					p_outcome: 'upheld',
					p_summary: 'Chấp nhận khiếu nại'
				})
			)
		).toBe('decision_required');
		const { data: att } = await service
			.from('attachments')
			.insert({
				owner_kind: 'complaint',
				owner_id: id,
				unit_id: HN_KV1,
				path: `complaint/test/${randomUUID()}.pdf`,
				file_name: 'qd.pdf',
				mime_type: 'application/pdf',
				size_bytes: 100,
				uploaded_by: OFFICER_HN1
			})
			.select('id')
			.single();
		const res = await officerHN1.rpc('resolve_complaint', {
			p_id: id,
			p_outcome: 'upheld',
			p_summary: 'Chấp nhận khiếu nại',
			p_decision_attachment: att!.id
		});
		expect(res.error).toBeNull();
		const view = (await anon.rpc('get_complaint_by_code', { code: r.code, secret: r.secret }))
			.data as {
			status: string;
			events: { event: string }[];
			attachments: { is_decision: boolean }[];
		};
		expect(view.status).toBe('resolved');
		expect(view.events.map((e) => e.event)).toEqual([
			'submitted',
			'accepted',
			'verification',
			'dialogue',
			'resolved'
		]);
		expect(view.attachments.some((a) => a.is_decision)).toBe(true);
		// Every transition left an audit event.
		const { data: audit } = await service.from('audit_events').select('action').eq('entity_id', id);
		expect(audit!.map((a) => a.action)).toEqual(
			expect.arrayContaining(['submit', 'accept', 'verification', 'dialogue', 'resolve'])
		);
	});

	it('return and guide need a reason; forward moves the file to a unit that then sees it', async () => {
		const r = await file();
		const { data: c } = await officerHN1
			.from('complaints')
			.select('id')
			.eq('tracking_code', r.code)
			.single();
		const id = c!.id as string;
		expect(await refusalOf(officerHN1.rpc('return_complaint', { p_id: id, p_reason: '' }))).toBe(
			'reason_required'
		);
		expect(
			await refusalOf(
				officerHN1.rpc('forward_complaint', {
					p_id: id,
					p_to_unit: HN_KV1,
					p_reason: 'Chuyển cho đúng nơi'
				})
			)
		).toBe('invalid_unit');
		expect((await officerGL1.from('complaints').select('id').eq('id', id)).data).toEqual([]);
		expect(
			(
				await officerHN1.rpc('forward_complaint', {
					p_id: id,
					p_to_unit: GL_KV1,
					p_reason: 'Thuộc thẩm quyền của Gia Lai'
				})
			).error
		).toBeNull();
		expect((await officerGL1.from('complaints').select('id').eq('id', id)).data).toEqual([{ id }]);
		expect((await officerHN1.from('complaints').select('id').eq('id', id)).data).toEqual([]);
		// The former unit can no longer act on it.
		expect(await refusalOf(officerHN1.rpc('accept_complaint', { p_id: id }))).toBe(
			'not_in_your_unit'
		);
		expect(
			(
				await officerGL1.rpc('guide_complaint', {
					p_id: id,
					p_guidance: 'Gửi đơn đến Tòa án nhân dân khu vực.'
				})
			).error
		).toBeNull();
	});

	it('an officer of another unit can neither read nor act', async () => {
		const r = await file();
		const { data: c } = await service
			.from('complaints')
			.select('id')
			.eq('tracking_code', r.code)
			.single();
		expect((await officerGL1.from('complaints').select('id').eq('id', c!.id)).data).toEqual([]);
		expect(await refusalOf(officerGL1.rpc('accept_complaint', { p_id: c!.id }))).toBe(
			'not_in_your_unit'
		);
		expect(await refusalOf(officerGL1.rpc('log_complaint_access', { p_id: c!.id }))).toBe(
			'not_in_your_unit'
		);
		// Reception staff of the same unit do not handle complaints.
		expect((await receptionHN1.from('complaints').select('id').eq('id', c!.id)).data).toEqual([]);
		expect(await refusalOf(receptionHN1.rpc('accept_complaint', { p_id: c!.id }))).toBe(
			'not_allowed'
		);
		// The provincial head sees the khu vực office's file.
		expect((await headHN.from('complaints').select('id').eq('id', c!.id)).data).toEqual([
			{ id: c!.id }
		]);
	});

	it('reopens a resolved complaint as a second-instance file at the unit above', async () => {
		const r = await file();
		const { data: c } = await officerHN1
			.from('complaints')
			.select('id')
			.eq('tracking_code', r.code)
			.single();
		const id = c!.id as string;
		expect(await refusalOf(officerHN1.rpc('reopen_complaint_second_instance', { p_id: id }))).toBe(
			'invalid_transition'
		);
		await officerHN1.rpc('accept_complaint', { p_id: id });
		await officerHN1.rpc('withdraw_complaint', { p_id: id, p_note: 'Rút tại trụ sở' });
		expect(await refusalOf(officerHN1.rpc('reopen_complaint_second_instance', { p_id: id }))).toBe(
			'invalid_transition'
		);

		const r2 = await file();
		const { data: c2 } = await officerHN1
			.from('complaints')
			.select('id')
			.eq('tracking_code', r2.code)
			.single();
		await officerHN1.rpc('accept_complaint', { p_id: c2!.id });
		const { data: att } = await service
			.from('attachments')
			.insert({
				owner_kind: 'complaint',
				owner_id: c2!.id,
				unit_id: HN_KV1,
				path: `complaint/test/${randomUUID()}.pdf`,
				file_name: 'qd.pdf',
				mime_type: 'application/pdf',
				size_bytes: 100
			})
			.select('id')
			.single();
		await officerHN1.rpc('resolve_complaint', {
			p_id: c2!.id,
			p_outcome: 'rejected',
			p_summary: 'Không có căn cứ',
			p_decision_attachment: att!.id
		});
		const second = await officerHN1.rpc('reopen_complaint_second_instance', {
			p_id: c2!.id,
			p_note: 'Công dân khiếu nại lần hai'
		});
		expect(second.error).toBeNull();
		const { data: row } = await headHN
			.from('complaints')
			.select('unit_id, instance, status, parent_id')
			.eq('id', second.data)
			.single();
		expect(row).toEqual({ unit_id: HN, instance: 2, status: 'received', parent_id: c2!.id });
		expect(
			await refusalOf(officerHN1.rpc('reopen_complaint_second_instance', { p_id: c2!.id }))
		).toBe('already_reopened');
		// The citizen's same code now shows the second instance.
		const view = (await anon.rpc('get_complaint_by_code', { code: r2.code, secret: r2.secret }))
			.data as { instance: number; events: { event: string }[] };
		expect(view.instance).toBe(2);
		expect(view.events.map((e) => e.event)).toContain('reopened');
	});
});

describe('denouncer identity', () => {
	it('is hidden from table reads, shown to the assigned officer and the head through an audited function', async () => {
		const r = await file({ kind: 'denunciation' });
		const { data: c } = await officerHN1
			.from('complaints')
			.select('id, kind')
			.eq('tracking_code', r.code)
			.single();
		expect(c!.kind).toBe('denunciation');
		const id = c!.id as string;
		expect(
			(await officerHN1.from('complaint_parties').select('full_name').eq('complaint_id', id)).data
		).toEqual([]);
		expect(
			(await headHN1.from('complaint_parties').select('full_name').eq('complaint_id', id)).data
		).toEqual([]);
		// Not assigned yet: even a complaint officer of the unit is refused.
		expect(await refusalOf(officerHN1.rpc('get_complaint_parties', { p_id: id }))).toBe(
			'identity_protected'
		);
		const asHead = await headHN1.rpc('get_complaint_parties', { p_id: id });
		expect((asHead.data as { full_name: string }[])[0]!.full_name).toBe('Trần Văn Kiện');
		// Only the head assigns a denunciation.
		expect(
			await refusalOf(officerHN1.rpc('assign_complaint', { p_id: id, p_officer: OFFICER_HN1 }))
		).toBe('not_allowed');
		await headHN1.rpc('assign_complaint', { p_id: id, p_officer: OFFICER_HN1 });
		const asAssigned = await officerHN1.rpc('get_complaint_parties', { p_id: id });
		expect(asAssigned.error).toBeNull();
		const { data: audit } = await service
			.from('audit_events')
			.select('action')
			.eq('entity_id', id)
			.eq('action', 'view_denouncer_identity');
		expect(audit!.length).toBe(2);
		// The citizen sees that their identity was viewed (by role and unit, never a name).
		const view = (await anon.rpc('get_complaint_by_code', { code: r.code, secret: r.secret }))
			.data as { access_log: { what: string; role: string; unit_name: string }[] };
		expect(
			view.access_log
				.filter((l) => l.what === 'identity')
				.map((l) => l.role)
				.sort()
		).toEqual(['complaint_officer', 'unit_head']);
		expect(JSON.stringify(view.access_log)).not.toMatch(/Lê Minh Tuấn|Đỗ Quang Vinh/);
		// A denunciation's files follow the same rule.
		const { data: f } = await service
			.from('attachments')
			.insert({
				owner_kind: 'complaint',
				owner_id: id,
				unit_id: HN_KV1,
				path: `complaint/test/${randomUUID()}.jpg`,
				file_name: 'anh.jpg',
				mime_type: 'image/jpeg',
				size_bytes: 100
			})
			.select('id')
			.single();
		const other = receptionHN1; // same unit, not the assigned officer nor a head
		expect((await other.from('attachments').select('id').eq('id', f!.id)).data).toEqual([]);
		expect((await officerHN1.from('attachments').select('id').eq('id', f!.id)).data).toEqual([
			{ id: f!.id }
		]);
	});
});

describe('counting', () => {
	it('complaint_stats counts received, accepted and withdrawn per unit and day', async () => {
		const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
		const before = await headHN1
			.from('complaint_stats')
			.select('*')
			.eq('unit_id', HN_KV1)
			.eq('day', today)
			.eq('kind', 'petition');
		const sum = (
			rows: { received: number; accepted: number; withdrawn: number }[] | null,
			k: 'received' | 'accepted' | 'withdrawn'
		) => (rows ?? []).reduce((s, r) => s + r[k], 0);
		const r = await file({
			kind: 'petition',
			filer: { full_name: 'Người kiến nghị', phone: '0911111111' }
		});
		const { data: c } = await officerHN1
			.from('complaints')
			.select('id')
			.eq('tracking_code', r.code)
			.single();
		await officerHN1.rpc('accept_complaint', { p_id: c!.id });
		await officerHN1.rpc('withdraw_complaint', { p_id: c!.id });
		const after = await headHN1
			.from('complaint_stats')
			.select('*')
			.eq('unit_id', HN_KV1)
			.eq('day', today)
			.eq('kind', 'petition');
		expect(sum(after.data, 'received') - sum(before.data, 'received')).toBe(1);
		expect(sum(after.data, 'accepted') - sum(before.data, 'accepted')).toBe(1);
		expect(sum(after.data, 'withdrawn') - sum(before.data, 'withdrawn')).toBe(1);
		expect(
			(await officerGL1.from('complaint_stats').select('*').eq('unit_id', HN_KV1)).data
		).toEqual([]);
	});

	it('officers get one morning digest (queue_officer_digests), no separate complaint reminder', async () => {
		expect(await refusalOf(officerHN1.rpc('queue_officer_digests'))).toBe('42501');
		const { error } = await service.rpc('queue_complaint_reminders');
		expect(error?.code).toBe('PGRST202');
	});
});

/** The complaint id of a tracking code (as the officer of HN-KV1 sees it). */
async function idOf(trackingCode: string) {
	const { data } = await officerHN1
		.from('complaints')
		.select('id')
		.eq('tracking_code', trackingCode)
		.single();
	return data!.id as string;
}

/** Accept and resolve a first-instance file at HN-KV1 with a decision document. */
async function resolveAtHN1(id: string, outcome = 'rejected') {
	expect((await officerHN1.rpc('accept_complaint', { p_id: id })).error).toBeNull();
	const { data: att } = await service
		.from('attachments')
		.insert({
			owner_kind: 'complaint',
			owner_id: id,
			unit_id: HN_KV1,
			path: `complaint/test/${randomUUID()}.pdf`,
			file_name: 'quyet-dinh.pdf',
			mime_type: 'application/pdf',
			size_bytes: 100
		})
		.select('id')
		.single();
	const r = await officerHN1.rpc('resolve_complaint', {
		p_id: id,
		p_outcome: outcome,
		p_summary: 'Quyết định giải quyết khiếu nại lần đầu',
		p_decision_attachment: att!.id
	});
	expect(r.error).toBeNull();
}

describe('tracking lockout through the complaint functions', () => {
	it('counts wrong secrets on direct RPC calls: 5 from one client lock the code for that client until the lock expires', async () => {
		const r = await file();
		// One citizen's phone: the lock is per (code, client) (security issue 12, item 9).
		const anon = anonClient({ address: randomClientAddress() });
		const wrong = r.secret.startsWith('A') ? 'BBBBBBBB' : 'AAAAAAAA';
		const calls = [
			() => anon.rpc('get_complaint_by_code', { code: r.code, secret: wrong }),
			() => anon.rpc('withdraw_complaint_by_code', { code: r.code, secret: wrong }),
			() =>
				anon.rpc('add_complaint_documents_by_code', {
					code: r.code,
					secret: wrong,
					draft_key: null,
					message: 'Thử'
				}),
			() =>
				anon.rpc('appeal_complaint_by_code', {
					code: r.code,
					secret: wrong,
					reasons: 'Lý do khiếu nại lần hai đủ dài để hợp lệ.'
				}),
			() => anon.rpc('get_complaint_by_code', { code: r.code, secret: wrong })
		];
		for (const call of calls) {
			const res = await call();
			// No error (a raise would roll back the failed-attempt count) and nothing returned.
			expect(res.error).toBeNull();
			expect(Array.isArray(res.data) ? res.data : [res.data].filter(Boolean)).toEqual([]);
		}
		const locked = await anon.rpc('get_complaint_by_code', { code: r.code, secret: r.secret });
		expect(locked).toMatchObject({ data: null, error: null });
		// The file was not changed by the wrong-secret calls.
		const { data: row } = await service
			.from('complaints')
			.select('status')
			.eq('tracking_code', r.code)
			.single();
		expect(row!.status).toBe('received');
		// Another client (the owner's phone) is not locked out.
		const owner = await anonClient().rpc('get_complaint_by_code', {
			code: r.code,
			secret: r.secret
		});
		expect((owner.data as { status: string }).status).toBe('received');
		if (!isStandIn()) return;
		await sql(
			`update private.rate_limits set window_start = window_start - interval '16 minutes'
			  where bucket = 'tracking_fail_code_client' and key like $1 || '|%'`,
			[r.code]
		);
		const open = await anon.rpc('get_complaint_by_code', { code: r.code, secret: r.secret });
		expect((open.data as { status: string }).status).toBe('received');
	});
});

describe('filing rate limit', () => {
	it('refuses a 4th filing by the same phone within 10 minutes; a replay of the same key still answers', async () => {
		const phone = randomPhone();
		const keys = [randomUUID(), randomUUID(), randomUUID()];
		const filer = { ...payload().filer, phone };
		const first = await file({ filer }, keys[0]);
		await file({ filer }, keys[1]);
		await file({ filer }, keys[2]);
		const fourth = await anon.rpc('submit_complaint', {
			payload: payload({ filer }),
			idempotency_key: randomUUID()
		});
		expect(code(fourth.error)).toBe('rate_limited');
		// The outbox resending the first submission is not a new filing: same code, not refused.
		const replay = await file({ filer }, keys[0]);
		expect(replay).toMatchObject({ code: first.code, secret: first.secret, replayed: true });
		// Another filer is not affected.
		expect((await file()).replayed).toBe(false);
	});

	it('refuses an 11th filing from one client address within 10 minutes', async () => {
		// The address the app signs into the request header, not anything in the payload.
		const citizen = anonClient({ address: randomClientAddress() });
		for (let i = 0; i < 10; i++) {
			const r = await citizen.rpc('submit_complaint', {
				payload: payload(),
				idempotency_key: randomUUID()
			});
			expect(r.error).toBeNull();
		}
		const refused = await citizen.rpc('submit_complaint', {
			payload: payload(),
			idempotency_key: randomUUID()
		});
		expect(code(refused.error)).toBe('rate_limited');
	});

	it('does not limit reception staff registering petitions', async () => {
		const phone = randomPhone();
		const filer = { ...payload().filer, phone };
		for (let i = 0; i < 4; i++) {
			const r = await receptionHN1.rpc('submit_complaint', {
				payload: payload({ filer, kind: 'petition' }),
				idempotency_key: randomUUID()
			});
			expect(r.error).toBeNull();
		}
	});
});

describe('denunciation deadline extension (Luật Tố cáo 2018 Điều 30)', () => {
	it('the head extends by 30 days once if complex, twice if especially complex; never a third time', async () => {
		const r = await file({ kind: 'denunciation' });
		const id = await idOf(r.code);
		const extend = (
			who: SupabaseClient,
			complexity: string,
			reason = 'Vụ việc phức tạp, cần xác minh thêm nhiều nơi'
		) =>
			who.rpc('extend_denunciation_deadline', {
				p_id: id,
				p_complexity: complexity,
				p_reason: reason
			});
		// Not yet accepted: nothing to extend.
		expect(await refusalOf(extend(headHN1, 'complex'))).toBe('invalid_transition');
		await officerHN1.rpc('accept_complaint', { p_id: id });
		const due0 = (await headHN1.from('complaints').select('resolve_due').eq('id', id).single())
			.data!.resolve_due as string;
		// The officer prepares; the head decides. Another unit cannot. A reason is required.
		expect(await refusalOf(extend(officerHN1, 'complex'))).toBe('not_allowed');
		expect(await refusalOf(extend(officerGL1, 'complex'))).toBe('not_in_your_unit');
		expect(await refusalOf(extend(headHN1, 'complex', 'ngắn'))).toBe('reason_required');
		expect(await refusalOf(extend(headHN1, 'simple'))).toBe('complexity_invalid');

		const first = await extend(headHN1, 'complex');
		expect(first.error).toBeNull();
		const { data: expected1 } = await anon.rpc('complaint_deadline', {
			p_kind: 'denunciation',
			p_instance: null,
			p_subject: 'any',
			p_purpose: 'extend',
			p_start: due0
		});
		expect(first.data).toBe(expected1);
		expect(Date.parse(first.data as string) - Date.parse(due0)).toBeGreaterThanOrEqual(
			30 * 86_400_000
		);
		// Complex allows one extension only; especially complex a second one.
		expect(await refusalOf(extend(headHN1, 'complex'))).toBe('extension_limit');
		const second = await extend(headHN1, 'especially_complex');
		expect(second.error).toBeNull();
		expect((second.data as string) > (first.data as string)).toBe(true);
		expect(await refusalOf(extend(headHN1, 'especially_complex'))).toBe('extension_limit');

		const { data: row } = await headHN1
			.from('complaints')
			.select('resolve_due, extensions')
			.eq('id', id)
			.single();
		expect(row).toEqual({ resolve_due: second.data, extensions: 2 });
		const { data: audit } = await service
			.from('audit_events')
			.select('action, note')
			.eq('entity_id', id)
			.eq('action', 'extend_deadline');
		expect(audit!.length).toBe(2);
		// The reason may name the people denounced: an internal note, never an audit row.
		expect(audit!.map((a) => a.note)).toEqual([null, null]);
		const { data: notes } = await headHN1
			.from('complaint_notes')
			.select('body')
			.eq('complaint_id', id);
		expect(notes!.filter((n) => n.body.includes('phức tạp'))).toHaveLength(2);
		// The citizen sees the new date, not the reason.
		const view = (await anon.rpc('get_complaint_by_code', { code: r.code, secret: r.secret }))
			.data as { resolve_due: string; events: { event: string; data: { resolve_due?: string } }[] };
		expect(view.resolve_due).toBe(second.data);
		const ext = view.events.filter((e) => e.event === 'extended');
		expect(ext.map((e) => e.data.resolve_due)).toEqual([first.data, second.data]);
		expect(JSON.stringify(view)).not.toContain('cần xác minh thêm');
	});

	it('is refused on a complaint (only denunciations are extended)', async () => {
		const r = await file();
		const id = await idOf(r.code);
		await officerHN1.rpc('accept_complaint', { p_id: id });
		const res = await headHN1.rpc('extend_denunciation_deadline', {
			p_id: id,
			p_complexity: 'complex',
			p_reason: 'Vụ việc phức tạp, cần xác minh thêm'
		});
		expect(code(res.error)).toBe('not_a_denunciation');
	});
});

describe('second-instance appeal online (khiếu nại lần hai)', () => {
	const reasons =
		'Tôi không đồng ý với quyết định giải quyết lần đầu vì tài sản kê biên là của tôi.';
	const appeal = (c: string, s: string, text = reasons) =>
		anon.rpc('appeal_complaint_by_code', { code: c, secret: s, reasons: text });

	it('creates a linked file at the unit above with its own code and second-instance deadlines', async () => {
		const r = await file();
		const id = await idOf(r.code);
		// Not decided yet.
		expect(await refusalOf(appeal(r.code, r.secret))).toBe('invalid_transition');
		await resolveAtHN1(id);
		const before = (await anon.rpc('get_complaint_by_code', { code: r.code, secret: r.secret }))
			.data as { appeal: { open: boolean; due: string; to_unit_name: string } };
		expect(before.appeal.open).toBe(true);
		expect(before.appeal.to_unit_name).toMatch(/Hà Nội/);
		expect(await refusalOf(appeal(r.code, r.secret, 'ngắn quá'))).toBe('invalid_content');

		const res = await appeal(r.code, r.secret);
		expect(res.error).toBeNull();
		const a = (
			res.data as {
				complaint_id: string;
				new_code: string;
				new_secret: string;
				accept_due: string;
				unit_name: string;
			}[]
		)[0]!;
		expect(a.new_code).toMatch(/^KN-/);
		expect(a.new_code).not.toBe(r.code);
		const { data: expectedDue } = await anon.rpc('complaint_deadline', {
			p_kind: 'complaint',
			p_instance: 2,
			p_subject: 'coercion',
			p_purpose: 'accept',
			p_start: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
		});
		expect(a.accept_due).toBe(expectedDue);
		// The provincial head sees it at the province; the khu vực officer does not.
		const { data: row } = await headHN
			.from('complaints')
			.select('unit_id, instance, status, parent_id, content, tracking_code')
			.eq('id', a.complaint_id)
			.single();
		expect(row).toEqual({
			unit_id: HN,
			instance: 2,
			status: 'received',
			parent_id: id,
			content: reasons,
			tracking_code: a.new_code
		});
		expect(
			(await officerHN1.from('complaints').select('id').eq('id', a.complaint_id)).data
		).toEqual([]);
		// The new code shows the second instance, linked to the first code.
		const view = (
			await anon.rpc('get_complaint_by_code', { code: a.new_code, secret: a.new_secret })
		).data as {
			instance: number;
			code: string;
			parent_code: string;
			appeal: null;
			accept_due: string;
		};
		expect(view).toMatchObject({
			instance: 2,
			code: a.new_code,
			parent_code: r.code,
			appeal: null,
			accept_due: expectedDue
		});
		// Once only, whichever path; and the staff path is the same one.
		expect(await refusalOf(appeal(r.code, r.secret))).toBe('already_reopened');
		expect(await refusalOf(officerHN1.rpc('reopen_complaint_second_instance', { p_id: id }))).toBe(
			'already_reopened'
		);
		// A second-instance code cannot be appealed again online.
		expect(await refusalOf(appeal(a.new_code, a.new_secret))).toBe('invalid_transition');
		const { data: audit } = await service
			.from('audit_events')
			.select('action')
			.eq('entity_id', a.complaint_id);
		expect(audit!.map((x) => x.action)).toContain('appeal_online');
	});

	it('sent twice with the same draft key, answers the first appeal again (a lost reply loses nothing)', async () => {
		const r = await file();
		const id = await idOf(r.code);
		await resolveAtHN1(id);
		const key = randomUUID();
		const send = (k: string) =>
			anon.rpc('appeal_complaint_by_code', {
				code: r.code,
				secret: r.secret,
				reasons,
				draft_key: k
			});
		const first = await send(key);
		expect(first.error).toBeNull();
		const again = await send(key);
		expect(again.error).toBeNull();
		type Row = { complaint_id: string; new_code: string; new_secret: string };
		const [a] = first.data as Row[];
		const [b] = again.data as Row[];
		expect(b).toEqual(a);
		const { data: children } = await service.from('complaints').select('id').eq('parent_id', id);
		expect(children).toHaveLength(1);
		// The replay is only for the same form: another key is a second appeal, refused.
		expect(await refusalOf(send(randomUUID()))).toBe('already_reopened');
		// And only with the first code's secret.
		const wrong = await anon.rpc('appeal_complaint_by_code', {
			code: r.code,
			secret: 'AAAAAAAA',
			reasons,
			draft_key: key
		});
		expect(wrong.data).toEqual([]);
	});

	it('is refused for a denunciation and after the window (15 days from the decision)', async () => {
		const d = await file({ kind: 'denunciation' });
		const did = await idOf(d.code);
		await officerHN1.rpc('accept_complaint', { p_id: did });
		expect(await refusalOf(appeal(d.code, d.secret))).toBe('not_a_complaint');

		const r = await file();
		const id = await idOf(r.code);
		await resolveAtHN1(id, 'upheld');
		// The decision was 40 days ago.
		await service
			.from('complaints')
			.update({ resolved_at: new Date(Date.now() - 40 * 86_400_000).toISOString() })
			.eq('id', id);
		const view = (await anon.rpc('get_complaint_by_code', { code: r.code, secret: r.secret }))
			.data as { appeal: { open: boolean; due: string } };
		expect(view.appeal.open).toBe(false);
		expect(await refusalOf(appeal(r.code, r.secret))).toBe('appeal_window_passed');
		// Officers may still register an appeal received in time on paper (no window check).
		const staff = await officerHN1.rpc('reopen_complaint_second_instance', {
			p_id: id,
			p_note: 'Đơn giấy nhận đúng hạn'
		});
		expect(staff.error).toBeNull();
	});
});
