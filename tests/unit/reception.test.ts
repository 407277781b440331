import { describe, expect, it } from 'vitest';
import {
	alternatives,
	generateSlots,
	groupByDay,
	isoWeekday,
	vnParts,
	weekdayOnly,
	type ScheduleRule
} from '$lib/reception/slots';
import {
	bookingDetailsSchema,
	codeAndSecretSchema,
	fieldErrors,
	normalizeBookingCode,
	normalizePhone,
	scheduleRowSchema,
	visitRecordSchema,
	walkInSchema
} from '$lib/reception/schema';
import { deskActions, waitingCount } from '$lib/reception/status';
import { bookingIcs } from '$lib/reception/ics';
import { distanceKm, fold, osmLink } from '$lib/reception/geo';

const rules: ScheduleRule[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
	{ weekday, start_time: '08:00', end_time: '11:30', slot_minutes: 30, capacity: 3 },
	{ weekday, start_time: '13:30', end_time: '17:00', slot_minutes: 45, capacity: 2 }
]);
const holidays = new Set(['2026-09-02', '2026-09-01']);
const isWorkingDay = (d: string) => weekdayOnly(d) && !holidays.has(d);

describe('slot generation', () => {
	it('cuts each schedule row into whole slots in Vietnam time', () => {
		const slots = generateSlots({ rules, from: '2026-11-30', to: '2026-11-30', isWorkingDay });
		// 08:00–11:30 → 7 slots of 30 min; 13:30–17:00 (210 min) → 4 slots of 45 min, remainder dropped.
		expect(slots).toHaveLength(11);
		expect(slots[0]!.starts_at).toBe('2026-11-30T01:00:00.000Z');
		expect(vnParts(slots[0]!.starts_at)).toEqual({ day: '2026-11-30', time: '08:00' });
		expect(vnParts(slots.at(-1)!.ends_at).time).toBe('16:30');
	});

	it('never offers weekends, public holidays or closures', () => {
		const slots = generateSlots({
			rules,
			from: '2026-08-29',
			to: '2026-09-07',
			isWorkingDay,
			closures: ['2026-09-03']
		});
		const days = [...new Set(slots.map((s) => s.day))];
		expect(days).toEqual(['2026-08-31', '2026-09-04', '2026-09-07']);
		expect(days.every((d) => isoWeekday(d) <= 5)).toBe(true);
	});

	it('offers a make-up working Saturday only when the office has Saturday hours', () => {
		const working = (d: string) => d === '2026-10-10' || weekdayOnly(d);
		expect(
			generateSlots({ rules, from: '2026-10-10', to: '2026-10-10', isWorkingDay: working })
		).toHaveLength(0);
		const sat = [
			...rules,
			{ weekday: 6, start_time: '08:00', end_time: '09:00', slot_minutes: 30, capacity: 1 }
		];
		expect(
			generateSlots({ rules: sat, from: '2026-10-10', to: '2026-10-10', isWorkingDay: working })
		).toHaveLength(2);
	});

	it("marks slots inside the head's reception window", () => {
		const slots = generateSlots({
			rules,
			from: '2026-12-03',
			to: '2026-12-03',
			isWorkingDay,
			headDays: [{ day: '2026-12-03', start_time: '08:00', end_time: '10:00' }]
		});
		expect(slots.filter((s) => s.with_head).map((s) => vnParts(s.starts_at).time)).toEqual([
			'08:00',
			'08:30',
			'09:00',
			'09:30'
		]);
	});

	it('groups by day and proposes the nearest free alternatives', () => {
		const slots = generateSlots({ rules, from: '2026-11-30', to: '2026-12-01', isWorkingDay }).map(
			(s, i) => ({ ...s, places_left: i % 2 })
		);
		const days = groupByDay(slots);
		expect(days.map((d) => d.day)).toEqual(['2026-11-30', '2026-12-01']);
		const alt = alternatives(slots, slots[2]!.starts_at, 2);
		expect(alt).toHaveLength(2);
		expect(alt.every((s) => s.places_left! > 0 && s.starts_at !== slots[2]!.starts_at)).toBe(true);
	});
});

