// The law, not the code (issue 13, A.10): each row is a legal case written from the text of the
// law — the act, its date, the period the law gives and the resulting last day, counted by hand
// (weekends, the seed's public holidays, calendar periods ending on a day off moved to the next
// working day). The database must give the same date AND say honestly whether the figure was
// confirmed against the text (deadline_rules.is_checked): an unconfirmed figure is never shown
// as confirmed, and a confirmed one never silently changes.
//
// Sources (see supabase/migrations/20261207003010_deadline_rule_versions.sql):
//   THADS 2008 Điều 140 (thời hiệu): quoted at thuvienphapluat.vn/hoi-dap-phap-luat/366B-…  confirmed
//   Luật Tố cáo 2018 Điều 30 k1–3: quoted at luatsubaoho.com/phapluat/thoi-han-giai-quyet-to-cao… confirmed
//   THADS 2008 time to resolve, complex extension; Luật Tố cáo Điều 24; Luật THADS 2025:   unconfirmed
import { describe, expect, it } from 'vitest';
import { anonClient } from './helpers';

interface LegalCase {
	/** what happened, in words */
	act: string;
	kind: 'complaint' | 'denunciation';
	instance: 1 | 2 | null;
	subject:
		| 'any'
		| 'before_measure'
		| 'account_freeze'
		| 'protective_measure'
		| 'coercion'
		| 'after_coercion';
	purpose: 'file' | 'accept' | 'resolve' | 'extend' | 'forward';
	/** the day the period starts from */
	start: string;
	/** the day of the act complained about (picks the law in force) */
	actOn: string;
	expected: string;
	/** article and clause the figure comes from */
	article: string;
	/** true only when the figure was found in the text of the law */
	confirmed: boolean;
}

