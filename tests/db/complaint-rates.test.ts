// Complaint resolution rate (issue 13, A.1): resolved ÷ everything to be resolved in the period
// (carried over + accepted + letters left unaccepted past the limit), per kind and unit, duplicate
// letters once, forwarded letters where they are handled, rounding as the unit's setting says.
// Seed 002 (Hậu Giang, 1/10/2023 – 30/8/2024): 41 letters accepted (33 khiếu nại, 8 tố cáo);
// "đã giải quyết 96,96% đơn khiếu nại và 75% đơn tố cáo" — through stats_activity, the call the
// statistics page makes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { serviceClient, signIn } from './helpers';

type Row = Record<string, unknown>;
type Kind = 'complaint' | 'denunciation' | 'petition';
let admin: SupabaseClient;

const CONTENT = 'Nội dung đơn dùng cho kiểm thử số liệu thống kê giải quyết đơn.';
const code = (p: string) => `${p}-${randomUUID().slice(0, 6).toUpperCase()}`;
/** 08:00 Vietnam time on a given day, as an instant. */
const vn = (day: string, time = '08:00') => `${day}T${time}:00+07:00`;

async function newUnit(name: string, parent: string | null = null): Promise<string> {
	const id = randomUUID();
	const { error } = await serviceClient()
		.from('units')
		.insert({
			id,
			parent_id: parent,
			level: parent ? 'khu_vuc' : 'tinh',
			code: code(parent ? 'KV' : 'HG'),
			name,
			valid_from: '2009-07-01',
			valid_to: '2025-06-30'
		});
	if (error) throw new Error(JSON.stringify(error));
	return id;
}

interface Letter {
	kind: 'complaint' | 'denunciation' | 'petition';
	received: string;
	accepted?: string;
	resolved?: string;
	status?: string;
	closed?: string;
	duplicate_of?: string;
	in_competence?: boolean | null;
	accept_due?: string;
	resolve_due?: string;
}

async function file(unit: string, l: Letter): Promise<string> {
	const id = randomUUID();
	const status =
		l.status ?? (l.resolved ? 'resolved' : l.accepted ? 'accepted' : ('received' as string));
	const { error } = await serviceClient()
		.from('complaints')
		.insert({
			id,
			kind: l.kind,
			unit_id: unit,
			status,
			content: CONTENT,
			request: 'Đề nghị giải quyết.',
			in_competence: l.in_competence === undefined ? (l.accepted ? true : null) : l.in_competence,
			received_at: vn(l.received),
			accept_due: l.accept_due ?? null,
			accepted_at: l.accepted ? vn(l.accepted) : null,
			resolve_due: l.resolve_due ?? (l.accepted ? '2099-01-01' : null),
			resolved_at: l.resolved ? vn(l.resolved) : null,
			outcome: l.resolved ? (l.kind === 'denunciation' ? 'false' : 'rejected') : null,
			closed_at: l.closed ? vn(l.closed) : l.resolved ? vn(l.resolved) : null,
			duplicate_of: l.duplicate_of ?? null
		});
	if (error) throw new Error(JSON.stringify(error));
	return id;
}

async function activity(unit: string, start: string, end: string) {
	const { data, error } = await admin.rpc('stats_activity', {
		p_unit_id: unit,
		p_start: start,
		p_end: end
	});
	if (error) throw new Error(JSON.stringify(error));
	return data as { resolution: Record<Kind, Row> | null; complaints: Record<Kind, Row> };
}

beforeAll(async () => {
	admin = await signIn('admin@thads.local');
});

describe('seed 002: Hậu Giang, 1/10/2023 – 30/8/2024', () => {
	let hg: string;
	let other: string;
	beforeAll(async () => {
		hg = await newUnit('Cục Thi hành án dân sự tỉnh Hậu Giang (kiểm thử)');
		other = await newUnit('Cục Thi hành án dân sự tỉnh khác (kiểm thử)');
		const first: string[] = [];
		// 33 complaints accepted in the work year, 32 resolved; 8 denunciations, 6 resolved.
		for (let i = 0; i < 33; i++) {
			const day = `2024-0${1 + (i % 7)}-${String(10 + (i % 15)).padStart(2, '0')}`;
			first.push(
				await file(hg, {
					kind: 'complaint',
					received: day,
					accepted: day,
					resolved: i < 32 ? `2024-08-${String(1 + (i % 28)).padStart(2, '0')}` : undefined
				})
			);
		}
		for (let i = 0; i < 8; i++)
			await file(hg, {
				kind: 'denunciation',
				received: '2023-11-02',
				accepted: '2023-11-09',
				resolved: i < 6 ? '2024-01-15' : undefined
			});
		// A second letter about the same matter as the first complaint: merged, counted once.
		await file(hg, {
			kind: 'complaint',
			received: '2024-01-20',
			accepted: '2024-01-22',
			duplicate_of: first[0]
		});
		// A letter forwarded from Hậu Giang to the competent unit is that unit's (unit_id moved).
		await file(other, { kind: 'complaint', received: '2024-02-01', accepted: '2024-02-05' });
		// Outside the period: resolved before 1/10/2023, received after 30/8/2024.
		await file(hg, {
			kind: 'complaint',
			received: '2023-08-01',
			accepted: '2023-08-03',
			resolved: '2023-09-20'
		});
		await file(hg, { kind: 'complaint', received: '2024-09-05', accepted: '2024-09-06' });
	});

	it('41 accepted: 33 complaints and 8 denunciations, duplicates once, forwarded letters elsewhere', async () => {
		const a = await activity(hg, '2023-10-01', '2024-08-30');
		expect(a.resolution).not.toBeNull();
		const r = a.resolution!;
		expect(r.complaint).toMatchObject({
			carried_over: 0,
			accepted: 33,
			to_resolve: 33,
			resolved: 32
		});
		expect(r.denunciation).toMatchObject({ accepted: 8, to_resolve: 8, resolved: 6 });
		expect(Number(r.complaint.accepted) + Number(r.denunciation.accepted)).toBe(41);
		expect(r.complaint.duplicates).toBe(1);
		const o = (await activity(other, '2023-10-01', '2024-08-30')).resolution!;
		expect(o.complaint).toMatchObject({ accepted: 1, to_resolve: 1 });
	});

	it('rounded half up by default (96,97%), the published 96,96% and 75% with the province’s truncation', async () => {
		let r = (await activity(hg, '2023-10-01', '2024-08-30')).resolution!;
		expect(r.complaint.rounding).toBe('half_up');
		expect(r.complaint.rate_hundredths).toBe(9697);
		const { error } = await admin.rpc('set_stats_rounding', {
			p_unit_id: hg,
			p_rounding: 'truncate',
			p_note: 'Báo cáo của Cục THADS tỉnh Hậu Giang làm tròn xuống'
		});
		expect(error).toBeNull();
		r = (await activity(hg, '2023-10-01', '2024-08-30')).resolution!;
		expect(r.complaint.rounding).toBe('truncate');
		expect(r.complaint.rate_hundredths).toBe(9696); // "96,96% đơn khiếu nại"
		expect(r.denunciation.rate_hundredths).toBe(7500); // "75% đơn tố cáo"
	});

	it('only an admin or a unit head above sets the rounding', async () => {
		const officer = await signIn('khieunai.hn1@thads.local');
		const { error } = await officer.rpc('set_stats_rounding', {
			p_unit_id: hg,
			p_rounding: 'half_up'
		});
		expect(error?.message).toBe('not_allowed');
		const bad = await admin.rpc('set_stats_rounding', { p_unit_id: hg, p_rounding: 'ceil' });
		expect(bad.error?.message).toBe('rounding_invalid');
	});
});