describe('booking input', () => {
	const base = {
		full_name: 'Nguyễn Thị Hoa',
		phone: '+84 912 345 678',
		people_count: '1',
		representatives: [],
		topic: 'khieu_nai',
		consent: true
	};

	it('normalises Vietnamese mobile numbers', () => {
		expect(normalizePhone('0912.345.678')).toBe('0912345678');
		expect(normalizePhone('+84912345678')).toBe('0912345678');
		expect(normalizePhone('091234567')).toBeNull();
		expect(bookingDetailsSchema.parse(base).phone).toBe('0912345678');
	});

	it('requires representatives for a group of five or more, at most five', () => {
		const r = bookingDetailsSchema.safeParse({ ...base, people_count: '7' });
		expect(r.success).toBe(false);
		expect(fieldErrors(r.error!).representatives).toBe('reception_error_representatives_required');
		const many = bookingDetailsSchema.safeParse({
			...base,
			people_count: 9,
			representatives: ['An A', 'Bình B', 'Cúc C', 'Dũng D', 'Em E', 'Phúc F']
		});
		expect(fieldErrors(many.error!).representatives).toBe(
			'reception_error_too_many_representatives'
		);
		expect(
			bookingDetailsSchema.safeParse({ ...base, people_count: 5, representatives: ['An A'] })
				.success
		).toBe(true);
	});

	it('checks CCCD length and digits only, consent and topic', () => {
		const r = bookingDetailsSchema.safeParse({
			...base,
			cccd: '0012345',
			consent: false,
			topic: 'x'
		});
		const e = fieldErrors(r.error!);
		expect(e.cccd).toBe('reception_error_invalid_cccd');
		expect(e.consent).toBe('reception_error_consent_required');
		expect(e.topic).toBe('reception_error_invalid_topic');
		expect(bookingDetailsSchema.parse({ ...base, cccd: '001 234 567 890' }).cccd).toBe(
			'001234567890'
		);
	});

	it('reads booking codes typed loosely and refuses look-alike letters', () => {
		expect(normalizeBookingCode('lh abcd 2345')).toBe('LH-ABCD-2345');
		expect(normalizeBookingCode('LH-ABC0-2345')).toBeNull();
		expect(normalizeBookingCode('KN-ABCD-2345')).toBeNull();
		expect(
			codeAndSecretSchema.safeParse({ code: 'LH-ABCD-2345', secret: 'abcd2345' }).success
		).toBe(true);
	});

	it('walk-ins need only a name, a topic and a count', () => {
		expect(
			walkInSchema.safeParse({ full_name: 'Lê Văn Tám', topic: 'hoi_vu_viec', people_count: 1 })
				.success
		).toBe(true);
	});

	it('visit record: a refusal needs a legal reason, a received petition needs a request and consent', () => {
		const id = '00000000-0000-4000-8000-000000000001';
		const refuse = visitRecordSchema.safeParse({
			booking_id: id,
			content: 'Say rượu',
			outcome: 'tu_choi'
		});
		expect(fieldErrors(refuse.error!).refusal_reason).toBe(
			'reception_error_refusal_reason_required'
		);
		const petition = visitRecordSchema.safeParse({
			booking_id: id,
			content: 'Ngắn',
			outcome: 'nhan_don'
		});
		const e = fieldErrors(petition.error!);
		expect(e.content).toBe('reception_error_petition_content_short');
		expect(e.petition_request).toBe('reception_error_petition_request_required');
		expect(e.consent).toBe('reception_error_consent_required');
	});

	it('schedule rows: end after start, sensible slot length', () => {
		expect(
			scheduleRowSchema.safeParse({
				weekday: 1,
				start_time: '08:00',
				end_time: '07:00',
				slot_minutes: 30,
				capacity: 3
			}).success
		).toBe(false);
		expect(
			scheduleRowSchema.safeParse({
				weekday: 1,
				start_time: '08:00',
				end_time: '11:00',
				slot_minutes: 2,
				capacity: 3
			}).success
		).toBe(false);
		expect(
			scheduleRowSchema.parse({
				weekday: '2',
				start_time: '08:00',
				end_time: '11:00',
				slot_minutes: '30',
				capacity: '3'
			}).weekday
		).toBe(2);
	});
});

describe('desk rules and helpers', () => {
	it('offers check-in only on the day, no-show only once the slot has begun', () => {
		const b = { status: 'booked' as const, starts_at: '2026-11-30T01:00:00Z', day: '2026-11-30' };
		expect(deskActions(b, new Date('2026-11-30T00:30:00Z'), '2026-11-30')).toEqual(['check_in']);
		expect(deskActions(b, new Date('2026-11-30T01:10:00Z'), '2026-11-30')).toEqual([
			'check_in',
			'no_show'
		]);
		expect(deskActions(b, new Date('2026-11-29T01:10:00Z'), '2026-11-29')).toEqual([]);
		expect(deskActions({ ...b, status: 'done' }, new Date(), '2026-11-30')).toEqual([]);
		expect(
			waitingCount([{ status: 'checked_in' }, { status: 'waiting' }, { status: 'done' }])
		).toBe(2);
	});

	it('writes a valid iCalendar event with folded lines', () => {
		const ics = bookingIcs({
			code: 'LH-ABCD-2345',
			starts_at: '2026-11-30T01:00:00Z',
			ends_at: '2026-11-30T01:30:00Z',
			summary: 'Tiếp công dân – Phòng Thi hành án dân sự khu vực 1 – Hà Nội',
			location: 'Số 1, phường Hoàn Kiếm, Hà Nội',
			description: 'Mã tra cứu LH-ABCD-2345',
			now: new Date('2026-11-26T00:00:00Z')
		});
		expect(ics).toContain('DTSTART:20261130T010000Z');
		expect(ics).toContain('UID:LH-ABCD-2345@thads');
		for (const line of ics.split('\r\n'))
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
	});

	it('sorts by distance, folds Vietnamese for search and links to OpenStreetMap', () => {
		const hanoi = { lat: 21.0285, lng: 105.8542 };
		expect(Math.round(distanceKm(hanoi, { lat: 10.8231, lng: 106.6297 }))).toBeGreaterThan(1100);
		expect(fold('Đắk Lắk – Phường Hòa Bình')).toBe('dak lak – phuong hoa binh');
		expect(osmLink(21.0143, 105.858)).toBe(
			'https://www.openstreetmap.org/?mlat=21.01430&mlon=105.85800#map=17/21.01430/105.85800'
		);
	});
});
