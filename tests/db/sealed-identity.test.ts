/**
 * The denouncer's sealed identity, attacked by insiders (issue 12, items 1, 3, 4, 5 and 6).
 *
 * Each test is named after the attack it stops. Protection is a property of the file fixed when
 * it is filed (`complaints.identity_sealed`), not of its current kind; reads of parties go through
 * functions that log; a denounced officer can be excluded from the file; the reception desk keeps
 * no identity of a denouncer.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, createTestUser, serviceClient, signIn, refusalOf } from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const OFFICER_HN1 = '00000000-0000-4000-b000-000000000012';
const DENOUNCER = 'Phan Thị Tố Giác';

const randomDigits = (n: number) =>
	Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const randomPhone = () => `09${randomDigits(8)}`;

let anon: SupabaseClient;
let service: SupabaseClient;
let officerHN1: SupabaseClient;
let headHN1: SupabaseClient;
let receptionHN1: SupabaseClient;
let procedureHN1: SupabaseClient;

const code = (e: { code?: string; message?: string } | null) =>
	e?.code === 'P0001' ? e.message : e?.code;

async function file(kind: 'complaint' | 'denunciation' = 'denunciation') {
	const { data, error } = await anon.rpc('submit_complaint', {
		idempotency_key: randomUUID(),
		payload: {
			kind,
			subject: 'before_measure',
			unit_id: HN_KV1,
			consent: true,
			content: 'Chấp hành viên Lê Minh Tuấn nhận tiền của người phải thi hành án để trì hoãn.',
			request: 'Xem xét, xử lý sai phạm',
			filer: {
				full_name: DENOUNCER,
				cccd: `0010${randomDigits(8)}`,
				phone: randomPhone(),
				province: 'Hà Nội',
				ward: 'Phường Hoàn Kiếm'
			}
		}
	});
	expect(error).toBeNull();
	const r = (data as { code: string; secret: string; complaint_id: string }[])[0]!;
	return { id: r.complaint_id, code: r.code, secret: r.secret };
}

/** A file of this complaint, as the app's upload would store it (service role). */
async function attach(id: string) {
	const { data, error } = await service
		.from('attachments')
		.insert({
			owner_kind: 'complaint',
			owner_id: id,
			unit_id: HN_KV1,
			path: `complaint/test/${randomUUID()}.jpg`,
			file_name: 'anh-cccd.jpg',
			mime_type: 'image/jpeg',
			size_bytes: 100
		})
		.select('id')
		.single();
	expect(error).toBeNull();
	return data!.id as string;
}

const partiesOf = async (who: SupabaseClient, id: string) =>
	(await who.from('complaint_parties').select('full_name').eq('complaint_id', id)).data;

beforeAll(async () => {
	anon = anonClient();
	service = serviceClient();
	[officerHN1, headHN1, receptionHN1, procedureHN1] = await Promise.all([
		signIn('khieunai.hn1@thads.local'),
		signIn('truongphong.hn1@thads.local'),
		signIn('tiepdan.hn1@thads.local'),
		signIn('motcua.hn1@thads.local')
	]);
});

