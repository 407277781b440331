// Deadline rules maintained in the app (issue 13, part B): the legal officer (an admin today)
// confirms a rule against the law, recorded with who, when and the source; a new version of a rule
// starts on a future date and applies to files whose act falls on or after it — an older file
// keeps its deadline (never retroactive).
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, signIn } from './helpers';
import { USERS } from './rls-matrix/types';

type Rule = {
	id: number;
	length_days: number;
	day_unit: string;
	is_checked: boolean;
	valid_to: string | null;
};
let admin: SupabaseClient;
let head: SupabaseClient;
const vnDay = (offset = 0) =>
	new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function ruleOn(purpose: string, subject: string, on: string): Promise<Rule> {
	const { data } = await anonClient().rpc('deadline_rule', {
		p_kind: 'complaint',
		p_instance: 1,
		p_subject: subject,
		p_purpose: purpose,
		p_on: on
	});
	return (data as Rule[])[0]!;
}
const deadline = async (start: string, actOn: string) =>
	(
		await anonClient().rpc('complaint_deadline', {
			p_kind: 'complaint',
			p_instance: 1,
			p_subject: 'account_freeze',
			p_purpose: 'resolve',
			p_start: start,
			p_act_on: actOn
		})
	).data as string;

beforeAll(async () => {
	[admin, head] = await Promise.all([
		signIn('admin@thads.local'),
		signIn('truongphong.hn1@thads.local')
	]);
});

describe('deadline rules in the agency’s hands', () => {
	it('a confirmation records who, when and the source; others cannot confirm', async () => {
		const rule = await ruleOn('file', 'protective_measure', '2026-08-01');
		expect(rule.is_checked).toBe(false);
		expect(
			(
				await head.rpc('confirm_deadline_rule', {
					p_rule_id: rule.id,
					p_source: 'Luật 106/2025/QH15'
				})
			).error?.message
		).toBe('not_allowed');
		expect(
			(await admin.rpc('confirm_deadline_rule', { p_rule_id: rule.id, p_source: 'x' })).error
				?.message
		).toBe('source_required');
		const source = 'Luật Thi hành án dân sự số 106/2025/QH15, Điều … (bản Công báo)';
		expect(
			(await admin.rpc('confirm_deadline_rule', { p_rule_id: rule.id, p_source: source })).error
		).toBeNull();
		const { data } = await serviceClient()
			.from('deadline_rules')
			.select('is_checked, confirmed_by, confirmed_at, source_url')
			.eq('id', rule.id)
			.single();
		expect(data).toMatchObject({ is_checked: true, confirmed_by: USERS.admin, source_url: source });
		expect(data!.confirmed_at).not.toBeNull();
		const { data: audit } = await serviceClient()
			.from('audit_events')
			.select('action, after')
			.eq('entity_type', 'deadline_rule')
			.eq('action', 'confirm');
		expect(
			(audit as { after: { rule_id: number } }[]).some((a) => a.after.rule_id === rule.id)
		).toBe(true);
	});

	it('a new version applies to acts from its first day, never to older files', async () => {
		const from = vnDay(30);
		const old = await ruleOn('resolve', 'account_freeze', vnDay(0));
		// Never backwards.
		const back = await admin.rpc('add_deadline_rule_version', {
			p_rule_id: old.id,
			p_valid_from: vnDay(-1),
			p_length_days: 5,
			p_day_unit: 'working',
			p_article: 'Điều …',
			p_legal_basis: 'Luật …'
		});
		expect(back.error?.message).toBe('valid_from_invalid');
		expect(
			(
				await head.rpc('add_deadline_rule_version', {
					p_rule_id: old.id,
					p_valid_from: from,
					p_length_days: 5,
					p_day_unit: 'working',
					p_article: 'Điều …',
					p_legal_basis: 'Luật …'
				})
			).error?.message
		).toBe('not_allowed');
		const oldFileDue = await deadline(vnDay(0), vnDay(0));
		const { data: newId, error } = await admin.rpc('add_deadline_rule_version', {
			p_rule_id: old.id,
			p_valid_from: from,
			p_length_days: 5,
			p_day_unit: 'working',
			p_article: 'Chương IV (bản sửa)',
			p_legal_basis: 'Luật Thi hành án dân sự số 106/2025/QH15',
			p_note: 'Kiểm thử: phiên bản mới'
		});
		expect(error).toBeNull();
		const fresh = await ruleOn('resolve', 'account_freeze', from);
		expect(fresh).toMatchObject({
			id: newId,
			length_days: 5,
			day_unit: 'working',
			is_checked: false
		});
		expect((await ruleOn('resolve', 'account_freeze', vnDay(0))).valid_to).toBe(vnDay(29));
		// The old file keeps its deadline; a file about an act on the new version's first day gets 5 working days.
		expect(await deadline(vnDay(0), vnDay(0))).toBe(oldFileDue);
		const { data: wd5 } = await anonClient().rpc('working_days_add', { start: from, n: 5 });
		expect(await deadline(from, from)).toBe(wd5);
	});
});
