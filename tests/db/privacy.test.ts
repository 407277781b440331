/**
 * Personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; issue 12 item 13) through the real API:
 * consent stored for every filing, the retention schedule and its job, the citizen's copy of their
 * data and erasure request (code + secret), and "who opened my file" for applications and bookings.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, isStandIn, serviceClient, signIn, sql, draftAttachment } from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const PROC = 'xac-nhan-ket-qua-thi-hanh-an';

let service: SupabaseClient;
let phoneSeq = 0;
/** A fresh mobile number per filing (filings are rate-limited per phone). */
const phone = () =>
	`08${String(Date.now() % 1e4).padStart(4, '0')}${String(phoneSeq++ % 1e4).padStart(4, '0')}`;

const code = (e: { code?: string; message?: string } | null) =>
	e?.code === 'P0001' ? e.message : (e?.code ?? null);

function complaintPayload(over: Record<string, unknown> = {}) {
	return {
		kind: 'complaint',
		subject: 'coercion',
		unit_id: HN_KV1,
		consent: true,
		content: 'Chấp hành viên kê biên nhầm tài sản của tôi, không phải của người phải thi hành án.',
		request: 'Hủy quyết định kê biên',
		filer: {
			full_name: 'Phạm Thị Riêng',
			cccd: '001199004321',
			phone: phone(),
			email: 'rieng@example.test',
			province: 'Hà Nội',
			ward: 'Phường Hoàn Kiếm',
			address_line: 'Số 9 phố Riêng'
		},
		...over
	};
}

async function fileComplaint(over: Record<string, unknown> = {}) {
	const { data, error } = await anonClient().rpc('submit_complaint', {
		payload: complaintPayload(over),
		idempotency_key: randomUUID()
	});
	expect(error).toBeNull();
	return (data as { code: string; secret: string; complaint_id: string }[])[0]!;
}

/** The first bookable slot of HN-KV1 from tomorrow on (the demo unit has a weekly schedule). */
async function freeSlot(): Promise<string> {
	const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
	const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
	const { data, error } = await anonClient().rpc('list_reception_slots', {
		p_unit_id: HN_KV1,
		p_from: from,
		p_to: to
	});
	if (error) throw error;
	const slot = (data as { starts_at: string; places_left: number }[]).find(
		(s) => s.places_left > 0
	);
	if (!slot) throw new Error('no free slot at HN-KV1');
	return slot.starts_at;
}

async function book(over: Record<string, unknown> = {}) {
	return anonClient().rpc('book_reception', {
		payload: {
			unit_id: HN_KV1,
			starts_at: await freeSlot(),
			full_name: 'Lê Văn Hẹn',
			phone: phone(),
			cccd: '001088001111',
			address: 'Số 3 ngõ Hẹn',
			people_count: 1,
			topic: 'hoi_vu_viec',
			consent: true,
			...over
		},
		idempotency_key: randomUUID()
	});
}

async function fileApplication(over: Record<string, unknown> = {}) {
	const key = randomUUID();
	const draft = (name: string) => draftAttachment(key, name, service);
	const { data, error } = await anonClient()
		.rpc('submit_application', {
			payload: {
				procedure_code: PROC,
				unit_id: HN_KV1,
				consent: true,
				applicant: { name: 'Trần Thị Hồ Sơ', phone: phone(), cccd: '001077002222' },
				answers: { so_quyet_dinh_tha: '12/QĐ-THADS', tu_cach: 'duoc_thi_hanh' },
				documents: [
					{ attachment_id: await draft('don.pdf'), document_key: 'don_de_nghi' },
					{ attachment_id: await draft('cccd.pdf'), document_key: 'giay_to_tuy_than' }
				],
				...over
			},
			idempotency_key: key
		})
		.single<{ application_id: string; code: string; secret: string }>();
	if (error) throw error;
	return data!;
}

async function consentsOf(kind: string, id: string) {
	const { data, error } = await service
		.from('personal_data_consents')
		.select(
			'record_kind, record_id, unit_id, purpose, notice_version, method, given_at, recorded_by'
		)
		.eq('record_kind', kind)
		.eq('record_id', id);
	if (error) throw error;
	return data;
}