describe('the denominator is everything to be resolved, not what was accepted in the period', () => {
	let unit: string;
	beforeAll(async () => {
		unit = await newUnit('Cục THADS kiểm thử tồn đọng');
		// 10 complaints carried over from the previous work year, resolved in October.
		for (let i = 0; i < 10; i++)
			await file(unit, {
				kind: 'complaint',
				received: '2023-09-05',
				accepted: '2023-09-08',
				resolved: '2023-10-20'
			});
		// 2 accepted in the period, unresolved.
		for (let i = 0; i < 2; i++)
			await file(unit, { kind: 'complaint', received: '2023-10-10', accepted: '2023-10-12' });
		// 1 never accepted although the 5-working-day limit passed: still to be resolved.
		await file(unit, { kind: 'complaint', received: '2023-11-01', accept_due: '2023-11-08' });
		// 1 returned (not within competence): not counted.
		await file(unit, {
			kind: 'complaint',
			received: '2023-11-01',
			accept_due: '2023-11-08',
			status: 'returned',
			closed: '2023-11-03',
			in_competence: false
		});
		// 1 withdrawn after acceptance: settled in the period.
		await file(unit, {
			kind: 'complaint',
			received: '2023-10-02',
			accepted: '2023-10-04',
			status: 'withdrawn',
			closed: '2023-10-30'
		});
	});

	it('10 carried over + 3 accepted + 1 left unaccepted; 11 settled = 78,57%, never above 100%', async () => {
		const a = await activity(unit, '2023-10-01', '2023-12-31');
		const r = a.resolution!.complaint;
		expect(r).toMatchObject({
			carried_over: 10,
			accepted: 3,
			unaccepted_overdue: 1,
			to_resolve: 14,
			resolved: 11,
			withdrawn: 1
		});
		expect(r.rate_hundredths).toBe(7857);
		// The old page divided resolved by accepted in the period: 10 / 3 = 333%.
		expect(Number(a.complaints.complaint.resolved)).toBeGreaterThan(
			Number(a.complaints.complaint.accepted)
		);
	});

	it('per unit: a province row and one row per office below it', async () => {
		const prov = await newUnit('Cục THADS kiểm thử có phòng');
		const kv = await newUnit('Chi cục kiểm thử', prov);
		await file(kv, {
			kind: 'denunciation',
			received: '2024-03-01',
			accepted: '2024-03-05',
			resolved: '2024-03-25'
		});
		await file(prov, { kind: 'denunciation', received: '2024-03-01', accepted: '2024-03-05' });
		const { data, error } = await admin.rpc('complaint_resolution', {
			p_unit_id: prov,
			p_start: '2023-10-01',
			p_end: '2024-09-30'
		});
		expect(error).toBeNull();
		const rows = (data as Row[]).filter((r) => r.kind === 'denunciation');
		expect(rows.find((r) => r.row_kind === 'total')).toMatchObject({
			to_resolve: 2,
			resolved: 1,
			rate_hundredths: 5000
		});
		expect(rows.find((r) => r.row_kind === 'child' && r.unit_id === kv)).toMatchObject({
			to_resolve: 1,
			resolved: 1,
			rate_hundredths: 10000
		});
	});

	it('another unit’s staff cannot read the figures', async () => {
		const officer = await signIn('khieunai.hn1@thads.local');
		const { error } = await officer.rpc('complaint_resolution', {
			p_unit_id: unit,
			p_start: '2023-10-01',
			p_end: '2023-12-31'
		});
		expect(error?.message).toBe('not_allowed');
	});
});