describe('a denunciation stays sealed whatever its kind becomes', () => {
	it('an officer re-classifying a received denunciation as a complaint is refused and reads no identity', async () => {
		const d = await file();
		const fileId = await attach(d.id);
		const res = await officerHN1.rpc('classify_complaint', {
			p_id: d.id,
			p_kind: 'complaint',
			p_subject: 'before_measure',
			p_in_competence: true
		});
		expect(code(res.error)).toBe('not_allowed');
		expect(await partiesOf(officerHN1, d.id)).toEqual([]);
		expect(await refusalOf(officerHN1.rpc('get_complaint_parties', { p_id: d.id }))).toBe(
			'identity_protected'
		);
		expect((await officerHN1.from('attachments').select('id').eq('id', fileId)).data).toEqual([]);
	});

	it('the unit head may change the kind (audited) and the denouncer stays sealed, through the REST API too', async () => {
		const d = await file();
		const fileId = await attach(d.id);
		const res = await headHN1.rpc('classify_complaint', {
			p_id: d.id,
			p_kind: 'complaint',
			p_subject: 'before_measure',
			p_in_competence: true
		});
		expect(res.error).toBeNull();
		const { data: row } = await service
			.from('complaints')
			.select('kind, identity_sealed')
			.eq('id', d.id)
			.single();
		expect(row).toEqual({ kind: 'complaint', identity_sealed: true });
		const { data: audit } = await service
			.from('audit_events')
			.select('action, before, after')
			.eq('entity_id', d.id)
			.eq('action', 'classify');
		expect(audit).toHaveLength(1);
		expect(audit![0]!.before).toMatchObject({ kind: 'denunciation' });
		expect(audit![0]!.after).toMatchObject({ kind: 'complaint', identity_sealed: true });
		// Every path a colleague could take: table, function, files.
		for (const who of [officerHN1, headHN1, receptionHN1]) {
			expect(await partiesOf(who, d.id)).toEqual([]);
		}
		expect(await refusalOf(officerHN1.rpc('get_complaint_parties', { p_id: d.id }))).toBe(
			'identity_protected'
		);
		expect((await officerHN1.from('attachments').select('id').eq('id', fileId)).data).toEqual([]);
		// The head still reads it, and that read is logged for the citizen and audited.
		const asHead = await headHN1.rpc('get_complaint_parties', { p_id: d.id });
		expect((asHead.data as { full_name: string }[])[0]!.full_name).toBe(DENOUNCER);
		const { count } = await service
			.from('audit_events')
			.select('id', { count: 'exact', head: true })
			.eq('entity_id', d.id)
			.eq('action', 'view_denouncer_identity');
		expect(count).toBe(1);
	});

	it('nobody clears the seal, not even the service role writing the table directly', async () => {
		const d = await file();
		const res = await service.from('complaints').update({ identity_sealed: false }).eq('id', d.id);
		expect(res.error?.message).toBe('identity_seal_permanent');
		const { data } = await service
			.from('complaints')
			.select('identity_sealed')
			.eq('id', d.id)
			.single();
		expect(data).toEqual({ identity_sealed: true });
	});

	it('a complaint re-classified as a denunciation is sealed from then on', async () => {
		const c = await file('complaint');
		expect(await partiesOf(officerHN1, c.id)).toEqual([]);
		const res = await officerHN1.rpc('classify_complaint', {
			p_id: c.id,
			p_kind: 'denunciation',
			p_subject: 'before_measure',
			p_in_competence: true
		});
		expect(res.error).toBeNull();
		const { data } = await service
			.from('complaints')
			.select('identity_sealed')
			.eq('id', c.id)
			.single();
		expect(data).toEqual({ identity_sealed: true });
		expect(await refusalOf(officerHN1.rpc('get_complaint_parties', { p_id: c.id }))).toBe(
			'identity_protected'
		);
	});
});

describe('only complaint staff read or log a file', () => {
	it("a reception officer cannot read a filer's identity through get_complaint_parties", async () => {
		const c = await file('complaint');
		const res = await receptionHN1.rpc('get_complaint_parties', { p_id: c.id });
		expect(code(res.error)).toBe('not_allowed');
		expect(res.data).toBeNull();
	});

	it('a one-stop officer cannot read identities nor forge "who opened my file" rows', async () => {
		const c = await file('complaint');
		expect(await refusalOf(procedureHN1.rpc('get_complaint_parties', { p_id: c.id }))).toBe(
			'not_allowed'
		);
		expect(await refusalOf(procedureHN1.rpc('log_complaint_access', { p_id: c.id }))).toBe(
			'not_allowed'
		);
		const { count } = await service
			.from('complaint_access_log')
			.select('id', { count: 'exact', head: true })
			.eq('complaint_id', c.id);
		expect(count).toBe(0);
	});
});