async function currentNotice(): Promise<string> {
	const { data, error } = await anonClient()
		.from('privacy_notices')
		.select('version')
		.eq('is_current', true)
		.single();
	if (error) throw error;
	return data.version as string;
}

beforeAll(() => {
	service = serviceClient();
});

describe('consent', () => {
	it('a complaint without consent is refused with a coded error and nothing is filed', async () => {
		const { error } = await anonClient().rpc('submit_complaint', {
			payload: complaintPayload({ consent: false }),
			idempotency_key: randomUUID()
		});
		expect(code(error)).toBe('invalid_consent');
	});

	it('a complaint filed online stores its consent: purpose, version of the notice, time, method', async () => {
		const version = await currentNotice();
		const before = Date.now();
		const r = await fileComplaint();
		const rows = await consentsOf('complaint', r.complaint_id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			purpose: 'complaint_handling',
			notice_version: version,
			method: 'online_form',
			unit_id: HN_KV1
		});
		expect(Date.parse(rows[0]!.given_at)).toBeGreaterThanOrEqual(before - 5000);
	});

	it('the version of the notice the citizen saw is kept when it is a known one', async () => {
		const r = await fileComplaint({ notice_version: '2026-11-26' });
		expect((await consentsOf('complaint', r.complaint_id))[0]!.notice_version).toBe('2026-11-26');
		const r2 = await fileComplaint({ notice_version: 'made-up' });
		expect((await consentsOf('complaint', r2.complaint_id))[0]!.notice_version).toBe(
			await currentNotice()
		);
	});

	it('a booking without consent is refused; with consent it is stored', async () => {
		const refused = await book({ consent: false });
		expect(code(refused.error)).toBe('consent_required');
		const { data, error } = await book();
		expect(error).toBeNull();
		const id = (data as { booking_id: string }).booking_id;
		const rows = await consentsOf('booking', id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ purpose: 'reception_booking', method: 'online_form' });
	});

	it('an application filed online stores its consent the same way', async () => {
		const a = await fileApplication();
		const rows = await consentsOf('application', a.application_id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ purpose: 'application_processing', method: 'online_form' });
	});

	it('a petition recorded at the desk stores the consent as given orally, with the officer', async () => {
		const reception = await signIn('tiepdan.hn1@thads.local');
		const { data, error } = await reception.rpc('submit_complaint', {
			payload: complaintPayload(),
			idempotency_key: randomUUID()
		});
		expect(error).toBeNull();
		const id = (data as { complaint_id: string }[])[0]!.complaint_id;
		const rows = await consentsOf('complaint', id);
		expect(rows[0]).toMatchObject({ method: 'oral_at_desk' });
	});

	it('a walk-in whose oral consent the officer ticked has it on record, with the officer; unticked, none is claimed', async () => {
		const reception = await signIn('tiepdan.hn1@thads.local');
		const agreed = await reception.rpc('add_walk_in', {
			payload: { full_name: 'Người đến đồng ý', topic: 'hoi_vu_viec', consent_oral: true }
		});
		expect(agreed.error).toBeNull();
		const rows = await consentsOf('booking', (agreed.data as { id: string }).id);
		expect(rows).toHaveLength(1);
		const officer = (await reception.auth.getUser()).data.user!.id;
		expect(rows[0]).toMatchObject({
			method: 'oral_at_desk',
			purpose: 'reception_booking',
			recorded_by: officer
		});
		const silent = await reception.rpc('add_walk_in', {
			payload: { full_name: 'Người đến chưa hỏi', topic: 'hoi_vu_viec' }
		});
		expect(silent.error).toBeNull();
		expect(await consentsOf('booking', (silent.data as { id: string }).id)).toHaveLength(0);
	});

	it('citizens cannot read consent records; staff read those of their units', async () => {
		const r = await fileComplaint();
		const anon = await anonClient()
			.from('personal_data_consents')
			.select('id')
			.eq('record_id', r.complaint_id);
		expect(anon.data ?? []).toHaveLength(0);
		const officer = await signIn('khieunai.hn1@thads.local');
		const mine = await officer
			.from('personal_data_consents')
			.select('id')
			.eq('record_id', r.complaint_id);
		expect(mine.error).toBeNull();
		expect(mine.data).toHaveLength(1);
		const other = await signIn('khieunai.gl1@thads.local');
		const theirs = await other
			.from('personal_data_consents')
			.select('id')
			.eq('record_id', r.complaint_id);
		expect(theirs.data ?? []).toHaveLength(0);
	});
});

