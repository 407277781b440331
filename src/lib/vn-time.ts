/**
 * Vietnam's calendar and clock, for every date the app shows, compares or sends. Vietnam has one
 * time zone, UTC+7, and no daylight saving; servers (and Supabase) run in UTC, so a bare
 * `toISOString().slice(0, 10)` or `getUTCMonth()` puts everything between 00:00 and 07:00
 * Vietnam time on the previous day. SQL has the same helpers: private.vn_today() and
 * private.vn_date(ts) (migration 20261207000001).
 */

/** UTC+7 in milliseconds. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface VnParts {
	y: number;
	mo: number;
	d: number;
	h: number;
	mi: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Year, month, day, hour and minute of an instant on Vietnam's wall clock. */
export function vnParts(instant: Date | number | string = new Date()): VnParts {
	const date = instant instanceof Date ? instant : new Date(instant);
	if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(instant)}`);
	const vn = new Date(date.getTime() + VN_OFFSET_MS);
	return {
		y: vn.getUTCFullYear(),
		mo: vn.getUTCMonth() + 1,
		d: vn.getUTCDate(),
		h: vn.getUTCHours(),
		mi: vn.getUTCMinutes()
	};
}

/** The Vietnam calendar date (YYYY-MM-DD) of an instant. */
export function vnDate(instant: Date | number | string): string {
	const p = vnParts(instant);
	return `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}`;
}

/** Today in Vietnam (YYYY-MM-DD). */
export function vnToday(now: Date = new Date()): string {
	return vnDate(now);
}

/** This month in Vietnam ({ year, month: 1–12 }): work years and report months follow it. */
export function vnYearMonth(now: Date = new Date()): { year: number; month: number } {
	const p = vnParts(now);
	return { year: p.y, month: p.mo };
}

/** A calendar day (YYYY-MM-DD) plus n days, without any time-zone arithmetic. */
export function addDays(day: string, n: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
