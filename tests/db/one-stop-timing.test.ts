// One-stop timing (issue 13, A.6): the return date printed on the receipt is fixed at receipt and
// never moved by acceptance; the days spent checking count; a pause for requested documents is
// added once; documents are requested once; the apology (phiếu xin lỗi và hẹn lại ngày trả kết
// quả) comes before the due date, with a new date (NĐ 118/2025/NĐ-CP; the one-request and
// before-the-due-date rules are data in one_stop_rules, unconfirmed).
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { anonClient, serviceClient, signIn, sql, draftAttachment } from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const PROC = 'xac-nhan-ket-qua-thi-hanh-an';
let officer: SupabaseClient;
let seq = 0;
const phone = () =>
	`08${String(Date.now() % 1e4).padStart(4, '0')}${String(seq++ % 1e4).padStart(4, '0')}`;

async function submit() {
	const key = randomUUID();
	const { data, error } = await anonClient()
		.rpc('submit_application', {
			payload: {
				procedure_code: PROC,
				unit_id: HN_KV1,
				consent: true,
				applicant: { name: 'Lê Thị Hoa', phone: phone() },
				answers: { so_quyet_dinh_tha: '15/QĐ-THADS', tu_cach: 'duoc_thi_hanh' },
				documents: [
					{ attachment_id: await draftAttachment(key), document_key: 'don_de_nghi' },
					{
						attachment_id: await draftAttachment(key, 'cccd.jpg'),
						document_key: 'giay_to_tuy_than'
					}
				]
			},
			idempotency_key: key
		})
		.single();
	if (error) throw error;
	return data as { application_id: string; code: string; secret: string; due_date: string };
}

const err = async (p: PromiseLike<{ error: { message: string } | null }>) =>
	(await p).error?.message ?? null;
const one = async (q: string, params: unknown[] = []) =>
	(await sql<{ d: string }>(q, params))[0]!.d;

beforeAll(async () => {
	officer = await signIn('motcua.hn1@thads.local');
});

describe('one-stop timing', () => {
	it('acceptance keeps the receipt’s date: checking counts, a pause is added once', async () => {
		const r = await submit();
		const id = r.application_id;
		// Received 2 working days ago at 09:00 Vietnam time; 5 working days → base + 5.
		const base = await one('select public.working_days_add(private.vn_today(), -2)::text as d');
		const receiptDue = await one('select public.working_days_add($1::date, 5)::text as d', [base]);
		await sql(
			`update public.applications set received_at = ($1::date + time '09:00') at time zone 'Asia/Ho_Chi_Minh',
			 due_date = $2::date where id = $3`,
			[base, receiptDue, id]
		);
		expect(await err(officer.rpc('check_application', { id }))).toBeNull();
		// Documents requested while checking, 1 working day ago; handed in today.
		expect(
			await err(
				officer.rpc('request_application_documents', {
					id,
					what: 'Bản sao quyết định',
					due_by: '2099-01-01'
				})
			)
		).toBeNull();
		await sql(
			`update public.application_pauses
			    set requested_at = (public.working_days_add(private.vn_today(), -1) + time '09:00') at time zone 'Asia/Ho_Chi_Minh'
			  where application_id = $1`,
			[id]
		);
		const k = randomUUID();
		const add = await anonClient().rpc('add_application_documents_by_code', {
			code: r.code,
			secret: r.secret,
			documents: [
				{ attachment_id: await draftAttachment(k, 'qd.pdf'), document_key: 'giay_uy_quyen' }
			],
			draft_key: k
		});
		expect(add.error).toBeNull();
		const afterPause = await one('select public.working_days_add($1::date, 1)::text as d', [
			receiptDue
		]);
		expect(add.data).toEqual({ status: 'checking', due_date: afterPause });

		// Accepting does not restart the clock (the old code gave today + 5 + 1 working days).
		const { data: due, error } = await officer.rpc('accept_application', { id });
		expect(error).toBeNull();
		expect(due).toBe(afterPause);
		const rebased = await one('select public.working_days_add(private.vn_today(), 6)::text as d');
		expect(due).not.toBe(rebased);

		// Documents are requested once.
		expect(
			await err(
				officer.rpc('request_application_documents', {
					id,
					what: 'Thêm giấy tờ',
					due_by: '2099-01-01'
				})
			)
		).toBe('documents_already_requested');
	});

	it('the apology comes before the due date and always with a new date', async () => {
		const r = await submit();
		const id = r.application_id;
		await officer.rpc('check_application', { id });
		await officer.rpc('accept_application', { id });
		expect(await err(officer.rpc('record_apology_letter', { id, reason: 'Chờ xác minh' }))).toBe(
			'new_due_date_required'
		);
		// Not late yet: the decree wants the apology before the due date (the old code refused it).
		expect(
			await err(
				officer.rpc('record_apology_letter', {
					id,
					reason: 'Chờ kết quả xác minh tại ngân hàng',
					new_due_date: '2099-02-01'
				})
			)
		).toBeNull();
		const { data } = await serviceClient()
			.from('application_apologies')
			.select('before_due, new_due_date')
			.eq('application_id', id);
		expect(data).toEqual([{ before_due: true, new_due_date: '2099-02-01' }]);
	});

	it('the rules are data, readable by anyone, unconfirmed until the legal officer confirms them', async () => {
		const { data } = await anonClient()
			.from('one_stop_rules')
			.select('key, value, is_checked')
			.order('key');
		expect(data).toEqual([
			{ key: 'apology_days_before_due', value: 1, is_checked: false },
			{ key: 'max_document_requests', value: 1, is_checked: false }
		]);
	});
});