/** Confirms (or un-confirms) a retention rule as an admin would. */
async function confirmRule(kind: string, status: string, confirmed: boolean) {
	const { error } = await service
		.from('retention_rules')
		.update({ is_confirmed: confirmed })
		.eq('record_kind', kind)
		.eq('closed_status', status);
	if (error) throw error;
}

async function applyRetention() {
	const { data, error } = await service.rpc('apply_retention', {});
	if (error) throw error;
	return data as {
		record_kind: string;
		closed_status: string;
		confirmed: boolean;
		done: number;
		waiting: number;
	}[];
}

async function auditOf(kind: string, id: string) {
	const { data, error } = await service
		.from('audit_events')
		.select('action, after')
		.eq('entity_type', kind)
		.eq('entity_id', id);
	if (error) throw error;
	return data as { action: string; after: Record<string, unknown> }[];
}

/** A complaint attachment row (metadata; the object itself is the app job's business). */
async function attach(kind: string, id: string) {
	const path = `${kind}/${id}/${randomUUID()}.pdf`;
	const { error } = await service.from('attachments').insert({
		owner_kind: kind,
		owner_id: id,
		unit_id: HN_KV1,
		path,
		file_name: 'cccd.pdf',
		mime_type: 'application/pdf',
		size_bytes: 100
	});
	if (error) throw error;
	return path;
}

