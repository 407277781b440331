// Second-instance appeal (issue 13, A.5): the window runs from the citizen's RECEIPT of the first
// decision (Luật THADS 2008 sđ 2014, Điều 140: "kể từ ngày nhận được quyết định giải quyết khiếu
// nại"), stated by the citizen and correctable by staff; and an appeal is open when the first
// instance is overdue and unresolved.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, signIn } from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const randomPhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const vnDay = (offsetDays = 0) =>
	new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const reasons = 'Tôi không đồng ý với quyết định giải quyết lần đầu vì tài sản kê biên là của tôi.';

let anon: SupabaseClient;
let officer: SupabaseClient;

async function file() {
	const { data, error } = await anon.rpc('submit_complaint', {
		payload: {
			kind: 'complaint',
			subject: 'coercion',
			unit_id: HN_KV1,
			consent: true,
			learned_on: vnDay(-3),
			content:
				'Chấp hành viên kê biên nhầm tài sản của tôi, không phải của người phải thi hành án.',
			request: 'Hủy quyết định kê biên',
			filer: { full_name: 'Nguyễn Thị Lan', phone: randomPhone(), province: 'Hà Nội' }
		},
		idempotency_key: randomUUID()
	});
	expect(error).toBeNull();
	const r = (data as { code: string; secret: string; complaint_id: string }[])[0]!;
	const { data: row } = await officer
		.from('complaints')
		.select('id')
		.eq('tracking_code', r.code)
		.single();
	return { ...r, id: row!.id as string };
}

async function resolve(id: string) {
	expect((await officer.rpc('accept_complaint', { p_id: id })).error).toBeNull();
	const { data: att } = await serviceClient()
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
	const r = await officer.rpc('resolve_complaint', {
		p_id: id,
		p_outcome: 'rejected',
		p_summary: 'Quyết định giải quyết khiếu nại lần đầu',
		p_decision_attachment: att!.id
	});
	expect(r.error).toBeNull();
}

const view = async (c: string, s: string) =>
	(await anon.rpc('get_complaint_by_code', { code: c, secret: s })).data as {
		appeal: { open: boolean; due: string; overdue: boolean; received_on: string | null } | null;
	};
const window15 = async (from: string) =>
	(
		await anon.rpc('complaint_deadline', {
			p_kind: 'complaint',
			p_instance: 2,
			p_subject: 'coercion',
			p_purpose: 'file',
			p_start: from
		})
	).data as string;

beforeAll(async () => {
	anon = anonClient();
	officer = await signIn('khieunai.hn1@thads.local');
});

describe('second-instance window from the receipt of the first decision', () => {
	it('a decision issued 40 days ago but received 5 days ago can still be appealed', async () => {
		const r = await file();
		await resolve(r.id);
		await serviceClient()
			.from('complaints')
			.update({ resolved_at: new Date(Date.now() - 40 * 86_400_000).toISOString() })
			.eq('id', r.id);
		expect((await view(r.code, r.secret)).appeal!.open).toBe(false);
		// The receipt day cannot be in the future, nor before the decision.
		const bad = await anon.rpc('appeal_complaint_by_code', {
			code: r.code,
			secret: r.secret,
			reasons,
			received_on: vnDay(2)
		});
		expect(bad.error?.message).toBe('received_on_invalid');
		const ok = await anon.rpc('appeal_complaint_by_code', {
			code: r.code,
			secret: r.secret,
			reasons,
			received_on: vnDay(-5)
		});
		expect(ok.error).toBeNull();
		const { data: first } = await officer
			.from('complaints')
			.select('decision_received_on')
			.eq('id', r.id)
			.single();
		expect(first!.decision_received_on).toBe(vnDay(-5));
	});

	it('staff record the receipt day; the window moves with it (audited)', async () => {
		const r = await file();
		await resolve(r.id);
		await serviceClient()
			.from('complaints')
			.update({ resolved_at: new Date(Date.now() - 30 * 86_400_000).toISOString() })
			.eq('id', r.id);
		const { data: due, error } = await officer.rpc('set_decision_received_on', {
			p_id: r.id,
			p_date: vnDay(-2),
			p_note: 'Biên bản giao nhận quyết định'
		});
		expect(error).toBeNull();
		expect(due).toBe(await window15(vnDay(-2)));
		const v = await view(r.code, r.secret);
		expect(v.appeal).toMatchObject({ open: true, due, received_on: vnDay(-2), overdue: false });
		const { data: audit } = await serviceClient()
			.from('audit_events')
			.select('action')
			.eq('entity_id', r.id);
		expect(audit!.map((a) => a.action)).toContain('set_decision_received_on');
	});

	it('a first instance overdue and unresolved can be appealed to the unit above', async () => {
		const r = await file();
		expect((await officer.rpc('accept_complaint', { p_id: r.id })).error).toBeNull();
		// Not overdue yet: no appeal.
		let res = await anon.rpc('appeal_complaint_by_code', {
			code: r.code,
			secret: r.secret,
			reasons
		});
		expect(res.error?.message).toBe('invalid_transition');
		await serviceClient()
			.from('complaints')
			.update({ resolve_due: vnDay(-1) })
			.eq('id', r.id);
		const v = await view(r.code, r.secret);
		expect(v.appeal).toMatchObject({ open: true, overdue: true });
		res = await anon.rpc('appeal_complaint_by_code', { code: r.code, secret: r.secret, reasons });
		expect(res.error).toBeNull();
		expect((res.data as { unit_name: string }[])[0]!.unit_name).toMatch(/Hà Nội/);
	});
});
