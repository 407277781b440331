/*
 * Reception data access (server-only): reads through tables/views with RLS, changes through the
 * SQL functions of 20261126000302/303. Citizen calls use the anon client; desk calls use the
 * per-request client (locals.supabase) so RLS and the functions see the staff member.
 */
import type { Db } from '$lib/server/supabase';
import { call, callByCode, jsonb, refusalOf } from '$lib/server/rpc';
import type { Json } from '$lib/database.types';
import type { Slot } from '../slots';
import type { BookingView, DeskBooking, Office, Visit } from '../types';

export { Refusal } from '$lib/server/rpc';

/** Reads fail with the same refusal as calls (./rpc.ts: one rule). */
function fail(error: { message?: string; details?: string | null; code?: string } | null): never {
	throw refusalOf(error);
}

const OFFICE_COLUMNS =
	'id, code, name, short_name, level, province_name, address, phone, reception_hours, lat, lng, contact_confirmed';

/** A phone number nobody confirmed (demo data included) is never shown to citizens as real. */
function publicOffice(row: (Office & { contact_confirmed?: boolean }) | null): Office | null {
	if (!row) return null;
	const { contact_confirmed, ...office } = row;
	return contact_confirmed ? office : { ...office, phone: null };
}

export const offices = {
	/** Current offices that receive citizens (provincial agencies and khu vực offices). */
	async list(client: Db): Promise<Office[]> {
		const { data, error } = await client
			.from('units')
			.select(OFFICE_COLUMNS)
			.in('level', ['tinh', 'khu_vuc'])
			.is('valid_to', null)
			.order('code');
		if (error) fail(error);
		return ((data ?? []) as Office[]).map((o) => publicOffice(o) as Office);
	},
	async byCode(client: Db, code: string): Promise<Office | null> {
		const { data, error } = await client
			.from('units')
			.select(OFFICE_COLUMNS)
			.eq('code', code)
			.is('valid_to', null)
			.in('level', ['tinh', 'khu_vuc'])
			.maybeSingle();
		if (error) fail(error);
		return publicOffice(data as Office | null);
	},
	async byId(client: Db, id: string): Promise<Office | null> {
		const { data, error } = await client
			.from('units')
			.select(OFFICE_COLUMNS)
			.eq('id', id)
			.maybeSingle();
		if (error) fail(error);
		return publicOffice(data as Office | null);
	}
};

export const slots = {
	/** Bookable slots (future, within the horizon, holidays and closures excluded) with places left. */
	async list(client: Db, unitId: string, from: string, to: string): Promise<Slot[]> {
		const data = await call(client, 'list_reception_slots', {
			p_unit_id: unitId,
			p_from: from,
			p_to: to
		});
		return (data ?? []).map((s): Slot => ({
			...s,
			starts_at: new Date(s.starts_at).toISOString(),
			ends_at: new Date(s.ends_at).toISOString()
		}));
	}
};

export interface BookResult {
	booking_id: string;
	code: string;
	secret: string;
	unit_id: string;
	starts_at: string;
	ends_at: string;
	with_head: boolean;
}

export const bookings = {
	/** Books a slot (anon); idempotent on `key`. */
	create: async (client: Db, payload: Record<string, unknown>, key: string) =>
		jsonb<BookResult>(
			await call(client, 'book_reception', { payload: payload as Json, idempotency_key: key })
		),
	read: async (client: Db, code: string, secret: string) =>
		jsonb<BookingView>(
			await callByCode(client, 'get_booking_by_code', { p_code: code, p_secret: secret })
		),
	cancel: async (client: Db, code: string, secret: string) =>
		jsonb<{ status: string }>(
			await callByCode(client, 'cancel_booking_by_code', { p_code: code, p_secret: secret })
		),
	reschedule: async (client: Db, code: string, secret: string, startsAt: string) =>
		jsonb<{ starts_at: string }>(
			await callByCode(client, 'reschedule_booking_by_code', {
				p_code: code,
				p_secret: secret,
				p_starts_at: startsAt
			})
		)
};

