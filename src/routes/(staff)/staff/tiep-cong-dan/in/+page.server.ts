import type { PageServerLoad } from './$types';
import { desk, offices, vnToday } from '$lib/reception/server/reception';

/** Printable daily list. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const q = url.searchParams.get('ngay');
	const day = q && /^\d{4}-\d{2}-\d{2}$/.test(q) ? q : vnToday();
	const [office, list] = await Promise.all([
		offices.byId(locals.supabase, locals.staff!.unit_id),
		desk.day(locals.supabase, locals.staff!.unit_id, day)
	]);
	return { day, office, list: list.filter((b) => b.status !== 'cancelled') };
};
