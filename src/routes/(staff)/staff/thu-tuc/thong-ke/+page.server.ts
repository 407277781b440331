import { vnToday } from '$lib/vn-time';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import * as counting from '$lib/procedures/server/counting';

const period = z.object({ tu: z.iso.date(), den: z.iso.date() }).refine((p) => p.tu <= p.den);

/** Counting of one-stop applications per unit for a period (default: this month so far). */
export const load: PageServerLoad = async ({ locals, url }) => {
	// Dates in Vietnam's time zone: a day is counted where the desk is.
	const today = vnToday();
	const fallback = { tu: `${today.slice(0, 8)}01`, den: today };
	const asked = { tu: url.searchParams.get('tu') ?? '', den: url.searchParams.get('den') ?? '' };
	const parsed = period.safeParse(asked);
	const p = parsed.success ? parsed.data : fallback;
	const invalid = !parsed.success && (asked.tu !== '' || asked.den !== '');
	const { units, total } = await counting.perUnit(locals.supabase, p.tu, p.den);
	return { period: p, invalid, units, total };
};
