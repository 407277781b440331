/** Distance in km between two points (haversine), for "nearest office first". */
export function distanceKm(
	a: { lat: number; lng: number },
	b: { lat: number; lng: number }
): number {
	const R = 6371;
	const rad = (x: number) => (x * Math.PI) / 180;
	const dLat = rad(b.lat - a.lat);
	const dLng = rad(b.lng - a.lng);
	const h =
		Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
	return 2 * R * Math.asin(Math.sqrt(h));
}

/** OpenStreetMap link with a marker (no third-party script on our pages). */
export function osmLink(lat: number, lng: number, zoom = 17): string {
	const la = lat.toFixed(5);
	const lo = lng.toFixed(5);
	return `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=${zoom}/${la}/${lo}`;
}

/** Vietnamese text folded for search: lower case, no diacritics, đ → d. */
export function fold(s: string): string {
	return s
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.trim();
}
