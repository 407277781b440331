/**
 * Memorable dates typed as day / month / year boxes (GOV.UK "date input"): a citizen knows the
 * day a decision reached them, and a calendar that opens on today makes them page back months.
 * The boxes post as `<name>_day`, `<name>_month`, `<name>_year`; this joins them into the ISO date
 * the schemas validate. A form (or API client) that posts `<name>` as an ISO date still works.
 */

/** Not a date: fails every ISO-date check, so the schema reports the field's own error. */
export const INVALID_DATE = 'invalid-date';

/** ISO `YYYY-MM-DD` from three typed parts; `undefined` when all are empty; INVALID_DATE otherwise. */
export function joinDateParts(day: string, month: string, year: string): string | undefined {
	const [d = '', m = '', y = ''] = [day, month, year].map((p) => p.replace(/\s/g, ''));
	if (!d && !m && !y) return undefined;
	if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return INVALID_DATE;
	const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
	// 31/2 rolls over to March in Date.UTC: refuse instead of moving the day.
	if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) return INVALID_DATE;
	return date.toISOString().slice(0, 10);
}

/** The date a form posted under `name`, from its three boxes or an ISO value. */
export function dateFromForm(fd: FormData, name: string): string | undefined {
	const part = (suffix: string) => {
		const v = fd.get(`${name}_${suffix}`);
		return typeof v === 'string' ? v : '';
	};
	const joined = joinDateParts(part('day'), part('month'), part('year'));
	if (joined !== undefined) return joined;
	const iso = fd.get(name);
	return typeof iso === 'string' && iso.trim() ? iso.trim() : undefined;
}

/** The three boxes' values for an ISO date (a restored draft or a value sent back). */
export function splitIsoDate(iso: string | undefined | null): {
	day: string;
	month: string;
	year: string;
} {
	const [, year = '', month = '', day = ''] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '') ?? [];
	return year
		? { day: String(Number(day)), month: String(Number(month)), year }
		: { day: '', month: '', year: '' };
}