describe('assignment of a denunciation and conflicts of interest', () => {
	it('a complaint officer cannot assign a denunciation to themself', async () => {
		const d = await file();
		const res = await officerHN1.rpc('assign_complaint', { p_id: d.id, p_officer: OFFICER_HN1 });
		expect(code(res.error)).toBe('not_allowed');
		expect(await refusalOf(officerHN1.rpc('get_complaint_parties', { p_id: d.id }))).toBe(
			'identity_protected'
		);
	});

	it('a complaint officer accepting a denunciation does not become its assignee', async () => {
		const d = await file();
		expect((await officerHN1.rpc('accept_complaint', { p_id: d.id })).error).toBeNull();
		const { data } = await service
			.from('complaints')
			.select('status, assigned_to')
			.eq('id', d.id)
			.single();
		expect(data).toEqual({ status: 'accepted', assigned_to: null });
		expect(await refusalOf(officerHN1.rpc('get_complaint_parties', { p_id: d.id }))).toBe(
			'identity_protected'
		);
	});

	it('a denounced officer, once excluded, is unassigned and can neither be re-assigned nor read or act on the file', async () => {
		// A complaint officer of HN-KV1 of this test's own (the demo officer's files stay untouched).
		const denounced = await createTestUser();
		const { error: staffError } = await service.from('staff').insert({
			user_id: denounced.id,
			unit_id: HN_KV1,
			roles: ['complaint_officer'],
			full_name: 'Cán bộ Bị Tố Cáo',
			email: denounced.email
		});
		expect(staffError).toBeNull();
		const OFFICER = denounced.id;
		const officer = denounced.client;
		const d = await file();
		const fileId = await attach(d.id);
		expect(
			(await headHN1.rpc('assign_complaint', { p_id: d.id, p_officer: OFFICER })).error
		).toBeNull();
		// An officer cannot exclude anyone (nor lift their own exclusion).
		expect(
			await refusalOf(
				officer.rpc('exclude_complaint_officer', {
					p_id: d.id,
					p_officer: OFFICER,
					p_reason: 'Tự khai'
				})
			)
		).toBe('not_allowed');
		const ex = await headHN1.rpc('exclude_complaint_officer', {
			p_id: d.id,
			p_officer: OFFICER,
			p_reason: 'Ông Bị Tố Cáo là người bị tố cáo trong đơn này'
		});
		expect(ex.error).toBeNull();
		const { data: row } = await service
			.from('complaints')
			.select('assigned_to')
			.eq('id', d.id)
			.single();
		expect(row).toEqual({ assigned_to: null });
		expect(
			await refusalOf(headHN1.rpc('assign_complaint', { p_id: d.id, p_officer: OFFICER }))
		).toBe('officer_excluded');
		// Reads: the file vanishes for them, and every function refuses.
		expect((await officer.from('complaints').select('id').eq('id', d.id)).data).toEqual([]);
		expect(
			(await officer.from('complaint_events').select('id').eq('complaint_id', d.id)).data
		).toEqual([]);
		expect(
			(await officer.from('complaint_notes').select('id').eq('complaint_id', d.id)).data
		).toEqual([]);
		expect((await officer.from('attachments').select('id').eq('id', fileId)).data).toEqual([]);
		for (const fn of ['get_complaint_parties', 'log_complaint_access', 'accept_complaint']) {
			expect(await refusalOf(officer.rpc(fn, { p_id: d.id })), fn).toBe('conflict_of_interest');
		}
		// The reason may name the denounced officer: it is a note for the head, not an audit row.
		const { data: audit } = await service
			.from('audit_events')
			.select('note, after')
			.eq('entity_id', d.id)
			.eq('action', 'exclude_officer');
		expect(audit).toEqual([{ note: null, after: { officer: OFFICER } }]);
		const { data: notes } = await headHN1
			.from('complaint_notes')
			.select('body')
			.eq('complaint_id', d.id);
		expect(notes!.map((n) => n.body).join('\n')).toContain('Ông Bị Tố Cáo');
		// Only the head of the unit sees who is excluded.
		expect(
			(await headHN1.from('complaint_exclusions').select('officer_id').eq('complaint_id', d.id))
				.data
		).toEqual([{ officer_id: OFFICER }]);
		expect(
			(await officer.from('complaint_exclusions').select('officer_id').eq('complaint_id', d.id))
				.data
		).toEqual([]);
	});
});

