/** Reads the unit and period the statistics pages are asked for (query string), with defaults. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import {
	defaultPeriod,
	parsePeriodParam,
	resolvePeriod,
	type Period,
	type ResolvedPeriod,
	type PeriodError
} from '../periods';

export interface StatsParams {
	unitId: string;
	period: Period;
	resolved: ResolvedPeriod | null;
	periodError: PeriodError | null;
}

/** Signed-in staff only; anyone else goes to the sign-in page and comes back here. */
export function requireStaff(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const staff = event.locals.staff;
	if (!staff)
		redirect(
			303,
			`/staff/dang-nhap?next=${encodeURIComponent(event.url.pathname + event.url.search)}`
		);
	return staff;
}

export function readParams(url: URL, staffUnitId: string, today = new Date()): StatsParams {
	const unitId = url.searchParams.get('don-vi') || staffUnitId;
	if (!/^[0-9a-f-]{36}$/i.test(unitId)) error(400, 'don-vi');
	let period: Period | null = null;
	const from = url.searchParams.get('tu');
	const to = url.searchParams.get('den');
	// The custom range wins when both months are filled in (type="month" gives YYYY-MM).
	if (from && to && /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to)) {
		period = {
			kind: 'custom',
			from: { year: +from.slice(0, 4), month: +from.slice(5) },
			to: { year: +to.slice(0, 4), month: +to.slice(5) }
		};
	}
	period ??= parsePeriodParam(url.searchParams.get('ky')) ?? defaultPeriod(today);
	// Changing the work year (without JavaScript the form is simply submitted) keeps the same
	// kind of period, moved to that year: "3 tháng năm 2025" → "3 tháng năm 2024".
	const nam = Number(url.searchParams.get('nam'));
	if (Number.isInteger(nam) && nam >= 2000 && nam <= 2100 && period.kind !== 'custom') {
		const r0 = resolvePeriod(period);
		if (!('error' in r0) && r0.workYear !== nam) {
			const shift = nam - r0.workYear;
			if (period.kind === 'months' || period.kind === 'work_year')
				period = { ...period, workYear: nam };
			else period = { ...period, year: period.year + shift };
		}
	}
	const r = resolvePeriod(period);
	if ('error' in r) return { unitId, period, resolved: null, periodError: r.error };
	return { unitId, period, resolved: r, periodError: null };
}
