/**
 * Tracking codes (KN- complaints and petitions, TC- denunciations, LH- bookings, HS- applications):
 * the rule lives in $lib/identity; this module keeps the feature's imports short.
 */
export {
	TRACKING_ALPHABET,
	PREFIX,
	type TrackingKind,
	normaliseCode,
	normaliseSecret,
	kindOfCode
} from '$lib/identity/codes';

/** Spaced for reading aloud over the phone: "KN-7K3M-Q9PX" → "K N - 7 K 3 M - Q 9 P X". */
export function spellOut(code: string): string {
	return code.split('').join(' ');
}
