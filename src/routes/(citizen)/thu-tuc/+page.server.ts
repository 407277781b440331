import type { PageServerLoad } from './$types';
import * as catalogue from '$lib/procedures/server/catalogue';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const topic = url.searchParams.get('chu-de') ?? '';
	const started = performance.now();
	const all = await catalogue.list();
	const results = q.trim() ? await catalogue.find(q) : null;
	setHeaders({ 'Server-Timing': `search;dur=${(performance.now() - started).toFixed(1)}` });
	const topics = [
		...new Map(
			all.map((p) => [
				p.topic_code,
				{ code: p.topic_code, name_vi: p.topic_name_vi, name_en: p.topic_name_en }
			])
		).values()
	];
	const pick = (p: (typeof all)[number]) => ({
		code: p.code,
		topic_code: p.topic_code,
		name_vi: p.name_vi,
		name_en: p.name_en,
		summary_vi: p.summary_vi,
		summary_en: p.summary_en,
		processing_days: p.processing_days,
		online: p.modes.includes('online_full') || p.modes.includes('online_partial')
	});
	return {
		q,
		topic,
		topics,
		procedures: all.filter((p) => !topic || p.topic_code === topic).map(pick),
		results: results?.map(pick) ?? null
	};
};
