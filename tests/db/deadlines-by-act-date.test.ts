// Deadlines by the date of the act complained about, filing-time rules, holidays as confirmed data
// and the legal officer (issue 13, A.4, A.8, A.9, part B). Written from the law, not from the code:
//   * Luật THADS 2008 (sđ 2014) is in force until 30/6/2026, Luật THADS 106/2025/QH15 from 1/7/2026;
//     a file whose act falls before 1/7/2026 is judged under the 2008 law even when it is filed,
//     or accepted, later. Time to resolve a complaint about an account freeze: 2008 → 5 working
//     days (unconfirmed figure, see 20261207003010); 2025 → 30 days (unconfirmed figure).
//   * After coercion (sau cưỡng chế), Luật THADS 2008 Điều 140 point d: 30 days to file (confirmed).
//   * A denunciation outside the unit's competence is forwarded within 5 working days of receipt
//     (Luật Tố cáo 2011 Điều 20; 2018 article unconfirmed); the intake check (7 working days) may be
//     extended once to 10 working days from receipt (unconfirmed).
//   * 24/11 (Ngày Văn hóa Việt Nam) is not an enacted day off: kept as data, not counted.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, signIn } from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const HN_KV2 = '00000000-0000-4000-a000-000000000012';
const LAW_2008 = 'Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014)';
const LAW_2025 = 'Luật Thi hành án dân sự số 106/2025/QH15';

const randomPhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const code = (e: { code?: string; message?: string } | null) =>
	e?.code === 'P0001' ? e.message : e?.code;

let anon: SupabaseClient;
let officer: SupabaseClient;
let head: SupabaseClient;
let legal: SupabaseClient;

async function file(over: Record<string, unknown>) {
	const { data, error } = await anon.rpc('submit_complaint', {
		payload: {
			kind: 'complaint',
			subject: 'account_freeze',
			unit_id: HN_KV1,
			consent: true,
			content:
				'Chấp hành viên phong tỏa tài khoản của tôi trong khi tôi không phải người phải thi hành án.',
			request: 'Hủy quyết định phong tỏa tài khoản',
			filer: {
				full_name: 'Đặng Thị Hòa',
				cccd: '001099007777',
				phone: randomPhone(),
				province: 'Hà Nội',
				ward: 'Phường Hoàn Kiếm'
			},
			...over
		},
		idempotency_key: randomUUID()
	});
	expect(error).toBeNull();
	return (data as { complaint_id: string; accept_due: string }[])[0]!;
}

/** Days as the law counts them, through the calendar functions only (not the rules). */
async function workingDaysAdd(start: string, n: number): Promise<string> {
	const { data } = await anon.rpc('working_days_add', { start, n });
	return data as string;
}
async function calendarDays(start: string, n: number): Promise<string> {
	let d = new Date(`${start}T00:00:00Z`);
	d = new Date(d.getTime() + n * 86_400_000);
	for (;;) {
		const iso = d.toISOString().slice(0, 10);
		if ((await anon.rpc('is_working_day', { d: iso })).data === true) return iso;
		d = new Date(d.getTime() + 86_400_000);
	}
}

beforeAll(async () => {
	anon = anonClient();
	[officer, head, legal] = await Promise.all([
		signIn('khieunai.hn1@thads.local'),
		signIn('truongphong.hn1@thads.local'),
		signIn('phapche@thads.local')
	]);
});

