// Citizen reception through the real API (supabase-js → stand-in): capacity under concurrency,
// holidays and past slots, unit checks at the desk, schedule changes, the reception record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import {
	anonClient,
	createTestUser,
	isStandIn,
	randomClientAddress,
	serviceClient,
	signIn,
	sql,
	allDayOffice
} from './helpers';

const TZ_OFFSET = 7 * 3600_000;
const vnDay = (d: Date) => new Date(d.getTime() + TZ_OFFSET).toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
	new Date(Date.parse(day + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

let service: SupabaseClient;
let unitId: string;
let deskStaff: SupabaseClient;
let phoneSeq = 0;
/** A fresh valid mobile number per booking (the per-phone limits are tested on purpose below). */
const phone = () =>
	`09${String(Date.now() % 1e4).padStart(4, '0')}${String(phoneSeq++).padStart(4, '0')}`;

async function slotsOf(
	unit: string,
	from = vnDay(new Date()),
	to = addDays(vnDay(new Date()), 14)
) {
	const { data, error } = await anonClient().rpc('list_reception_slots', {
		p_unit_id: unit,
		p_from: from,
		p_to: to
	});
	if (error) throw error;
	return data as {
		day: string;
		starts_at: string;
		ends_at: string;
		capacity: number;
		places_left: number;
		with_head: boolean;
	}[];
}

function book(
	startsAt: string,
	extra: Record<string, unknown> = {},
	key: string | null = null,
	unit = unitId
) {
	return anonClient().rpc('book_reception', {
		payload: {
			unit_id: unit,
			starts_at: startsAt,
			full_name: 'Nguyễn Văn Thử',
			phone: phone(),
			people_count: 1,
			topic: 'khieu_nai',
			consent: true,
			...extra
		},
		idempotency_key: key
	});
}

beforeAll(async () => {
	service = serviceClient();
	unitId = await allDayOffice(service, 'TR', 'Phòng thử nghiệm tiếp công dân', 'Số 1 đường Thử');
	const user = await createTestUser();
	const st = await service.from('staff').insert({
		user_id: user.id,
		unit_id: unitId,
		roles: ['reception'],
		full_name: 'Cán bộ tiếp dân thử',
		email: user.email
	});
	if (st.error) throw st.error;
	deskStaff = await signIn(user.email, user.password);
	// Generous booking limits for the concurrency test (restored after).
	await service
		.from('reception_settings')
		.update({ bookings_per_phone_per_hour: 1000 })
		.eq('id', true);
});

afterAll(async () => {
	await service
		.from('reception_settings')
		.update({ bookings_per_phone_per_hour: 10, max_active_bookings_per_phone: 3 })
		.eq('id', true);
});

describe('capacity', () => {
	it('200 simultaneous bookings for a slot with 10 places: exactly 10 succeed, the rest get slot_full', async () => {
		const slots = await slotsOf(unitId);
		const slot = slots.find(
			(s) => s.places_left === 10 && Date.parse(s.starts_at) > Date.now() + 3 * 3600_000
		)!;
		expect(slot).toBeTruthy();
		const results = await Promise.all(Array.from({ length: 200 }, () => book(slot.starts_at)));
		const ok = results.filter((r) => !r.error);
		const errors = results.filter((r) => r.error).map((r) => r.error!.message);
		expect(ok).toHaveLength(10);
		expect(new Set(errors)).toEqual(new Set(['slot_full']));
		const { count } = await service
			.from('bookings')
			.select('id', { count: 'exact', head: true })
			.eq('unit_id', unitId)
			.eq('starts_at', slot.starts_at)
			.neq('status', 'cancelled');
		expect(count).toBe(10);
		const after = (await slotsOf(unitId, slot.day, slot.day)).find(
			(s) => s.starts_at === slot.starts_at
		)!;
		expect(after.places_left).toBe(0);
	}, 120_000);

	it('a cancelled place returns to the pool at once', async () => {
		const slot = (await slotsOf(unitId)).find(
			(s) => s.places_left === 10 && Date.parse(s.starts_at) > Date.now() + 3 * 3600_000
		)!;
		const made = [];
		for (let i = 0; i < 10; i++)
			made.push((await book(slot.starts_at)).data as { code: string; secret: string });
		expect((await book(slot.starts_at)).error?.message).toBe('slot_full');
		const c = await anonClient().rpc('cancel_booking_by_code', {
			p_code: made[0]!.code,
			p_secret: made[0]!.secret
		});
		expect(c.error).toBeNull();
		expect((await book(slot.starts_at)).error).toBeNull();
	}, 60_000);

	it('a repeated submission (same idempotency key) books once and returns the same code', async () => {
		const slot = (await slotsOf(unitId)).find(
			(s) => s.places_left > 1 && Date.parse(s.starts_at) > Date.now() + 3 * 3600_000
		)!;
		const key = randomUUID();
		const payload = { full_name: 'Người gửi lại', phone: '0911000111' };
		const a = await book(slot.starts_at, payload, key);
		const b = await book(slot.starts_at, payload, key);
		expect(a.error).toBeNull();
		expect(b.data).toEqual(a.data);
		// One booking: the replay answered the first booking's id (keys are no longer stored).
		const { count } = await service
			.from('bookings')
			.select('id', { count: 'exact', head: true })
			.eq('phone', '0911000111')
			.eq('starts_at', slot.starts_at);
		expect(count).toBe(1);
	});

	it('a phone number holds at most the configured number of active bookings', async () => {
		await service
			.from('reception_settings')
			.update({ max_active_bookings_per_phone: 2 })
			.eq('id', true);
		const slots = (await slotsOf(unitId)).filter(
			(s) => s.places_left > 0 && Date.parse(s.starts_at) > Date.now() + 3 * 3600_000
		);
		const p = '0933444555';
		expect((await book(slots[0]!.starts_at, { phone: p })).error).toBeNull();
		expect((await book(slots[1]!.starts_at, { phone: p })).error).toBeNull();
		expect((await book(slots[2]!.starts_at, { phone: p })).error?.message).toBe(
			'too_many_active_bookings'
		);
		await service
			.from('reception_settings')
			.update({ max_active_bookings_per_phone: 3 })
			.eq('id', true);
	});
	it('cancelling or moving a booking closes its queued day-before reminder', async () => {
		const day = addDays(vnDay(new Date()), 3);
		const slot = (await slotsOf(unitId, day, addDays(day, 5))).find((s) => s.places_left > 0)!;
		const b = (await book(slot.starts_at)).data as {
			code: string;
			secret: string;
			booking_id: string;
		};
		const reminders = () =>
			service
				.from('notifications')
				.select('status, last_error')
				.eq('template', 'reception_booking_reminder')
				.contains('payload', { booking_id: b.booking_id });
		expect((await reminders()).data).toEqual([{ status: 'queued', last_error: null }]);
		await anonClient().rpc('cancel_booking_by_code', { p_code: b.code, p_secret: b.secret });
		expect((await reminders()).data).toEqual([{ status: 'failed', last_error: 'superseded' }]);
	});
});

describe('what cannot be booked', () => {
	it('public holidays never show and cannot be booked', async () => {
		const day = addDays(vnDay(new Date()), 5);
		const existing = await service.from('holidays').select('day').eq('day', day).maybeSingle();
		if (!existing.data)
			await service.from('holidays').insert({ day, name: 'Ngày nghỉ thử', is_day_off: true });
		try {
			const slots = await slotsOf(unitId, day, day);
			expect(slots).toHaveLength(0);
			const r = await book(`${day}T02:00:00Z`);
			expect(r.error?.message).toBe('day_closed');
		} finally {
			if (!existing.data) await service.from('holidays').delete().eq('day', day);
		}
	});

	it('past slots, slots outside the schedule and invalid input are refused, nothing written', async () => {
		const before = await service
			.from('bookings')
			.select('id', { count: 'exact', head: true })
			.eq('unit_id', unitId);
		const yesterday = addDays(vnDay(new Date()), -1);
		expect((await book(`${yesterday}T02:00:00Z`)).error?.message).toBe('slot_in_past');
		const slot = (await slotsOf(unitId)).find(
			(s) => Date.parse(s.starts_at) > Date.now() + 3 * 3600_000
		)!;
		const offGrid = new Date(Date.parse(slot.starts_at) + 7 * 60_000).toISOString();
		expect((await book(offGrid)).error?.message).toBe('slot_not_found');
		expect((await book(slot.starts_at, { phone: '12345' })).error?.message).toBe('invalid_phone');
		expect((await book(slot.starts_at, { cccd: '123' })).error?.message).toBe('invalid_cccd');
		expect((await book(slot.starts_at, { people_count: 6 })).error?.message).toBe(
			'representatives_required'
		);
		expect((await book(slot.starts_at, { consent: false })).error?.message).toBe(
			'consent_required'
		);
		expect((await book(addDays(vnDay(new Date()), 90) + 'T02:00:00Z')).error?.message).toBe(
			'beyond_horizon'
		);
		const after = await service
			.from('bookings')
			.select('id', { count: 'exact', head: true })
			.eq('unit_id', unitId);
		expect(after.count).toBe(before.count);
	});
});

describe('the desk', () => {
	it("refuses a code that is not for the desk's unit, and a booking that is not for today", async () => {
		const hnSlot = (await slotsOf('00000000-0000-4000-a000-000000000011')).find(
			(s) => s.places_left > 0
		)!;
		const hn = (await book(hnSlot.starts_at, {}, null, '00000000-0000-4000-a000-000000000011'))
			.data as { code: string };
		const r = await deskStaff.rpc('check_in_booking', { p_code: hn.code });
		expect(r.error?.message).toBe('booking_other_unit');
		const gl = await signIn('tiepdan.gl1@thads.local');
		expect((await gl.rpc('check_in_booking', { p_code: hn.code })).error?.message).toBe(
			'booking_other_unit'
		);
		const tomorrow = (
			await slotsOf(unitId, addDays(vnDay(new Date()), 1), addDays(vnDay(new Date()), 3))
		).find((s) => s.places_left > 0)!;
		const t = (await book(tomorrow.starts_at)).data as { code: string };
		expect((await deskStaff.rpc('check_in_booking', { p_code: t.code })).error?.message).toBe(
			'booking_not_today'
		);
		// Citizens (anon) cannot call desk functions at all.
		expect((await anonClient().rpc('check_in_booking', { p_code: t.code })).error?.code).toBe(
			'42501'
		);
	});

	it('checks in, receives, records the visit and counts it; a received petition becomes a complaint', async () => {
		const today = vnDay(new Date());
		const slot = (await slotsOf(unitId, today, today)).find((s) => s.places_left > 0);
		if (!slot) return; // late at night: no slot left today in this test office
		const b = (
			await book(slot.starts_at, {
				people_count: 6,
				representatives: ['Trần Văn Một', 'Lê Thị Hai'],
				case_number: '12/QĐ-THADS'
			})
		).data as { code: string; booking_id: string };
		const ci = await deskStaff.rpc('check_in_booking', {
			p_code: b.code.replace(/-/g, '').toLowerCase()
		});
		expect(ci.error).toBeNull();
		expect(ci.data.status).toBe('checked_in');
		expect(ci.data.queue_no).toBeGreaterThan(0);
		expect(
			(await deskStaff.rpc('start_reception', { p_booking_id: b.booking_id })).error
		).toBeNull();
		const rec = await deskStaff.rpc('record_reception_visit', {
			p_booking_id: b.booking_id,
			payload: {
				content: 'Khiếu nại quyết định cưỡng chế kê biên tài sản số 12/QĐ-THADS',
				documents: 'Đơn khiếu nại (1 bản)',
				outcome: 'nhan_don',
				petition_request: 'Hủy quyết định cưỡng chế',
				consent: true
			}
		});
		expect(rec.error).toBeNull();
		expect(rec.data.complaint_code).toMatch(/^KN-/);
		const complaint = await service
			.from('complaints')
			.select('kind, unit_id, is_group')
			.eq('id', rec.data.complaint_id)
			.single();
		expect(complaint.data).toMatchObject({ kind: 'complaint', unit_id: unitId, is_group: true });
		const stats = await deskStaff
			.from('reception_stats')
			.select('*')
			.eq('unit_id', unitId)
			.eq('day', today)
			.single();
		expect(stats.data.visits).toBeGreaterThanOrEqual(1);
		expect(stats.data.group_visits).toBeGreaterThanOrEqual(1);
		expect(stats.data.outcome_received).toBeGreaterThanOrEqual(1);
		// Refusal needs a legal reason from the lookup.
		const w = await deskStaff.rpc('add_walk_in', {
			payload: { full_name: 'Người đến trực tiếp', topic: 'hoi_vu_viec' }
		});
		expect(w.error).toBeNull();
		const noReason = await deskStaff.rpc('record_reception_visit', {
			p_booking_id: w.data.id,
			payload: { content: 'x', outcome: 'tu_choi' }
		});
		expect(noReason.error?.message).toBe('refusal_reason_required');
		const refused = await deskStaff.rpc('record_reception_visit', {
			p_booking_id: w.data.id,
			payload: { content: 'Say rượu, la lối', outcome: 'tu_choi', refusal_reason: 'intoxicated' }
		});
		expect(refused.error).toBeNull();
	});

	it('a schedule change never drops bookings: affected ones are flagged and the citizen notified', async () => {
		const slot = (await slotsOf(unitId)).find(
			(s) => s.places_left > 0 && Date.parse(s.starts_at) > Date.now() + 26 * 3600_000
		)!;
		const b = (await book(slot.starts_at)).data as {
			code: string;
			secret: string;
			booking_id: string;
		};
		const c = await deskStaff.rpc('add_reception_closure', {
			p_unit_id: unitId,
			p_day: slot.day,
			p_reason: 'Mất điện'
		});
		expect(c.error).toBeNull();
		expect(c.data.flagged).toBeGreaterThanOrEqual(1);
		const view = await anonClient().rpc('get_booking_by_code', {
			p_code: b.code,
			p_secret: b.secret
		});
		expect(view.data).toMatchObject({ status: 'booked', needs_reschedule: true });
		const msgs = await service
			.from('notifications')
			.select('template')
			.eq('template', 'reception_booking_affected')
			.contains('payload', { code: b.code });
		expect(msgs.data?.length).toBeGreaterThan(0);
		// The citizen moves to another slot; the flag clears.
		const other = (await slotsOf(unitId)).find((s) => s.places_left > 0 && s.day !== slot.day)!;
		const moved = await anonClient().rpc('reschedule_booking_by_code', {
			p_code: b.code,
			p_secret: b.secret,
			p_starts_at: other.starts_at
		});
		expect(moved.error).toBeNull();
		const again = await anonClient().rpc('get_booking_by_code', {
			p_code: b.code,
			p_secret: b.secret
		});
		expect(again.data.needs_reschedule).toBe(false);
		await deskStaff.rpc('remove_reception_closure', { p_id: c.data.id });
	});

	it('staff of another unit cannot change this schedule; anon cannot read bookings', async () => {
		const gl = await signIn('tiepdan.gl1@thads.local');
		const r = await gl.rpc('save_reception_schedule', { p_unit_id: unitId, p_rows: [] });
		expect(r.error?.message).toBe('not_allowed');
		const a = await anonClient().from('bookings').select('id').limit(1);
		expect(a.error?.code).toBe('42501');
		const complaints = await signIn('khieunai.hn1@thads.local');
		const c = await complaints.from('bookings').select('id');
		expect(c.data).toEqual([]);
	});
});

describe('booking code + secret', () => {
	it('counts wrong secrets on direct RPC calls: 5 from one client lock the code for that client until the lock expires', async () => {
		const slot = (await slotsOf(unitId)).find(
			(s) => s.places_left > 0 && Date.parse(s.starts_at) > Date.now() + 3 * 3600_000
		)!;
		const b = (await book(slot.starts_at)).data as { code: string; secret: string };
		// One client: the lock is per (code, client) (security issue 12, item 9).
		const anon = anonClient({ address: randomClientAddress() });
		const wrong = b.secret.startsWith('A') ? 'BBBBBBBB' : 'AAAAAAAA';
		// Each function answers a wrong secret with null and no error (a raise would roll back the count).
		for (const fn of ['get_booking_by_code', 'cancel_booking_by_code', 'get_booking_by_code'])
			expect(await anon.rpc(fn, { p_code: b.code, p_secret: wrong })).toMatchObject({
				data: null,
				error: null
			});
		for (let i = 0; i < 2; i++)
			expect(
				(
					await anon.rpc('reschedule_booking_by_code', {
						p_code: b.code,
						p_secret: wrong,
						p_starts_at: slot.starts_at
					})
				).data
			).toBeNull();
		// Five wrong secrets: locked, so the right one is refused too, the same way.
		const locked = await anon.rpc('get_booking_by_code', { p_code: b.code, p_secret: b.secret });
		expect(locked).toMatchObject({ data: null, error: null });
		expect(
			(await anon.rpc('cancel_booking_by_code', { p_code: b.code, p_secret: b.secret })).data
		).toBeNull();
		// Another client (the owner's phone) is not locked out.
		expect(
			(await anonClient().rpc('get_booking_by_code', { p_code: b.code, p_secret: b.secret })).data
		).toMatchObject({ code: b.code });
		if (!isStandIn()) return;
		// When the lock has expired the right secret works again.
		await sql(
			`update private.rate_limits set window_start = window_start - interval '16 minutes'
			  where bucket = 'tracking_fail_code_client' and key like $1 || '|%'`,
			[b.code]
		);
		const open = await anon.rpc('get_booking_by_code', { p_code: b.code, p_secret: b.secret });
		expect(open.data).toMatchObject({ code: b.code, status: 'booked' });
	});
});