describe.runIf(isStandIn())('retention schedule', () => {
	it('is data: every rule has a period, a legal basis and an action, and none is confirmed yet', async () => {
		const { data, error } = await anonClient()
			.from('retention_rules')
			.select('record_kind, closed_status, retention_months, legal_basis, action, is_confirmed');
		expect(error).toBeNull();
		expect(data!.length).toBeGreaterThanOrEqual(9);
		for (const r of data!) {
			expect(r.retention_months).toBeGreaterThan(0);
			expect(r.legal_basis.length).toBeGreaterThan(10);
			expect(['anonymise', 'delete']).toContain(r.action);
			expect(r.is_confirmed).toBe(false);
		}
		const kinds = new Set(data!.map((r) => r.record_kind));
		expect([...kinds].sort()).toEqual(['application', 'booking', 'complaint', 'notification']);
		// Citizens and staff other than admins cannot change it.
		const officer = await signIn('khieunai.hn1@thads.local');
		await officer
			.from('retention_rules')
			.update({ is_confirmed: true })
			.eq('record_kind', 'complaint');
		const again = await service
			.from('retention_rules')
			.select('is_confirmed')
			.eq('is_confirmed', true);
		expect(again.data).toHaveLength(0);
	});

	it('a closed complaint past an UNCONFIRMED period is only counted, never touched', async () => {
		const r = await fileComplaint();
		await sql(
			`update public.complaints set status = 'withdrawn', closed_at = now() - interval '61 months' where id = $1`,
			[r.complaint_id]
		);
		const report = await applyRetention();
		const rule = report.find(
			(x) => x.record_kind === 'complaint' && x.closed_status === 'withdrawn'
		);
		expect(rule).toMatchObject({ confirmed: false, done: 0 });
		expect(rule!.waiting).toBeGreaterThanOrEqual(1);
		const [party] = await sql<{ full_name: string }>(
			`select full_name from public.complaint_parties where complaint_id = $1`,
			[r.complaint_id]
		);
		expect(party!.full_name).toBe('Phạm Thị Riêng');
	});

	it('a confirmed period anonymises the complaint once: names, CCCD, phone, address, e-mail, texts, files; audited', async () => {
		const r = await fileComplaint();
		const path = await attach('complaint', r.complaint_id);
		await sql(
			`update public.complaints set status = 'withdrawn', closed_at = now() - interval '61 months' where id = $1`,
			[r.complaint_id]
		);
		await confirmRule('complaint', 'withdrawn', true);
		try {
			// Two runners at once: each file is taken by one of them.
			await Promise.all([applyRetention(), applyRetention()]);
			await applyRetention();
		} finally {
			await confirmRule('complaint', 'withdrawn', false);
		}
		const [party] = await sql<Record<string, string | null>>(
			`select full_name, cccd, phone, email, province, ward, address_line
			   from public.complaint_parties where complaint_id = $1`,
			[r.complaint_id]
		);
		expect(party).toEqual({
			full_name: 'Đã ẩn danh',
			cccd: null,
			phone: null,
			email: null,
			province: null,
			ward: null,
			address_line: null
		});
		const [c] = await sql<{ content: string; status: string; erased: boolean }>(
			`select content, status, personal_data_erased_at is not null as erased from public.complaints where id = $1`,
			[r.complaint_id]
		);
		expect(c).toMatchObject({ status: 'withdrawn', erased: true });
		expect(c!.content).not.toContain('kê biên');
		const files = await service.from('attachments').select('id').eq('owner_id', r.complaint_id);
		expect(files.data).toHaveLength(0);
		const queued = await service.rpc('list_storage_deletions', { p_limit: 1000 });
		expect((queued.data as { path: string }[]).map((q) => q.path)).toContain(path);
		const audit = (await auditOf('complaint', r.complaint_id)).filter(
			(a) => a.action === 'personal_data_anonymised'
		);
		expect(audit).toHaveLength(1);
		expect(JSON.stringify(audit[0])).not.toContain('Riêng');
		// The consent evidence stays (it holds no personal data).
		expect(await consentsOf('complaint', r.complaint_id)).toHaveLength(1);
	});

	it('a cancelled booking past a confirmed period is deleted with its code and consent', async () => {
		const { data } = await book();
		const b = data as { booking_id: string; code: string; secret: string };
		const cancel = await anonClient().rpc('cancel_booking_by_code', {
			p_code: b.code,
			p_secret: b.secret
		});
		expect(cancel.error).toBeNull();
		await sql(
			`update public.bookings set cancelled_at = now() - interval '4 months' where id = $1`,
			[b.booking_id]
		);
		await confirmRule('booking', 'cancelled', true);
		try {
			await applyRetention();
		} finally {
			await confirmRule('booking', 'cancelled', false);
		}
		expect(await sql(`select 1 from public.bookings where id = $1`, [b.booking_id])).toHaveLength(
			0
		);
		expect(
			await sql(`select 1 from public.tracking_codes where ref_id = $1`, [b.booking_id])
		).toHaveLength(0);
		expect(await consentsOf('booking', b.booking_id)).toHaveLength(0);
		expect((await auditOf('booking', b.booking_id)).map((a) => a.action)).toContain(
			'personal_data_deleted'
		);
	});

	it('a returned application past a confirmed period loses its applicant data and ID-card files', async () => {
		const a = await fileApplication();
		await sql(
			`update public.applications set status = 'returned', returned_at = now() - interval '61 months' where id = $1`,
			[a.application_id]
		);
		await confirmRule('application', 'returned', true);
		try {
			await applyRetention();
		} finally {
			await confirmRule('application', 'returned', false);
		}
		const [row] = await sql<Record<string, unknown>>(
			`select applicant_name, applicant_cccd, applicant_email, applicant_address, answers
			   from public.applications where id = $1`,
			[a.application_id]
		);
		expect(row).toEqual({
			applicant_name: 'Đã ẩn danh',
			applicant_cccd: null,
			applicant_email: null,
			applicant_address: null,
			answers: {}
		});
		const files = await service.from('attachments').select('id').eq('owner_id', a.application_id);
		expect(files.data).toHaveLength(0);
	});

	it('the job entry points are for the service role only', async () => {
		const anon = await anonClient().rpc('apply_retention', {});
		expect(anon.error?.code).toBe('42501');
		const officer = await signIn('motcua.hn1@thads.local');
		expect((await officer.rpc('apply_retention', {})).error?.code).toBe('42501');
		expect((await officer.rpc('list_storage_deletions', {})).error?.code).toBe('42501');
	});
});