const DESK_COLUMNS =
	'id, unit_id, channel, status, day, starts_at, ends_at, with_head, tracking_code, full_name, phone, cccd, address, people_count, representatives, topic, case_number, summary, wants_head, queue_no, needs_reschedule, checked_in_at, started_at, finished_at, called_at';

/**
 * The desk's order (issue 18.11): people who have arrived first, by their desk number — numbers
 * are given on arrival (check-in or walk-in registration), so this is arrival order, and a 09:00
 * walk-in who came after a booked 08:30 visitor sits below them; then those still expected, by
 * slot; then no-shows and cancellations.
 */
export function deskOrder<T extends Pick<DeskBooking, 'status' | 'queue_no' | 'starts_at'>>(
	list: T[]
): T[] {
	const group = (b: T) => (b.queue_no !== null ? 0 : b.status === 'booked' ? 1 : 2);
	const slot = (b: T) => (b.starts_at ? Date.parse(b.starts_at) : Number.MAX_SAFE_INTEGER);
	return [...list].sort(
		(a, b) =>
			group(a) - group(b) ||
			(a.queue_no ?? Number.MAX_SAFE_INTEGER) - (b.queue_no ?? Number.MAX_SAFE_INTEGER) ||
			slot(a) - slot(b)
	);
}

export const desk = {
	/** The unit's list for one local day, in desk order (see deskOrder). */
	async day(client: Db, unitId: string, day: string): Promise<DeskBooking[]> {
		const { data, error } = await client
			.from('bookings')
			.select(DESK_COLUMNS)
			.eq('unit_id', unitId)
			.eq('day', day)
			.order('starts_at', { ascending: true, nullsFirst: false })
			.limit(1000);
		if (error) fail(error);
		return deskOrder((data ?? []) as DeskBooking[]);
	},
	/**
	 * The next `limit` people still expected today (booked, not arrived), by slot: only the columns
	 * the staff home shows, and only as many rows as it shows.
	 */
	async next(client: Db, unitId: string, day: string, limit: number) {
		const { data, error } = await client
			.from('bookings')
			.select('starts_at, tracking_code, full_name')
			.eq('unit_id', unitId)
			.eq('day', day)
			.eq('status', 'booked')
			.order('queue_no', { ascending: true, nullsFirst: false })
			.order('starts_at', { ascending: true, nullsFirst: false })
			.limit(limit);
		if (error) fail(error);
		return (data ?? []) as Pick<DeskBooking, 'starts_at' | 'tracking_code' | 'full_name'>[];
	},
	/**
	 * The waiting-room board: numbers only (no name, phone or code ever leaves this function), the
	 * number called last and those still waiting to be called, in queue order.
	 */
	async board(client: Db, unitId: string, day: string) {
		const { data, error } = await client
			.from('bookings')
			.select('queue_no, status, called_at')
			.eq('unit_id', unitId)
			.eq('day', day)
			.not('queue_no', 'is', null)
			.order('queue_no')
			.limit(1000);
		if (error) fail(error);
		const rows = (data ?? []) as { queue_no: number; status: string; called_at: string | null }[];
		const called = rows
			.filter((r) => r.called_at)
			.sort((a, b) => Date.parse(b.called_at!) - Date.parse(a.called_at!));
		const waiting = rows.filter(
			(r) => !r.called_at && (r.status === 'checked_in' || r.status === 'waiting')
		);
		return {
			current: called[0]?.queue_no ?? null,
			recent: called.slice(1, 4).map((r) => r.queue_no),
			next: waiting.map((r) => r.queue_no)
		};
	},
	/** Calls the next number to the counter (audited); answers its number. */
	callNext: async (client: Db) =>
		jsonb<{ id: string; queue_no: number }>(await call(client, 'call_next_visitor', {})),
	async get(client: Db, id: string): Promise<DeskBooking | null> {
		const { data, error } = await client
			.from('bookings')
			.select(DESK_COLUMNS)
			.eq('id', id)
			.maybeSingle();
		if (error) fail(error);
		return data as DeskBooking | null;
	},
	checkIn: async (client: Db, code: string) =>
		jsonb<DeskBooking>(await call(client, 'check_in_booking', { p_code: code })),
	walkIn: async (client: Db, payload: Record<string, unknown>) =>
		jsonb<DeskBooking>(await call(client, 'add_walk_in', { payload: payload as Json })),
	start: async (client: Db, id: string) =>
		jsonb<DeskBooking>(await call(client, 'start_reception', { p_booking_id: id })),
	noShow: (client: Db, id: string) => call(client, 'mark_no_show', { p_booking_id: id }),
	record: async (client: Db, id: string, payload: Record<string, unknown>) =>
		jsonb<{
			visit_id: string;
			complaint_id: string | null;
			complaint_code: string | null;
			/** Shown once to hand over; not stored in clear anywhere. */
			complaint_secret: string | null;
			identity_sealed: boolean;
		}>(
			await call(client, 'record_reception_visit', { p_booking_id: id, payload: payload as Json })
		),
	/** The reception record (sổ tiếp công dân) of a unit for a period of local days. */
	async visits(client: Db, unitId: string, from: string, to: string): Promise<Visit[]> {
		const { data, error } = await client
			.from('reception_visits')
			.select('*')
			.eq('unit_id', unitId)
			.gte('day', from)
			.lte('day', to)
			.order('received_at')
			.limit(10000);
		if (error) fail(error);
		return (data ?? []) as Visit[];
	}
};

