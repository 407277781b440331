/**
 * The officer's queue and file in SQL (issue 17 part 5; issue 18 part 10).
 *
 * A unit of this test's own holds 600 open files, 520 of them overdue: more than the 500 rows
 * the old queue read before filtering in JavaScript, so its overdue list could miss any of them.
 * The queue function filters, sorts by the deadline shown and pages in the database; another
 * unit's officer sees nothing of it (the function is security invoker: RLS scopes it).
 * The file function returns everything in one call and never a sealed file's parties.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, createTestUser, serviceClient, signIn } from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const OFFICER_HN1 = '00000000-0000-4000-b000-000000000012';
const FILES = 600;
const OVERDUE = 520;

type Row = {
	id: string;
	tracking_code: string | null;
	status: string;
	due: string | null;
	due_purpose: 'accept' | 'resolve';
	days_left: number | null;
	filer: string | null;
	duplicates: { id: string; code: string | null; reason: string }[];
};
type Page = {
	today: string;
	week_end: string;
	counts: { total: number; overdue: number; due_week: number };
	rows: Row[];
	next: { due: string; id: string } | null;
};

let service: SupabaseClient;
let officer: SupabaseClient;
let otherUnitOfficer: SupabaseClient;
let reception: SupabaseClient;
let unitId: string;
let today: string;

const addDays = (iso: string, n: number) =>
	new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function page(who: SupabaseClient, args: Record<string, unknown>) {
	const { data, error } = await who.rpc('staff_complaint_queue', args);
	expect(error).toBeNull();
	return data as Page;
}

/** Every page of a filter, following the cursor. */
async function allPages(who: SupabaseClient, args: Record<string, unknown>) {
	const rows: Row[] = [];
	let next: Page['next'] = null;
	let pages = 0;
	do {
		const p = await page(who, {
			...args,
			p_limit: 100,
			p_after_due: next?.due ?? null,
			p_after_id: next?.id ?? null
		});
		rows.push(...p.rows);
		next = p.next;
		pages++;
	} while (next && pages < 20);
	return { rows, pages };
}

async function staffOf(unit: string, roles: string[]) {
	const u = await createTestUser();
	const { error } = await service.from('staff').insert({
		user_id: u.id,
		unit_id: unit,
		roles,
		full_name: 'Cán bộ thử hàng đợi',
		email: u.email
	});
	expect(error).toBeNull();
	return signIn(u.email, u.password);
}

beforeAll(async () => {
	service = serviceClient();
	otherUnitOfficer = await signIn('khieunai.gl1@thads.local');
	// The database's today in Vietnam, so the fixture's dates and the function's agree.
	today = (await page(otherUnitOfficer, { p_limit: 1 })).today;
	const suffix = randomUUID().slice(0, 6).toUpperCase();
	const { data: unit, error } = await service
		.from('units')
		.insert({ level: 'khu_vuc', code: `TQ-${suffix}`, name: `Phòng THADS thử hàng đợi ${suffix}` })
		.select('id')
		.single();
	expect(error).toBeNull();
	unitId = unit!.id as string;
	// 600 open files straight into the table (filing through the API is rate-limited per filer):
	// 520 overdue (one to 520 days late), 80 due later; half received (accept due), half accepted.
	const rows = Array.from({ length: FILES }, (_, i) => {
		const due = i < OVERDUE ? addDays(today, -(i + 1)) : addDays(today, i - OVERDUE);
		const received = i % 2 === 0;
		return {
			kind: 'petition',
			unit_id: unitId,
			status: received ? 'received' : 'accepted',
			content: `Đơn thử số ${i} về việc thi hành án kéo dài quá lâu.`,
			request: 'Trả lời bằng văn bản',
			accept_due: received ? due : addDays(today, -600),
			resolve_due: received ? null : due
		};
	});
	const ins = await service.from('complaints').insert(rows);
	expect(ins.error).toBeNull();
	[officer, reception] = await Promise.all([
		staffOf(unitId, ['complaint_officer']),
		staffOf(unitId, ['reception'])
	]);
}, 60_000);

