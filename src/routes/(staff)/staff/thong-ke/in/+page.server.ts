import type { PageServerLoad } from './$types';
import { loadStatsPage } from '$lib/stats/server/page';

export const load: PageServerLoad = (event) => loadStatsPage(event);
