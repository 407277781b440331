/*
 * Reception data access (server-only): reads through tables/views with RLS, changes through the
 * SQL functions of 20261126000302/303. Citizen calls use the anon client; desk calls use the
 * per-request client (locals.supabase) so RLS and the functions see the staff member.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Slot } from '../slots';
import type { BookingView, DeskBooking, Office, Visit } from '../types';

/** A coded failure from an SQL function (P0001 message), e.g. `slot_full`. */
export class ReceptionError extends Error {
	constructor(
		public code: string,
		public detail?: string
	) {
		super(code);
	}
}

function fail(error: { message?: string; details?: string | null; code?: string } | null): never {
	const msg = error?.message ?? 'unknown';
	if (/^[a-z_.]+$/.test(msg)) throw new ReceptionError(msg, error?.details ?? undefined);
	console.error('[reception] unexpected database error', error?.code, msg);
	throw new ReceptionError('unexpected');
}

async function rpc<T>(
	client: SupabaseClient,
	fn: string,
	args: Record<string, unknown>
): Promise<T> {
	const { data, error } = await client.rpc(fn, args);
	if (error) fail(error);
	return data as T;
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
	async list(client: SupabaseClient): Promise<Office[]> {
		const { data, error } = await client
			.from('units')
			.select(OFFICE_COLUMNS)
			.in('level', ['tinh', 'khu_vuc'])
			.is('valid_to', null)
			.order('code');
		if (error) fail(error);
		return ((data ?? []) as Office[]).map((o) => publicOffice(o) as Office);
	},
	async byCode(client: SupabaseClient, code: string): Promise<Office | null> {
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
	async byId(client: SupabaseClient, id: string): Promise<Office | null> {
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
	async list(client: SupabaseClient, unitId: string, from: string, to: string): Promise<Slot[]> {
		const data = await rpc<Slot[]>(client, 'list_reception_slots', {
			p_unit_id: unitId,
			p_from: from,
			p_to: to
		});
		return (data ?? []).map((s) => ({
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

/** The by-code functions answer null (never raise) for an unknown code, a wrong or a locked secret. */
async function byCode<T>(client: SupabaseClient, fn: string, args: Record<string, unknown>) {
	const data = await rpc<T | null>(client, fn, args);
	if (data === null || data === undefined) throw new ReceptionError('tracking_not_found');
	return data;
}

export const bookings = {
	/** Books a slot (anon); idempotent on `key`. */
	create: (client: SupabaseClient, payload: Record<string, unknown>, key: string) =>
		rpc<BookResult>(client, 'book_reception', { payload, idempotency_key: key }),
	read: (client: SupabaseClient, code: string, secret: string) =>
		byCode<BookingView>(client, 'get_booking_by_code', { p_code: code, p_secret: secret }),
	cancel: (client: SupabaseClient, code: string, secret: string) =>
		byCode<{ status: string }>(client, 'cancel_booking_by_code', {
			p_code: code,
			p_secret: secret
		}),
	reschedule: (client: SupabaseClient, code: string, secret: string, startsAt: string) =>
		byCode<{ starts_at: string }>(client, 'reschedule_booking_by_code', {
			p_code: code,
			p_secret: secret,
			p_starts_at: startsAt
		})
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
	async day(client: SupabaseClient, unitId: string, day: string): Promise<DeskBooking[]> {
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
	 * The waiting-room board: numbers only (no name, phone or code ever leaves this function), the
	 * number called last and those still waiting to be called, in queue order.
	 */
	async board(client: SupabaseClient, unitId: string, day: string) {
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
	callNext: (client: SupabaseClient) =>
		rpc<{ id: string; queue_no: number }>(client, 'call_next_visitor', {}),
	async get(client: SupabaseClient, id: string): Promise<DeskBooking | null> {
		const { data, error } = await client
			.from('bookings')
			.select(DESK_COLUMNS)
			.eq('id', id)
			.maybeSingle();
		if (error) fail(error);
		return data as DeskBooking | null;
	},
	checkIn: (client: SupabaseClient, code: string) =>
		rpc<DeskBooking>(client, 'check_in_booking', { p_code: code }),
	walkIn: (client: SupabaseClient, payload: Record<string, unknown>) =>
		rpc<DeskBooking>(client, 'add_walk_in', { payload }),
	start: (client: SupabaseClient, id: string) =>
		rpc<DeskBooking>(client, 'start_reception', { p_booking_id: id }),
	noShow: (client: SupabaseClient, id: string) =>
		rpc<unknown>(client, 'mark_no_show', { p_booking_id: id }),
	record: (client: SupabaseClient, id: string, payload: Record<string, unknown>) =>
		rpc<{
			visit_id: string;
			complaint_id: string | null;
			complaint_code: string | null;
			/** Shown once to hand over; not stored in clear anywhere. */
			complaint_secret: string | null;
			identity_sealed: boolean;
		}>(client, 'record_reception_visit', {
			p_booking_id: id,
			payload
		}),
	/** The reception record (sổ tiếp công dân) of a unit for a period of local days. */
	async visits(client: SupabaseClient, unitId: string, from: string, to: string): Promise<Visit[]> {
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
	async read(client: SupabaseClient, unitId: string, fromDay: string): Promise<ScheduleData> {
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
	save: (client: SupabaseClient, unitId: string, rows: unknown[]) =>
		rpc<{ rows: number; flagged: number }>(client, 'save_reception_schedule', {
			p_unit_id: unitId,
			p_rows: rows
		}),
	addClosure: (client: SupabaseClient, unitId: string, day: string, reason: string) =>
		rpc<{ flagged: number }>(client, 'add_reception_closure', {
			p_unit_id: unitId,
			p_day: day,
			p_reason: reason
		}),
	removeClosure: (client: SupabaseClient, id: string) =>
		rpc<{ flagged: number }>(client, 'remove_reception_closure', { p_id: id }),
	saveHeadDay: (
		client: SupabaseClient,
		unitId: string,
		d: { day: string; start_time: string; end_time: string; head_name: string }
	) =>
		rpc<unknown>(client, 'save_head_reception_day', {
			p_unit_id: unitId,
			p_day: d.day,
			p_start: d.start_time,
			p_end: d.end_time,
			p_head_name: d.head_name
		}),
	removeHeadDay: (client: SupabaseClient, id: string) =>
		rpc<unknown>(client, 'remove_head_reception_day', { p_id: id })
};

/** Today's date in Vietnam (YYYY-MM-DD): the one helper in src/lib/vn-time.ts. */
export { vnToday } from '../../vn-time';