describe('"who opened my file" is enforced by the database', () => {
	it("a complaint officer selecting complaint_parties gets nothing: a filer's identity is read only through a function that logs", async () => {
		const c = await file('complaint');
		expect(await partiesOf(officerHN1, c.id)).toEqual([]);
		const res = await officerHN1.rpc('get_complaint_parties', { p_id: c.id });
		expect((res.data as { full_name: string }[])[0]!.full_name).toBe(DENOUNCER);
		const { data: log } = await service
			.from('complaint_access_log')
			.select('user_id, what')
			.eq('complaint_id', c.id);
		expect(log).toEqual([{ user_id: OFFICER_HN1, what: 'file' }]);
	});

	it('reception and one-stop staff of the unit cannot read the audit trail of its complaints', async () => {
		const c = await file('complaint');
		expect((await officerHN1.rpc('log_complaint_access', { p_id: c.id })).error).toBeNull();
		expect(
			(
				await officerHN1.rpc('request_complaint_info', {
					p_id: c.id,
					p_message: 'Đề nghị bổ sung quyết định'
				})
			).error
		).toBeNull();
		const read = (who: SupabaseClient) =>
			who.from('audit_events').select('id').eq('entity_type', 'complaint').eq('entity_id', c.id);
		expect((await read(officerHN1)).data!.length).toBeGreaterThan(0);
		expect((await read(headHN1)).data!.length).toBeGreaterThan(0);
		expect((await read(receptionHN1)).data).toEqual([]);
		expect((await read(procedureHN1)).data).toEqual([]);
	});

	it('a return reason naming the denounced person lives in the internal notes, not in an audit row', async () => {
		const c = await file('complaint');
		const reason = 'Nội dung tố cáo ông Lê Minh Tuấn đã được giải quyết bằng văn bản trước đây.';
		expect(
			(await officerHN1.rpc('return_complaint', { p_id: c.id, p_reason: reason })).error
		).toBeNull();
		const { data: audit } = await service
			.from('audit_events')
			.select('note')
			.eq('entity_id', c.id)
			.eq('action', 'return');
		expect(audit).toEqual([{ note: null }]);
		const { data: notes } = await service
			.from('complaint_notes')
			.select('body')
			.eq('complaint_id', c.id);
		expect(notes).toEqual([{ body: reason }]);
	});
});

