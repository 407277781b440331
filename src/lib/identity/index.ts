/**
 * Who a citizen is and how we find their file: one rule for each, here and in SQL.
 *
 * | rule                 | TypeScript (here)     | SQL (migration 20261207037000_identity)   |
 * |----------------------|-----------------------|-------------------------------------------|
 * | phone, canonical     | canonicalPhone()      | private.canonical_phone(text)             |
 * | CCCD (số định danh)  | isCccd()              | private.valid_cccd(text)                  |
 * | tracking code        | normaliseCode()       | private.normalize_tracking_input(text)    |
 * | Vietnam's today      | vnToday()             | private.vn_today()                        |
 *
 * The database canonicalises phones itself (BEFORE INSERT/UPDATE triggers, and inside the
 * per-filer limits), so a key is canonical whatever a caller sends; the app canonicalises too, so
 * the person sees the number as it will be stored. Client-safe: no server imports.
 */
export { normaliseCode, normaliseSecret, kindOfCode } from './codes';

/**
 * A Vietnamese mobile number in its one stored form, `0` + 9 digits, or null when the input is
 * not one. Accepts what people type: spaces, dots, dashes, brackets, `+84…` and `84…`.
 */
export function canonicalPhone(input: string | null | undefined): string | null {
	const v = (input ?? '').replace(/[\s.()-]/g, '');
	if (/^0\d{9}$/.test(v)) return v;
	if (/^\+84\d{9}$/.test(v)) return `0${v.slice(3)}`;
	if (/^84\d{9}$/.test(v)) return `0${v.slice(2)}`;
	return null;
}

/**
 * Province codes of the số định danh cá nhân (Thông tư 59/2021/TT-BCA, phụ lục I): the 63
 * provinces before the 2025 merger. Numbers issued before the merger keep their code, and the
 * merged provinces still issue under the old codes, so the list does not change with the map.
 */
const CCCD_PROVINCES: ReadonlySet<string> = new Set(
	(
		'001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 ' +
		'035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 ' +
		'070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'
	).split(' ')
);

/** Spaces removed; the form a CCCD is stored in. */
export function normaliseCccd(input: string): string {
	return input.replace(/\s/g, '');
}

/**
 * A 12-digit số định danh (căn cước / CCCD): 3-digit province code of birth registration, a
 * century-and-sex digit (0/1 born 1900–1999, 2/3 born 2000–2099, male/female), 2 digits of the
 * year of birth, 6 random digits. The year is not compared with today: the century digit already
 * rules out the impossible, and test data uses round numbers.
 */
export function isCccd(input: string): boolean {
	const v = normaliseCccd(input);
	return /^\d{12}$/.test(v) && CCCD_PROVINCES.has(v.slice(0, 3)) && /[0-3]/.test(v[3]!);
}

/**
 * A passport number, for foreigners who have no CCCD: ICAO 9303 allows up to 9 letters and
 * digits; we ask for 6–9 with at least one letter (a 12-digit number is a CCCD, not a passport).
 */
export function isPassport(input: string): boolean {
	const v = input.replace(/\s/g, '').toUpperCase();
	return /^[A-Z0-9]{6,9}$/.test(v) && /[A-Z]/.test(v);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a route parameter or form value is a UUID (checked before it reaches a query). */
export function isUuid(value: string | null | undefined): value is string {
	return typeof value === 'string' && UUID.test(value);
}
