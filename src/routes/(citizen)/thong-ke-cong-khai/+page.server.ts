/**
 * Public transparency page: per-province sums of approved monthly reports (no personal data, no
 * per-case rows). Cacheable by browsers and shared caches: the figures change at most when a month
 * is approved.
 */
import type { PageServerLoad } from './$types';
import { createAnonClient } from '$lib/server/supabase';
import { loadPublic } from '$lib/stats/server/load';
import { toBig, ratio } from '$lib/stats/figures';
import { targetHundredths } from '$lib/stats/report';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const m = url.searchParams.get('ky')?.match(/^lk-(\d{4})-(\d{1,2})$/);
	const { available, chosen, rows } = await loadPublic(
		createAnonClient(),
		m ? Number(m[1]) : undefined,
		m ? Number(m[2]) : undefined
	);
	setHeaders({
		'cache-control': 'public, max-age=300, s-maxage=3600, stale-while-revalidate=86400'
	});
	return {
		available: available.slice(0, 36),
		chosen,
		rows: rows.map((r) => ({
			code: String(r.unit_code),
			name: r.is_nationwide ? null : String(r.province_name),
			nationwide: Boolean(r.is_nationwide),
			reporting: Number(r.reporting_units),
			casesToEnforce: toBig(r.cases_to_enforce as string),
			casesWithConditions: toBig(r.cases_with_conditions as string),
			casesFinished: toBig(r.cases_finished as string),
			moneyWithConditions: toBig(r.money_with_conditions as string),
			moneyFinished: toBig(r.money_finished as string),
			rateCases: ratio(r.cases_finished as string, r.cases_with_conditions as string),
			rateMoney: ratio(r.money_finished as string, r.money_with_conditions as string),
			targetCases: targetHundredths(r.cases_target),
			targetMoney: targetHundredths(r.money_target)
		}))
	};
};