describe('denunciations at the reception desk', () => {
	async function walkIn(topic: string, name: string, cccd: string) {
		const w = await receptionHN1.rpc('add_walk_in', {
			payload: { full_name: name, cccd, phone: randomPhone(), topic, address: 'Số 5 ngõ Tố Giác' }
		});
		expect(w.error).toBeNull();
		return w.data.id as string;
	}

	it('a denunciation taken at the desk leaves no identity in the reception record, its booking or its export', async () => {
		const name = 'Vũ Văn Tố Giác';
		const cccd = `0019${randomDigits(8)}`;
		const bookingId = await walkIn('to_cao', name, cccd);
		const rec = await receptionHN1.rpc('record_reception_visit', {
			p_booking_id: bookingId,
			payload: {
				content: `Tôi, ${name}, tố cáo chấp hành viên nhận hối lộ trong vụ việc 12/QĐ-THADS.`,
				outcome: 'nhan_don',
				petition_request: 'Xử lý chấp hành viên vi phạm',
				province: 'Hà Nội',
				ward: 'Phường Hoàn Kiếm',
				consent: true
			}
		});
		expect(rec.error).toBeNull();
		// The officer hands the code and secret over once; the citizen can track with them.
		expect(rec.data.complaint_code).toMatch(/^TC-/); // a denunciation has its own prefix (18.6)
		expect(rec.data.complaint_secret).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
		const view = await anon.rpc('get_complaint_by_code', {
			code: rec.data.complaint_code,
			secret: rec.data.complaint_secret
		});
		expect(view.data?.kind).toBe('denunciation');
		// What every reception officer (and the so.csv export, which reads these rows) sees.
		const { data: visit } = await receptionHN1
			.from('reception_visits')
			.select('*')
			.eq('id', rec.data.visit_id)
			.single();
		expect(visit).toMatchObject({
			topic: 'to_cao',
			identity_sealed: true,
			visitor_name: null,
			visitor_cccd: null,
			visitor_phone: null,
			visitor_address: null,
			complaint_code: null
		});
		const { data: booking } = await receptionHN1
			.from('bookings')
			.select('*')
			.eq('id', bookingId)
			.single();
		for (const row of [visit, booking]) {
			const text = JSON.stringify(row);
			expect(text).not.toContain(name);
			expect(text).not.toContain(cccd);
			expect(text).not.toContain('Tố Giác');
		}
		// The identity is in the sealed complaint file, for its head.
		const { data: complaint } = await service
			.from('complaints')
			.select('identity_sealed')
			.eq('id', rec.data.complaint_id)
			.single();
		expect(complaint).toEqual({ identity_sealed: true });
		const asHead = await headHN1.rpc('get_complaint_parties', { p_id: rec.data.complaint_id });
		expect((asHead.data as { full_name: string }[])[0]!.full_name).toBe(name);
	});

	it('a denouncer turned away at the desk is sealed too: only the unit head reads who it was, audited', async () => {
		const name = 'Đinh Thị Bí Mật';
		const bookingId = await walkIn('to_cao', name, `0018${randomDigits(8)}`);
		const rec = await receptionHN1.rpc('record_reception_visit', {
			p_booking_id: bookingId,
			payload: {
				content: 'Tố cáo việc không thuộc thẩm quyền',
				outcome: 'huong_dan'
			}
		});
		expect(rec.error).toBeNull();
		const { data: visit } = await receptionHN1
			.from('reception_visits')
			.select('*')
			.eq('id', rec.data.visit_id)
			.single();
		expect(JSON.stringify(visit)).not.toContain(name);
		expect(
			code(
				(await receptionHN1.rpc('get_sealed_reception_visitor', { p_visit_id: rec.data.visit_id }))
					.error
			)
		).toBe('not_allowed');
		const asHead = await headHN1.rpc('get_sealed_reception_visitor', {
			p_visit_id: rec.data.visit_id
		});
		expect(asHead.error).toBeNull();
		expect(asHead.data).toMatchObject({ full_name: name });
		const { count } = await service
			.from('audit_events')
			.select('id', { count: 'exact', head: true })
			.eq('entity_id', rec.data.visit_id)
			.eq('action', 'view_sealed_visitor');
		expect(count).toBe(1);
	});

	it('a petition registered at the desk gives the citizen its secret', async () => {
		const bookingId = await walkIn('khieu_nai', 'Hoàng Văn Khiếu', `0017${randomDigits(8)}`);
		const rec = await receptionHN1.rpc('record_reception_visit', {
			p_booking_id: bookingId,
			payload: {
				content: 'Khiếu nại quyết định cưỡng chế kê biên tài sản số 12/QĐ-THADS',
				outcome: 'nhan_don',
				petition_request: 'Hủy quyết định cưỡng chế',
				consent: true
			}
		});
		expect(rec.error).toBeNull();
		expect(rec.data.complaint_secret).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
		const view = await anon.rpc('get_complaint_by_code', {
			code: rec.data.complaint_code,
			secret: rec.data.complaint_secret
		});
		expect(view.data?.code).toBe(rec.data.complaint_code);
	});
});