describe('the law of the date of the act', () => {
	it('a file whose act is before 1/7/2026, accepted after it, gets the 2008 law’s deadline and says so', async () => {
		const today = vnToday();
		expect(today >= '2026-07-01').toBe(true);
		const f = await file({ decision_date: '2026-06-15', learned_on: '2026-06-16' });
		const { data: due, error } = await officer.rpc('accept_complaint', { p_id: f.complaint_id });
		expect(error).toBeNull();
		// Luật THADS 2008: 5 working days from acceptance (not the 2025 law's 30 days).
		expect(due).toBe(await workingDaysAdd(today, 5));
		const { data: rules, error: e2 } = await officer.rpc('complaint_rules', {
			p_id: f.complaint_id
		});
		expect(e2).toBeNull();
		const resolve = (
			rules as { purpose: string; law: string; article: string; act_on: string }[]
		).find((r) => r.purpose === 'resolve')!;
		expect(resolve).toMatchObject({ law: LAW_2008, act_on: '2026-06-15' });
		expect(resolve.article).toContain('Điều 142');
	});

	it('a file whose act is after 1/7/2026 gets the 2025 law’s deadline', async () => {
		const today = vnToday();
		const f = await file({ decision_date: today });
		const { data: due } = await officer.rpc('accept_complaint', { p_id: f.complaint_id });
		expect(due).toBe(await calendarDays(today, 30));
		const { data: rules } = await officer.rpc('complaint_rules', { p_id: f.complaint_id });
		expect(
			(rules as { purpose: string; law: string }[]).find((r) => r.purpose === 'resolve')!.law
		).toBe(LAW_2025);
	});
});

describe('filing-time rules', () => {
	it('after coercion is a subject the citizen can choose, with the 2008 law’s 30 days to file', async () => {
		const f = await file({ subject: 'after_coercion', learned_on: '2026-06-10' });
		const { data: row } = await serviceClient()
			.from('complaints')
			.select('subject')
			.eq('id', f.complaint_id)
			.single();
		expect(row!.subject).toBe('after_coercion');
		const { data: window } = await anon.rpc('complaint_deadline', {
			p_kind: 'complaint',
			p_instance: 1,
			p_subject: 'after_coercion',
			p_purpose: 'file',
			p_start: '2026-06-10',
			p_act_on: '2026-06-10'
		});
		// 10/6/2026 + 30 days = Friday 10/7/2026.
		expect(window).toBe('2026-07-10');
	});

	it('a denunciation outside the unit’s competence is due to be forwarded within 5 working days', async () => {
		const f = await file({ kind: 'denunciation', subject: 'before_measure' });
		const { data: c } = await serviceClient()
			.from('complaints')
			.select('received_at')
			.eq('id', f.complaint_id)
			.single();
		const received = new Date(new Date(c!.received_at).getTime() + 7 * 3600_000)
			.toISOString()
			.slice(0, 10);
		expect(
			(
				await officer.rpc('classify_complaint', {
					p_id: f.complaint_id,
					p_kind: 'denunciation',
					p_subject: 'before_measure',
					p_in_competence: false
				})
			).error
		).toBeNull();
		const { data: after } = await serviceClient()
			.from('complaints')
			.select('accept_due')
			.eq('id', f.complaint_id)
			.single();
		expect(after!.accept_due).toBe(await workingDaysAdd(received, 5));
		// Forwarded: the receiving unit gets its own intake period.
		expect(
			(
				await officer.rpc('forward_complaint', {
					p_id: f.complaint_id,
					p_to_unit: HN_KV2,
					p_reason: 'Không thuộc thẩm quyền của đơn vị'
				})
			).error
		).toBeNull();
	});

	it('the intake check of a denunciation is extended once, by a unit head, to 10 working days', async () => {
		const f = await file({ kind: 'denunciation', subject: 'before_measure' });
		const { data: c } = await serviceClient()
			.from('complaints')
			.select('received_at, accept_due')
			.eq('id', f.complaint_id)
			.single();
		const received = new Date(new Date(c!.received_at).getTime() + 7 * 3600_000)
			.toISOString()
			.slice(0, 10);
		expect(c!.accept_due).toBe(await workingDaysAdd(received, 7));
		const reason = 'Cần xác minh địa chỉ người tố cáo tại nơi cư trú';
		expect(
			code(
				(await officer.rpc('extend_intake_check', { p_id: f.complaint_id, p_reason: reason })).error
			)
		).toBe('not_allowed');
		const { data: due, error } = await head.rpc('extend_intake_check', {
			p_id: f.complaint_id,
			p_reason: reason
		});
		expect(error).toBeNull();
		expect(due).toBe(await workingDaysAdd(received, 10));
		expect(
			code(
				(await head.rpc('extend_intake_check', { p_id: f.complaint_id, p_reason: reason })).error
			)
		).toBe('extension_limit');
		const complaint = await file({});
		expect(
			code(
				(await head.rpc('extend_intake_check', { p_id: complaint.complaint_id, p_reason: reason }))
					.error
			)
		).toBe('not_a_denunciation');
	});
});

