import type { PageServerLoad } from './$types';
import * as admin from '$lib/procedures/server/catalogue-admin';

/** Every procedure with its current version and whether its figures still need checking. */
export const load: PageServerLoad = async ({ locals }) => {
	const [rows, topics] = await Promise.all([
		admin.list(locals.supabase),
		admin.topics(locals.supabase)
	]);
	return { rows, topics, toCheck: rows.filter((r) => r.needs_check).length };
};
