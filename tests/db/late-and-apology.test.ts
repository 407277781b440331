// Honest when late (issue 18.7). The citizen sees that an application is late and its apology
// slip (phiếu xin lỗi và hẹn lại ngày trả kết quả) through get_application_apology_by_code, by
// code and secret only; staff record the apology with record_apology_letter (a reason and a new
// date, audited) — per role here. The demo data tells one consistent story: nothing is accepted
// before it was received, resolved before it was accepted, or learned of after it was filed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { anonClient, createTestUser, isStandIn, signIn, sql, draftAttachment } from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const PROC = 'xac-nhan-ket-qua-thi-hanh-an';
let seq = 0;
const phone = () =>
	`07${String(Date.now() % 1e4).padStart(4, '0')}${String(seq++ % 1e4).padStart(4, '0')}`;

/** A fresh online application at HN-KV1, accepted, with its due date moved 3 working days back. */
async function lateApplication(officer: SupabaseClient) {
	const key = randomUUID();
	const { data, error } = await anonClient()
		.rpc('submit_application', {
			payload: {
				procedure_code: PROC,
				unit_id: HN_KV1,
				consent: true,
				applicant: { name: 'Trần Văn Muộn', phone: phone() },
				answers: { so_quyet_dinh_tha: '16/QĐ-THADS', tu_cach: 'duoc_thi_hanh' },
				documents: [
					{ attachment_id: await draftAttachment(key, 'don.pdf'), document_key: 'don_de_nghi' },
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
	const r = data as { application_id: string; code: string; secret: string };
	expect((await officer.rpc('check_application', { id: r.application_id })).error).toBeNull();
	expect((await officer.rpc('accept_application', { id: r.application_id })).error).toBeNull();
	await sql(
		`update public.applications
		    set received_at = now() - interval '20 days', accepted_at = now() - interval '19 days',
		        due_date = public.working_days_add(private.vn_today(), -3)
		  where id = $1`,
		[r.application_id]
	);
	return r;
}

describe.runIf(isStandIn())('late applications and the apology slip', () => {
	let officer: SupabaseClient;
	beforeAll(async () => {
		officer = await signIn('motcua.hn1@thads.local');
	});

	it('the code holder sees that the file is late, then the apology with its new date', async () => {
		const r = await lateApplication(officer);
		const anon = anonClient();
		const before = await anon.rpc('get_application_apology_by_code', {
			code: r.code,
			secret: r.secret
		});
		expect(before.error).toBeNull();
		expect(before.data).toMatchObject({ code: r.code, is_late: true, days_late: 3, apology: null });

		const newDate = (
			await sql<{ d: string }>(
				`select public.working_days_add(private.vn_today(), 4)::text as d`,
				[]
			)
		)[0]!.d;
		const rec = await officer.rpc('record_apology_letter', {
			id: r.application_id,
			reason: 'Chờ kết quả xác minh tài sản từ ngân hàng.',
			new_due_date: newDate
		});
		expect(rec.error).toBeNull();
		const after = await anon.rpc('get_application_apology_by_code', {
			code: r.code,
			secret: r.secret
		});
		expect(after.data).toMatchObject({
			is_late: true,
			applicant_name: 'Trần Văn Muộn',
			apology: {
				new_due_date: newDate,
				reason: 'Chờ kết quả xác minh tài sản từ ngân hàng.',
				before_due: false,
				new_date_passed: false
			}
		});
		// The slip never names the officer.
		expect(JSON.stringify(after.data)).not.toContain('recorded_by');

		// Audited with the new date and the reason.
		const audit = await sql<{ action: string }>(
			`select action from public.audit_events where entity_id = $1 and action = 'apology'`,
			[r.application_id]
		);
		expect(audit).toHaveLength(1);
	});

	it('a wrong secret gets nothing', async () => {
		const r = await lateApplication(officer);
		const { data, error } = await anonClient().rpc('get_application_apology_by_code', {
			code: r.code,
			secret: '23456789'
		});
		expect(error).toBeNull();
		expect(data).toBeNull();
	});

	it('only one-stop staff of the unit record an apology: not anon, an outsider, another unit or a complaints officer', async () => {
		const r = await lateApplication(officer);
		const args = {
			id: r.application_id,
			reason: 'Chậm do thiếu cán bộ.',
			new_due_date: '2099-01-05'
		};
		const anon = await anonClient().rpc('record_apology_letter', args);
		expect(anon.error).not.toBeNull();
		const outsider = await (await createTestUser()).client.rpc('record_apology_letter', args);
		expect(outsider.error).not.toBeNull();
		const otherUnit = await (
			await signIn('motcua.gl1@thads.local')
		).rpc('record_apology_letter', args);
		expect(otherUnit.error).not.toBeNull();
		const complaints = await (
			await signIn('khieunai.hn1@thads.local')
		).rpc('record_apology_letter', args);
		expect(complaints.error).not.toBeNull();
		const rows = await sql(`select 1 from public.application_apologies where application_id = $1`, [
			r.application_id
		]);
		expect(rows).toHaveLength(0);
		// Anon never reads the apologies table itself.
		const direct = await anonClient().from('application_apologies').select('id').limit(1);
		expect(direct.data ?? []).toEqual([]);
	});
});

describe.runIf(isStandIn())('demo data tells one consistent story', () => {
	// Demo files carry codes ending in -2222 (supabase/seeds); other tests move dates on purpose.
	it('applications: received ≤ accepted ≤ completed, events not before receipt', async () => {
		const bad = await sql<{ code: string; why: string }>(
			`select * from (select tracking_code as code, 'accepted before received' as why from public.applications
			  where accepted_at < received_at
			 union all
			 select tracking_code, 'completed before accepted' from public.applications
			  where completed_at < coalesce(accepted_at, received_at)
			 union all
			 select tracking_code, 'due before received' from public.applications
			  where due_date < private.vn_date(received_at)
			 union all
			 select a.tracking_code, 'event ' || e.kind || ' before received' from public.applications a
			   join public.application_events e on e.application_id = a.id
			  where e.occurred_at < a.received_at - interval '1 minute'
			 union all
			 select a.tracking_code, 'timeline names another return date' from public.applications a
			   join public.application_events e on e.application_id = a.id
			  where e.note like '%hẹn trả kết quả ngày%'
			    and e.note not like '%' || to_char(a.due_date, 'DD/MM/YYYY') || '%'
			 union all
			 select a.tracking_code, 'received event long after received_at' from public.applications a
			   join public.application_events e on e.application_id = a.id
			  where e.kind in ('submitted', 'received') and e.occurred_at > a.received_at + interval '1 hour'
			 ) x where code like '%-2222'`,
			[]
		);
		expect(bad).toEqual([]);
	});

	it('complaints: learned of before filing, accepted after received, resolved after accepted', async () => {
		const bad = await sql<{ code: string; why: string }>(
			`select * from (select tracking_code as code, 'learned after received' as why from public.complaints
			  where learned_on > private.vn_date(received_at)
			 union all
			 select tracking_code, 'decision after learned' from public.complaints
			  where decision_date > learned_on
			 union all
			 select tracking_code, 'accepted before received' from public.complaints
			  where accepted_at < received_at
			 union all
			 select tracking_code, 'resolved before accepted' from public.complaints
			  where resolved_at < coalesce(accepted_at, received_at)
			 union all
			 select tracking_code, 'accept due before received' from public.complaints
			  where accept_due < private.vn_date(received_at)
			 union all
			 select c.tracking_code, 'submitted event long after received_at' from public.complaints c
			   join public.complaint_events e on e.complaint_id = c.id
			  where e.event = 'submitted' and e.occurred_at > c.received_at + interval '1 hour'
			 ) x where code like '%-2222'`,
			[]
		);
		expect(bad).toEqual([]);
	});

	it('the demo has a late application with an apology slip (HS-HNAE-2222)', async () => {
		const { data, error } = await anonClient().rpc('get_application_apology_by_code', {
			code: 'HS-HNAE-2222',
			secret: 'THADS234'
		});
		expect(error).toBeNull();
		expect(data).toMatchObject({ is_late: true, apology: { new_date_passed: false } });
	});
});
