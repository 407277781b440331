import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { createAnonClient } from '$lib/server/supabase';
import { offices, slots, vnToday } from '$lib/reception/server/reception';
import { addDays, groupByDay } from '$lib/reception/slots';

const HORIZON_DAYS = 30;

/** Day + slot chooser for one office. ?ngay=YYYY-MM-DD selects the day (plain links, no JS). */
export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const client = createAnonClient();
	const office = await offices.byCode(client, params.unit);
	if (!office) error(404);
	const today = vnToday();
	const list = await slots.list(client, office.id, today, addDays(today, HORIZON_DAYS));
	const days = groupByDay(list);
	const wanted = url.searchParams.get('ngay');
	const selected =
		days.find((d) => d.day === wanted) ?? days.find((d) => d.places_left > 0) ?? days[0] ?? null;
	// Places change by the minute: never cache.
	setHeaders({ 'Cache-Control': 'no-store' });
	return {
		office,
		days: days.map((d) => ({ day: d.day, places_left: d.places_left, with_head: d.with_head })),
		selected,
		horizon: HORIZON_DAYS,
		error: url.searchParams.get('loi')
	};
};