describe('the queue filters, sorts and pages in the database', () => {
	it('counts all 600 files and all 520 overdue ones, beyond the old 500-row read', async () => {
		const p = await page(officer, {});
		expect(p.today).toBe(today);
		expect(p.counts.total).toBe(FILES);
		expect(p.counts.overdue).toBe(OVERDUE);
		expect(p.rows).toHaveLength(50);
	});

	it('the old approach (500 rows read, then filtered in JavaScript) could not list them all', async () => {
		const { data } = await officer
			.from('complaints')
			.select('status, accept_due, resolve_due')
			.limit(500);
		const overdue = (data ?? []).filter(
			(r) => ((r.status === 'received' ? r.accept_due : r.resolve_due) ?? '9999') < today
		);
		expect(overdue.length).toBeLessThan(OVERDUE);
	});

	it('the overdue list is complete and ordered by the deadline shown; the 501st and 520th are reachable', async () => {
		const { rows, pages } = await allPages(officer, { p_due: 'overdue' });
		expect(pages).toBe(6);
		expect(rows).toHaveLength(OVERDUE);
		expect(new Set(rows.map((r) => r.id)).size).toBe(OVERDUE);
		for (const r of rows) expect(r.due! < today).toBe(true);
		const dues = rows.map((r) => r.due!);
		expect(dues).toEqual([...dues].sort());
		// The oldest is 520 days late, the newest one day late: both ends are there.
		expect(dues[0]).toBe(addDays(today, -OVERDUE));
		expect(dues[OVERDUE - 1]).toBe(addDays(today, -1));
		expect(rows[500]!.due).toBe(addDays(today, -20));
		// The deadline shown: to accept while received, to resolve after.
		for (const r of rows) {
			expect(r.due_purpose).toBe(r.status === 'received' ? 'accept' : 'resolve');
			expect(r.days_left).toBeLessThan(0);
		}
	});

	it('pages of the whole queue neither overlap nor skip a file', async () => {
		const { rows } = await allPages(officer, {});
		expect(rows).toHaveLength(FILES);
		expect(new Set(rows.map((r) => r.id)).size).toBe(FILES);
		const keys = rows.map((r) => `${r.due ?? '9999'}|${r.id}`);
		expect(keys).toEqual([...keys].sort());
	});

	it('"due this week" holds exactly the open files due from today to Sunday', async () => {
		const p = await page(officer, { p_due: 'week', p_limit: 100 });
		const expected = Array.from({ length: FILES - OVERDUE }, (_, k) => addDays(today, k)).filter(
			(d) => d <= p.week_end
		).length;
		expect(p.counts.due_week).toBe(expected);
		expect(p.rows).toHaveLength(expected);
		for (const r of p.rows) expect(r.due! >= today && r.due! <= p.week_end).toBe(true);
	});

	it('finds a file by its code, with or without dashes', async () => {
		const { data } = await service
			.from('complaints')
			.update({ tracking_code: 'KN-TQ23-4567' })
			.eq('unit_id', unitId)
			.eq('content', 'Đơn thử số 7 về việc thi hành án kéo dài quá lâu.')
			.select('id')
			.single();
		for (const q of ['KN-TQ23-4567', 'kntq234567', 'KN-TQ23']) {
			const p = await page(officer, { p_q: q });
			expect(p.rows.map((r) => r.id)).toEqual([data!.id]);
		}
	});

	it('an officer of another unit, and reception staff of this one, see none of it', async () => {
		const p = await page(otherUnitOfficer, { p_status: 'all', p_q: 'KN-TQ23-4567' });
		expect(p.counts.total).toBe(0);
		expect(p.rows).toEqual([]);
		const overdue = await allPages(otherUnitOfficer, { p_due: 'overdue' });
		const ours = new Set((await allPages(officer, { p_due: 'overdue' })).rows.map((r) => r.id));
		expect(overdue.rows.filter((r) => ours.has(r.id))).toEqual([]);
		const r = await reception.rpc('staff_complaint_queue', {});
		expect(r.error?.message).toBe('not_allowed');
		const a = await anonClient().rpc('staff_complaint_queue', {});
		expect(a.error).not.toBeNull();
	});
});