type MyData = {
	kind: string;
	code: string;
	record: Record<string, unknown>;
	people: Record<string, unknown>[];
	events: Record<string, unknown>[];
	attachments: { file_name: string }[];
	access_log: { unit: string; role: string; what: string }[];
	consents: { purpose: string }[];
	retention: { retention_months: number } | null;
};

describe.runIf(isStandIn())(
	'the citizen’s copy of their data and erasure request (code + secret)',
	() => {
		it('a complaint’s copy holds the filer’s data, visible events, files, consent and who opened it', async () => {
			const r = await fileComplaint();
			await attach('complaint', r.complaint_id);
			const officer = await signIn('khieunai.hn1@thads.local');
			expect(
				(await officer.rpc('log_complaint_access', { p_id: r.complaint_id })).error
			).toBeNull();
			const { data, error } = await anonClient().rpc('get_my_data_by_code', {
				code: r.code,
				secret: r.secret
			});
			expect(error).toBeNull();
			const d = data as MyData;
			expect(d.kind).toBe('complaint');
			expect(d.code).toBe(r.code);
			expect(d.people[0]).toMatchObject({
				role: 'filer',
				full_name: 'Phạm Thị Riêng',
				cccd: '001199004321'
			});
			expect(d.events.map((e) => e.event)).toContain('submitted');
			expect(d.attachments.map((a) => a.file_name)).toEqual(['cccd.pdf']);
			expect(d.consents[0]).toMatchObject({ purpose: 'complaint_handling' });
			expect(d.access_log[0]).toMatchObject({ role: 'complaint_officer', what: 'file' });
			expect(JSON.stringify(d)).not.toContain('Cán bộ');
		});

		it('a wrong secret gets nothing and is counted like any other code lookup', async () => {
			const r = await fileComplaint();
			const address = '198.18.77.' + String(1 + (Date.now() % 250));
			const client = anonClient({ address });
			for (let i = 0; i < 5; i++) {
				const { data } = await client.rpc('get_my_data_by_code', {
					code: r.code,
					secret: 'AAAAAAAA'
				});
				expect(data).toBeNull();
			}
			// Locked for this client now, even with the right secret.
			const locked = await client.rpc('get_my_data_by_code', { code: r.code, secret: r.secret });
			expect(locked.data).toBeNull();
			const refused = await client.rpc('request_erasure_by_code', {
				code: r.code,
				secret: r.secret
			});
			expect(refused.data).toBeNull();
		});

		it('erasure of an open file is refused with the reason; of a file under legal hold, with the date', async () => {
			const r = await fileComplaint();
			const open = await anonClient().rpc('request_erasure_by_code', {
				code: r.code,
				secret: r.secret
			});
			expect(open.data).toEqual({ status: 'refused', reason: 'file_open' });
			await sql(
				`update public.complaints set status = 'withdrawn', closed_at = now() where id = $1`,
				[r.complaint_id]
			);
			const held = await anonClient().rpc('request_erasure_by_code', {
				code: r.code,
				secret: r.secret
			});
			expect(held.data).toMatchObject({ status: 'refused', reason: 'legal_hold' });
			expect(
				(held.data as { hold_until: string }).hold_until > new Date().toISOString().slice(0, 10)
			).toBe(true);
			const rows = await service
				.from('erasure_requests')
				.select('id')
				.eq('record_id', r.complaint_id);
			expect(rows.data).toHaveLength(0);
		});

		it('a closed booking past its hold: the request is recorded once, a unit head carries it out', async () => {
			const { data } = await book();
			const b = data as { booking_id: string; code: string; secret: string };
			await anonClient().rpc('cancel_booking_by_code', { p_code: b.code, p_secret: b.secret });
			const ask = () =>
				anonClient().rpc('request_erasure_by_code', {
					code: b.code,
					secret: b.secret,
					reason: 'Không cần nữa'
				});
			expect((await ask()).data).toEqual({ status: 'recorded' });
			expect((await ask()).data).toEqual({ status: 'already_requested' });
			const head = await signIn('truongphong.hn1@thads.local');
			const { data: reqs } = await head
				.from('erasure_requests')
				.select('id, status')
				.eq('record_id', b.booking_id);
			expect(reqs).toHaveLength(1);
			const reception = await signIn('tiepdan.hn1@thads.local');
			expect(
				code((await reception.rpc('carry_out_erasure', { p_request_id: reqs![0]!.id })).error)
			).toBe('not_allowed');
			expect(
				(await head.rpc('carry_out_erasure', { p_request_id: reqs![0]!.id })).error
			).toBeNull();
			const [row] = await sql<{ full_name: string; cccd: string | null }>(
				`select full_name, cccd from public.bookings where id = $1`,
				[b.booking_id]
			);
			expect(row).toEqual({ full_name: 'Đã ẩn danh', cccd: null });
			expect((await ask()).data).toEqual({ status: 'refused', reason: 'already_erased' });
		});
	}
);

