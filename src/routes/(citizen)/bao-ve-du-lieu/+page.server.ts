import { createAnonClient } from '$lib/server/supabase';
import type { PageServerLoad } from './$types';

export interface RetentionRow {
	record_kind: string;
	closed_status: string;
	retention_months: number;
	action: 'anonymise' | 'delete';
	legal_basis: string;
	is_confirmed: boolean;
}

/** The retention schedule and the notice version come from the database, so the page says what the job does. */
export const load: PageServerLoad = async () => {
	const db = createAnonClient();
	const [rules, notice] = await Promise.all([
		db
			.from('retention_rules')
			.select('record_kind, closed_status, retention_months, action, legal_basis, is_confirmed')
			.order('record_kind')
			.order('retention_months', { ascending: false }),
		db.from('privacy_notices').select('version').eq('is_current', true).maybeSingle()
	]);
	return {
		rules: (rules.data ?? []) as RetentionRow[],
		version: (notice.data?.version as string | undefined) ?? null
	};
};