export interface ScheduleData {
	rules: {
		id: string;
		weekday: number;
		start_time: string;
		end_time: string;
		slot_minutes: number;
		capacity: number;
	}[];
	closures: { id: string; day: string; reason: string }[];
	headDays: { id: string; day: string; start_time: string; end_time: string; head_name: string }[];
}

export const schedules = {
	async read(client: Db, unitId: string, fromDay: string): Promise<ScheduleData> {
		const [r, c, h] = await Promise.all([
			client
				.from('reception_schedules')
				.select('id, weekday, start_time, end_time, slot_minutes, capacity')
				.eq('unit_id', unitId)
				.order('weekday')
				.order('start_time'),
			client
				.from('reception_closures')
				.select('id, day, reason')
				.eq('unit_id', unitId)
				.gte('day', fromDay)
				.order('day'),
			client
				.from('reception_head_days')
				.select('id, day, start_time, end_time, head_name')
				.eq('unit_id', unitId)
				.gte('day', fromDay)
				.order('day')
				.limit(60)
		]);
		if (r.error) fail(r.error);
		if (c.error) fail(c.error);
		if (h.error) fail(h.error);
		const hhmm = (t: string) => t.slice(0, 5);
		return {
			rules: (r.data ?? []).map((x) => ({
				...x,
				start_time: hhmm(x.start_time),
				end_time: hhmm(x.end_time)
			})),
			closures: c.data ?? [],
			headDays: (h.data ?? []).map((x) => ({
				...x,
				start_time: hhmm(x.start_time),
				end_time: hhmm(x.end_time)
			}))
		};
	},
	save: async (client: Db, unitId: string, rows: unknown[]) =>
		jsonb<{ rows: number; flagged: number }>(
			await call(client, 'save_reception_schedule', { p_unit_id: unitId, p_rows: rows as Json })
		),
	addClosure: async (client: Db, unitId: string, day: string, reason: string) =>
		jsonb<{ flagged: number }>(
			await call(client, 'add_reception_closure', {
				p_unit_id: unitId,
				p_day: day,
				p_reason: reason
			})
		),
	removeClosure: async (client: Db, id: string) =>
		jsonb<{ flagged: number }>(await call(client, 'remove_reception_closure', { p_id: id })),
	saveHeadDay: (
		client: Db,
		unitId: string,
		d: { day: string; start_time: string; end_time: string; head_name: string }
	) =>
		call(client, 'save_head_reception_day', {
			p_unit_id: unitId,
			p_day: d.day,
			p_start: d.start_time,
			p_end: d.end_time,
			p_head_name: d.head_name
		}),
	removeHeadDay: (client: Db, id: string) => call(client, 'remove_head_reception_day', { p_id: id })
};

/** Today's date in Vietnam (YYYY-MM-DD): the one helper in src/lib/vn-time.ts. */
export { vnToday } from '../../vn-time';