describe('who opened my application or booking', () => {
	it('staff reads of an application and of its ID-card image are logged and shown to the citizen', async () => {
		const a = await fileApplication();
		const officer = await signIn('motcua.hn1@thads.local');
		expect(
			(await officer.rpc('log_application_access', { p_id: a.application_id })).error
		).toBeNull();
		const { data: docs } = await officer
			.from('application_documents')
			.select('attachment_id, document_key')
			.eq('application_id', a.application_id);
		const id = docs!.find((d) => d.document_key === 'giay_to_tuy_than')!.attachment_id;
		const opened = await officer
			.rpc('open_application_attachment', { p_id: a.application_id, p_attachment_id: id })
			.single<{ path: string; file_name: string }>();
		expect(opened.error).toBeNull();
		expect(opened.data!.file_name).toBe('cccd.pdf');
		const { data: log } = await anonClient().rpc('get_access_log_by_code', {
			code: a.code,
			secret: a.secret
		});
		const whats = (log as { what: string; role: string; unit_name: string }[])
			.map((l) => l.what)
			.sort();
		expect(whats).toEqual(['file', 'identity_document']);
		expect((log as { role: string }[])[0]!.role).toBe('procedure_officer');
		// Another unit's officer can neither log nor open.
		const other = await signIn('motcua.gl1@thads.local');
		expect(
			code(
				(
					await other.rpc('open_application_attachment', {
						p_id: a.application_id,
						p_attachment_id: id
					})
				).error
			)
		).toBe('not_in_your_unit');
		// The copy of the data lists the same log.
		const mine = await anonClient().rpc('get_my_data_by_code', { code: a.code, secret: a.secret });
		expect((mine.data as MyData).access_log).toHaveLength(2);
	});

	it('opening a booking at the desk is logged; a reload within 10 minutes is the same opening', async () => {
		const { data } = await book();
		const b = data as { booking_id: string; code: string; secret: string };
		const reception = await signIn('tiepdan.hn1@thads.local');
		expect((await reception.rpc('log_booking_access', { p_id: b.booking_id })).error).toBeNull();
		expect((await reception.rpc('log_booking_access', { p_id: b.booking_id })).error).toBeNull();
		const { data: log } = await anonClient().rpc('get_access_log_by_code', {
			code: b.code,
			secret: b.secret
		});
		expect(log).toHaveLength(1);
		expect((log as { role: string }[])[0]).toMatchObject({ role: 'reception', what: 'file' });
		const officer = await signIn('khieunai.hn1@thads.local');
		expect(code((await officer.rpc('log_booking_access', { p_id: b.booking_id })).error)).toBe(
			'not_in_your_unit'
		);
	});
});
