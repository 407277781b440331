/*
 * Pure slot rules, mirrored from private.reception_slots() in SQL so the unit tests pin them down
 * and the pages can group and label what the database returns. Times are Vietnam local time
 * (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).
 */

const VN_OFFSET_MINUTES = 7 * 60;

export interface ScheduleRule {
	weekday: number; // ISO 1 = Monday
	start_time: string; // HH:MM
	end_time: string;
	slot_minutes: number;
	capacity: number;
}
export interface Slot {
	day: string; // YYYY-MM-DD local
	starts_at: string; // ISO UTC
	ends_at: string;
	capacity: number;
	places_left?: number;
	with_head: boolean;
}
export interface HeadDay {
	day: string;
	start_time: string;
	end_time: string;
}

const toMinutes = (t: string) => {
	const [h = 0, m = 0] = t.split(':').map(Number);
	return h * 60 + m;
};

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
export function isoWeekday(day: string): number {
	const d = new Date(day + 'T00:00:00Z').getUTCDay();
	return d === 0 ? 7 : d;
}

/** UTC instant of a Vietnam local day + minutes after midnight. */
function vnInstant(day: string, minutes: number): Date {
	return new Date(Date.parse(day + 'T00:00:00Z') + (minutes - VN_OFFSET_MINUTES) * 60_000);
}

/** Local day (YYYY-MM-DD) and time (HH:MM) in Vietnam of an instant. */
export function vnParts(instant: string | Date): { day: string; time: string } {
	const d = new Date(new Date(instant).getTime() + VN_OFFSET_MINUTES * 60_000);
	const iso = d.toISOString();
	return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export function addDays(day: string, n: number): string {
	return new Date(Date.parse(day + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Slots of one office between two local days: each schedule row of the weekday cut into whole
 * slots (a remainder shorter than a slot is dropped), days that are not working days (public
 * holidays; weekends unless a make-up working day) and closures skipped, slots starting inside
 * a head's reception window marked with_head.
 */
export function generateSlots(opts: {
	rules: ScheduleRule[];
	from: string;
	to: string;
	isWorkingDay: (day: string) => boolean;
	closures?: string[];
	headDays?: HeadDay[];
}): Slot[] {
	const out: Slot[] = [];
	const closures = new Set(opts.closures ?? []);
	for (let day = opts.from; day <= opts.to; day = addDays(day, 1)) {
		if (!opts.isWorkingDay(day) || closures.has(day)) continue;
		const wd = isoWeekday(day);
		const head = (opts.headDays ?? []).find((h) => h.day === day);
		for (const r of opts.rules.filter((x) => x.weekday === wd)) {
			const start = toMinutes(r.start_time);
			const n = Math.floor((toMinutes(r.end_time) - start) / r.slot_minutes);
			for (let k = 0; k < n; k++) {
				const s = start + k * r.slot_minutes;
				out.push({
					day,
					starts_at: vnInstant(day, s).toISOString(),
					ends_at: vnInstant(day, s + r.slot_minutes).toISOString(),
					capacity: r.capacity,
					with_head: !!head && s >= toMinutes(head.start_time) && s < toMinutes(head.end_time)
				});
			}
		}
	}
	return out.sort((a, b) => a.starts_at.localeCompare(b.starts_at));
}

/** Default working-day rule without the holidays table: Monday to Friday. */
export const weekdayOnly = (day: string) => isoWeekday(day) <= 5;

export interface DaySummary {
	day: string;
	slots: Slot[];
	places_left: number;
	with_head: boolean;
}
/** Groups slots by local day; days with no place left stay listed (shown as full). */
export function groupByDay(slots: Slot[]): DaySummary[] {
	const map = new Map<string, DaySummary>();
	for (const s of slots) {
		const d = map.get(s.day) ?? { day: s.day, slots: [], places_left: 0, with_head: false };
		d.slots.push(s);
		d.places_left += s.places_left ?? s.capacity;
		d.with_head ||= s.with_head;
		map.set(s.day, d);
	}
	return [...map.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Up to n other slots with places, nearest in time to the wanted one (offered when it is full). */
export function alternatives(slots: Slot[], wanted: string, n = 3): Slot[] {
	const t = Date.parse(wanted);
	return slots
		.filter((s) => s.starts_at !== wanted && (s.places_left ?? s.capacity) > 0)
		.sort((a, b) => Math.abs(Date.parse(a.starts_at) - t) - Math.abs(Date.parse(b.starts_at) - t))
		.slice(0, n)
		.sort((a, b) => a.starts_at.localeCompare(b.starts_at));
}