const CASES: LegalCase[] = [
	// Luật THADS 2008 (sửa đổi 2014), thời hiệu khiếu nại — Điều 140.
	{
		act: 'Quyết định phong tỏa tài khoản nhận thứ Hai 6/10/2025: 3 ngày làm việc',
		kind: 'complaint',
		instance: 1,
		subject: 'account_freeze',
		purpose: 'file',
		start: '2025-10-06',
		actOn: '2025-10-06',
		expected: '2025-10-09',
		article: 'Điều 140',
		confirmed: true
	},
	{
		act: 'Phong tỏa tài khoản nhận thứ Sáu 29/8/2025; 1–2/9 nghỉ Quốc khánh',
		kind: 'complaint',
		instance: 1,
		subject: 'account_freeze',
		purpose: 'file',
		start: '2025-08-29',
		actOn: '2025-08-29',
		expected: '2025-09-05',
		article: 'Điều 140',
		confirmed: true
	},
	{
		act: 'Quyết định trước khi áp dụng biện pháp bảo đảm, cưỡng chế: 15 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'before_measure',
		purpose: 'file',
		start: '2025-10-06',
		actOn: '2025-10-06',
		expected: '2025-10-21',
		article: 'Điều 140',
		confirmed: true
	},
	{
		act: 'Biện pháp bảo đảm khác (tạm giữ tài sản): 10 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'protective_measure',
		purpose: 'file',
		start: '2025-10-06',
		actOn: '2025-10-06',
		expected: '2025-10-16',
		article: 'Điều 140',
		confirmed: true
	},
	{
		act: 'Biết được việc kê biên (cưỡng chế) 6/10/2025: 30 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'coercion',
		purpose: 'file',
		start: '2025-10-06',
		actOn: '2025-10-06',
		expected: '2025-11-05',
		article: 'Điều 140',
		confirmed: true
	},
	{
		act: 'Quyết định sau khi áp dụng biện pháp cưỡng chế: 30 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'after_coercion',
		purpose: 'file',
		start: '2025-10-06',
		actOn: '2025-10-06',
		expected: '2025-11-05',
		article: 'Điều 140',
		confirmed: true
	},
	{
		act: 'Tạm giữ tài sản, biết ngày thứ Tư 8/10/2025: ngày thứ 10 là thứ Bảy 18/10 → thứ Hai 20/10',
		kind: 'complaint',
		instance: 1,
		subject: 'protective_measure',
		purpose: 'file',
		start: '2025-10-08',
		actOn: '2025-10-08',
		expected: '2025-10-20',
		article: 'Điều 140',
		confirmed: true
	},
	{
		act: 'Biết hành vi Chủ nhật 17/8/2025: ngày thứ 15 là 1/9 (nghỉ), 2/9 (Quốc khánh) → 3/9',
		kind: 'complaint',
		instance: 1,
		subject: 'before_measure',
		purpose: 'file',
		start: '2025-08-17',
		actOn: '2025-08-17',
		expected: '2025-09-03',
		article: 'Điều 140',
		confirmed: true
	},
	{
		act: 'Khiếu nại lần hai: 15 ngày từ ngày NHẬN quyết định lần đầu (6/10/2025)',
		kind: 'complaint',
		instance: 2,
		subject: 'coercion',
		purpose: 'file',
		start: '2025-10-06',
		actOn: '2025-09-01',
		expected: '2025-10-21',
		article: 'Điều 140',
		confirmed: true
	},
	// Luật THADS 2008 (sửa đổi 2014), thụ lý và thời hạn giải quyết — figures not found in the text.
	{
		act: 'Đơn nhận thứ Sáu 3/10/2025: thụ lý trong 5 ngày làm việc',
		kind: 'complaint',
		instance: 1,
		subject: 'coercion',
		purpose: 'accept',
		start: '2025-10-03',
		actOn: '2025-09-20',
		expected: '2025-10-10',
		article: 'thụ lý',
		confirmed: false
	},
	{
		act: 'Khiếu nại phong tỏa tài khoản thụ lý 6/10/2025: giải quyết trong 5 ngày làm việc',
		kind: 'complaint',
		instance: 1,
		subject: 'account_freeze',
		purpose: 'resolve',
		start: '2025-10-06',
		actOn: '2025-10-01',
		expected: '2025-10-13',
		article: 'Điều 142',
		confirmed: false
	},
	{
		act: 'Khiếu nại biện pháp bảo đảm khác thụ lý 6/10/2025: 10 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'protective_measure',
		purpose: 'resolve',
		start: '2025-10-06',
		actOn: '2025-10-01',
		expected: '2025-10-16',
		article: 'Điều 142',
		confirmed: false
	},
	{
		act: 'Khiếu nại cưỡng chế thụ lý 6/10/2025: 30 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'coercion',
		purpose: 'resolve',
		start: '2025-10-06',
		actOn: '2025-10-01',
		expected: '2025-11-05',
		article: 'Điều 142',
		confirmed: false
	},
	{
		act: 'Khiếu nại trước khi áp dụng biện pháp thụ lý 6/10/2025: 15 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'before_measure',
		purpose: 'resolve',
		start: '2025-10-06',
		actOn: '2025-10-01',
		expected: '2025-10-21',
		article: 'Điều 142',
		confirmed: false
	},
	{
		act: 'Khiếu nại sau cưỡng chế thụ lý 6/10/2025: 15 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'after_coercion',
		purpose: 'resolve',
		start: '2025-10-06',
		actOn: '2025-10-01',
		expected: '2025-10-21',
		article: 'Điều 142',
		confirmed: false
	},
	{
		act: 'Vụ việc phức tạp, hạn 21/10/2025: kéo dài không quá 30 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'before_measure',
		purpose: 'extend',
		start: '2025-10-21',
		actOn: '2025-10-01',
		expected: '2025-11-20',
		article: 'Điều 142',
		confirmed: false
	},
	// Luật Tố cáo 2018.
	{
		act: 'Tố cáo thụ lý 6/10/2025: giải quyết trong 30 ngày',
		kind: 'denunciation',
		instance: null,
		subject: 'any',
		purpose: 'resolve',
		start: '2025-10-06',
		actOn: '2025-10-06',
		expected: '2025-11-05',
		article: 'Điều 30 khoản 1',
		confirmed: true
	},
	{
		act: 'Tố cáo phức tạp, hạn 5/11/2025: gia hạn 30 ngày',
		kind: 'denunciation',
		instance: null,
		subject: 'any',
		purpose: 'extend',
		start: '2025-11-05',
		actOn: '2025-10-06',
		expected: '2025-12-05',
		article: 'Điều 30 khoản 2',
		confirmed: true
	},
	{
		act: 'Tố cáo nhận 6/10/2025: kiểm tra, thụ lý trong 7 ngày làm việc',
		kind: 'denunciation',
		instance: null,
		subject: 'any',
		purpose: 'accept',
		start: '2025-10-06',
		actOn: '2025-10-06',
		expected: '2025-10-15',
		article: 'Điều 24 khoản 1',
		confirmed: false
	},
	{
		act: 'Tố cáo không thuộc thẩm quyền nhận 6/10/2025: chuyển trong 5 ngày làm việc',
		kind: 'denunciation',
		instance: null,
		subject: 'any',
		purpose: 'forward',
		start: '2025-10-06',
		actOn: '2025-10-06',
		expected: '2025-10-13',
		article: 'Điều 24 khoản 2',
		confirmed: false
	},
	// Luật THADS 2025 (số 106/2025/QH15, from 1/7/2026), and the transition by the date of the act.
	{
		act: 'Quyết định 6/7/2026 (luật mới): khiếu nại trước khi áp dụng biện pháp trong 15 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'before_measure',
		purpose: 'file',
		start: '2026-07-06',
		actOn: '2026-07-06',
		expected: '2026-07-21',
		article: 'Chương IV',
		confirmed: false
	},
	{
		act: 'Phong tỏa 2/7/2026 (luật mới), thụ lý 6/7/2026: giải quyết trong 30 ngày',
		kind: 'complaint',
		instance: 1,
		subject: 'account_freeze',
		purpose: 'resolve',
		start: '2026-07-06',
		actOn: '2026-07-02',
		expected: '2026-08-05',
		article: 'Chương IV',
		confirmed: false
	},
	{
		act: 'Phong tỏa 25/6/2026 (luật cũ), thụ lý 6/7/2026: 5 ngày làm việc theo luật 2008',
		kind: 'complaint',
		instance: 1,
		subject: 'account_freeze',
		purpose: 'resolve',
		start: '2026-07-06',
		actOn: '2026-06-25',
		expected: '2026-07-13',
		article: 'Điều 142',
		confirmed: false
	}
];