describe('holidays as confirmed data', () => {
	it('24/11 (Ngày Văn hóa Việt Nam) is kept as unconfirmed and does not move deadlines', async () => {
		const { data } = await anon
			.from('holidays')
			.select('day, is_confirmed, counted, legal_basis')
			.eq('day', '2026-11-24')
			.single();
		expect(data).toMatchObject({ is_confirmed: false, counted: false });
		expect(data!.legal_basis).toContain('30/NQ-CP');
		// Tuesday 24/11/2026 stays a working day until the Labour Code is amended.
		expect((await anon.rpc('is_working_day', { d: '2026-11-24' })).data).toBe(true);
		expect((await anon.rpc('working_days_add', { start: '2026-11-23', n: 1 })).data).toBe(
			'2026-11-24'
		);
	});

	it('swapped days not found in a Government notice are marked unconfirmed, not in their name', async () => {
		const { data } = await anon
			.from('holidays')
			.select('day, name, is_confirmed')
			.in('day', ['2026-01-02', '2026-01-10', '2026-08-31', '2026-09-12']);
		expect(data).toHaveLength(4);
		for (const h of data!) {
			expect(h.is_confirmed).toBe(false);
			expect(h.name).not.toContain('[check]');
		}
		const { data: tet } = await anon
			.from('holidays')
			.select('is_confirmed')
			.eq('day', '2026-01-01')
			.single();
		expect(tet!.is_confirmed).toBe(true);
	});
});

describe('the legal officer', () => {
	it('confirms and versions deadline rules; complaint officers and unit heads cannot', async () => {
		const { data: rules } = await anon.rpc('deadline_rule', {
			p_kind: 'petition',
			p_instance: 1,
			p_subject: 'any',
			p_purpose: 'accept',
			p_on: vnToday()
		});
		const rule = (rules as { id: number }[])[0]!;
		const source = 'Quy chế tiếp nhận kiến nghị, phản ánh (kiểm thử pháp chế)';
		for (const who of [officer, head])
			expect(
				code(
					(await who.rpc('confirm_deadline_rule', { p_rule_id: rule.id, p_source: source })).error
				)
			).toBe('not_allowed');
		expect(
			(await legal.rpc('confirm_deadline_rule', { p_rule_id: rule.id, p_source: source })).error
		).toBeNull();
		const { data: row } = await serviceClient()
			.from('deadline_rules')
			.select('is_checked, confirmed_by')
			.eq('id', rule.id)
			.single();
		expect(row).toMatchObject({
			is_checked: true,
			confirmed_by: '00000000-0000-4000-b000-000000000002'
		});
		const version = {
			p_rule_id: rule.id,
			p_valid_from: '2099-01-01',
			p_length_days: 6,
			p_day_unit: 'working',
			p_article: 'Điều 1',
			p_legal_basis: 'Quy chế mới (kiểm thử)'
		};
		expect(code((await head.rpc('add_deadline_rule_version', version)).error)).toBe('not_allowed');
		const { data: newId, error } = await legal.rpc('add_deadline_rule_version', version);
		expect(error).toBeNull();
		expect(typeof newId).toBe('number');
	});

	it('holds no other power: no complaint files, no direct writes to the rules', async () => {
		const { data: files } = await legal.from('complaints').select('id').limit(5);
		expect(files).toEqual([]);
		const f = await file({});
		expect(code((await legal.rpc('accept_complaint', { p_id: f.complaint_id })).error)).toBe(
			'not_allowed'
		);
		const { data: updated } = await legal
			.from('deadline_rules')
			.update({ length_days: 99 })
			.eq('kind', 'petition')
			.select('id');
		expect(updated ?? []).toEqual([]);
	});
});
