import type { PageServerLoad } from './$types';
import * as admin from '$lib/procedures/server/catalogue-admin';

/**
 * Every procedure with its current version, whether its figures still need checking, and
 * whether an edit awaits a second person's approval.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const [rows, topics, pending] = await Promise.all([
		admin.list(locals.supabase),
		admin.topics(locals.supabase),
		admin.pendingCodes(locals.supabase)
	]);
	return {
		rows: rows.map((r) => ({ ...r, pending: pending.has(r.code) })),
		topics,
		toCheck: rows.filter((r) => r.needs_check).length,
		pending: pending.size
	};
};