describe('possible duplicates and the one-call file', () => {
	const randomDigits = (n: number) =>
		Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

	async function file(kind: 'complaint' | 'denunciation', cccd: string, phone: string) {
		const { data, error } = await anonClient().rpc('submit_complaint', {
			idempotency_key: randomUUID(),
			payload: {
				kind,
				subject: 'before_measure',
				unit_id: HN_KV1,
				consent: true,
				content: 'Chấp hành viên chậm tổ chức thi hành bản án đã có hiệu lực pháp luật.',
				request: 'Đề nghị xem xét, trả lời',
				filer: {
					full_name: kind === 'denunciation' ? 'Tô Thị Bí Mật' : 'Trần Văn Công Khai',
					cccd,
					phone,
					province: 'Hà Nội',
					ward: 'Phường Hoàn Kiếm'
				}
			}
		});
		expect(error).toBeNull();
		return (data as { complaint_id: string; code: string }[])[0]!;
	}

	let officerHN1: SupabaseClient;
	let headHN1: SupabaseClient;
	let receptionHN1: SupabaseClient;
	beforeAll(async () => {
		[officerHN1, headHN1, receptionHN1] = await Promise.all([
			signIn('khieunai.hn1@thads.local'),
			signIn('truongphong.hn1@thads.local'),
			signIn('tiepdan.hn1@thads.local')
		]);
	});

	it('two letters with the same CCCD are flagged on each other; a phone written +84 matches 0', async () => {
		const cccd = `0010${randomDigits(8)}`;
		const digits = randomDigits(8);
		const a = await file('complaint', cccd, `09${digits}`);
		const b = await file('complaint', cccd, `09${randomDigits(8)}`);
		const c = await file('complaint', `0020${randomDigits(8)}`, `+849${digits}`);
		const { data, error } = await officerHN1.rpc('complaint_duplicate_hints', {
			p_ids: [a.complaint_id]
		});
		expect(error).toBeNull();
		const hints = (data as { other_id: string; reason: string }[]).map((h) => [
			h.other_id,
			h.reason
		]);
		expect(hints).toEqual(
			expect.arrayContaining([
				[b.complaint_id, 'cccd'],
				[c.complaint_id, 'phone']
			])
		);
		const f = (await officerHN1.rpc('staff_complaint_file', { p_id: b.complaint_id })).data as {
			duplicates: { id: string; code: string }[];
		};
		expect(f.duplicates.map((d) => d.id)).toContain(a.complaint_id);
		const q = await page(officerHN1, { p_q: a.code });
		expect(q.rows[0]!.duplicates.map((d) => d.code)).toContain(b.code);
	});

	it('a sealed denunciation is never flagged, nor flagged on another file (it would name the denouncer)', async () => {
		const cccd = `0030${randomDigits(8)}`;
		const open = await file('complaint', cccd, `09${randomDigits(8)}`);
		const sealed = await file('denunciation', cccd, `09${randomDigits(8)}`);
		for (const id of [open.complaint_id, sealed.complaint_id]) {
			const { data } = await headHN1.rpc('complaint_duplicate_hints', { p_ids: [id] });
			expect(data).toEqual([]);
		}
	});

	it('the file in one call, per role: the denouncer stays hidden from every role, the complaint filer shown', async () => {
		const cccd = `0040${randomDigits(8)}`;
		const phone = `09${randomDigits(8)}`;
		const sealed = await file('denunciation', cccd, phone);
		const plain = await file('complaint', `0050${randomDigits(8)}`, `09${randomDigits(8)}`);
		// Assigned to the officer: even the assigned officer sees the identity only through "reveal".
		expect(
			(await headHN1.rpc('assign_complaint', { p_id: sealed.complaint_id, p_officer: OFFICER_HN1 }))
				.error
		).toBeNull();
		for (const who of [officerHN1, headHN1]) {
			const { data, error } = await who.rpc('staff_complaint_file', { p_id: sealed.complaint_id });
			expect(error).toBeNull();
			const text = JSON.stringify(data);
			expect(text).not.toContain('Tô Thị Bí Mật');
			expect(text).not.toContain(cccd);
			expect(text).not.toContain(phone.slice(1));
			expect((data as { parties: unknown[] }).parties).toEqual([]);
			expect((data as { complaint: { identity_sealed: boolean } }).complaint.identity_sealed).toBe(
				true
			);
		}
		// The complaint's filer is shown to the officer; the opening is logged.
		const d = (await officerHN1.rpc('staff_complaint_file', { p_id: plain.complaint_id })).data as {
			parties: { full_name: string; role: string }[];
			access: { what: string }[];
			events: { event: string }[];
			deadlines: { accept: { due: string; days_left: number } };
			people: { full_name: string }[];
		};
		expect(d.parties.map((p) => p.full_name)).toEqual(['Trần Văn Công Khai']);
		expect(d.access.some((a) => a.what === 'file')).toBe(true);
		expect(d.events.length).toBeGreaterThan(0);
		expect(d.deadlines.accept.days_left).toBeGreaterThan(0);
		expect(d.people.length).toBeGreaterThan(0);
		// Reception staff, another unit's officer, anon: no file at all.
		expect(
			(await receptionHN1.rpc('staff_complaint_file', { p_id: sealed.complaint_id })).error?.message
		).toBe('not_allowed');
		const other = await otherUnitOfficer.rpc('staff_complaint_file', { p_id: plain.complaint_id });
		expect(other.error).toBeNull();
		expect(other.data).toBeNull();
		expect(
			(await anonClient().rpc('staff_complaint_file', { p_id: plain.complaint_id })).error
		).not.toBeNull();
	});
});