describe('legal cases: the deadline the law gives, and whether its figure is confirmed', () => {
	const anon = anonClient();
	it.each(CASES)('$act → $expected ($article)', async (c) => {
		const { data: due, error } = await anon.rpc('complaint_deadline', {
			p_kind: c.kind,
			p_instance: c.instance,
			p_subject: c.subject,
			p_purpose: c.purpose,
			p_start: c.start,
			p_act_on: c.actOn
		});
		expect(error).toBeNull();
		expect(due).toBe(c.expected);
		const { data: rules } = await anon.rpc('deadline_rule', {
			p_kind: c.kind,
			p_instance: c.instance,
			p_subject: c.subject,
			p_purpose: c.purpose,
			p_on: c.actOn
		});
		const rule = (rules as Record<string, unknown>[])[0]!;
		expect(rule.article as string).toContain(c.article);
		expect(rule.is_checked).toBe(c.confirmed);
		expect(rule.legal_basis as string).not.toMatch(/\[check\]/);
	});

	it('no rule of either law is open-ended in the past: 2008 ends 30/6/2026, 2025 starts 1/7/2026', async () => {
		const { data } = await anon
			.from('deadline_rules')
			.select('law, valid_from, valid_to')
			.eq('kind', 'complaint');
		const rows = data as { law: string; valid_from: string; valid_to: string | null }[];
		for (const r of rows.filter((x) => x.law.includes('2008')))
			expect(r.valid_to).toBe('2026-06-30');
		for (const r of rows.filter((x) => x.law.includes('106/2025'))) {
			expect(r.valid_from).toBe('2026-07-01');
			expect(r.valid_to).toBeNull();
		}
	});
});
