import type { PageServerLoad } from './$types';
import { createAnonClient } from '$lib/server/supabase';
import { offices } from '$lib/reception/server/reception';
import { distanceKm, fold } from '$lib/reception/geo';

/** Office chooser: search by province or commune/ward (diacritics optional); nearest first when
    the page was given a location (?lat=&lng=, set by the optional "near me" button). */
export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const lat = Number(url.searchParams.get('lat'));
	const lng = Number(url.searchParams.get('lng'));
	const hasLocation =
		url.searchParams.has('lat') &&
		Number.isFinite(lat) &&
		Number.isFinite(lng) &&
		Math.abs(lat) <= 90 &&
		Math.abs(lng) <= 180;
	const all = await offices.list(createAnonClient());
	const needle = fold(q);
	let list = all
		.filter(
			(o) =>
				!needle || fold(`${o.name} ${o.province_name ?? ''} ${o.address ?? ''}`).includes(needle)
		)
		.map((o) => ({
			...o,
			distance:
				hasLocation && o.lat != null && o.lng != null
					? distanceKm({ lat, lng }, { lat: o.lat, lng: o.lng })
					: null
		}));
	// Province by province (the provincial agency first), or nearest first with a location.
	const levelRank = (l: string) => (l === 'tinh' ? 0 : 1);
	list = hasLocation
		? list.sort((a, b) => (a.distance ?? 1e9) - (b.distance ?? 1e9))
		: list.sort(
				(a, b) =>
					(a.province_name ?? '').localeCompare(b.province_name ?? '', 'vi') ||
					levelRank(a.level) - levelRank(b.level) ||
					a.code.localeCompare(b.code)
			);
	setHeaders({ 'Cache-Control': 'private, max-age=60' });
	return { q, hasLocation, offices: list };
};
