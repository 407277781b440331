/**
 * Tracking codes, shared by complaints and petitions (KN-), denunciations (TC-), bookings (LH-)
 * and applications (HS-): one format, one lookup page (/tra-cuu). SQL issues them in
 * private.issue_tracking_code (a denunciation's prefix since 20261207037000_identity).
 */
const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export type TrackingKind = 'complaint' | 'booking' | 'application';

/** Prefix → the kind of record behind it (a denunciation is a complaint-family file). */
const PREFIX: Readonly<Record<string, TrackingKind>> = {
	KN: 'complaint',
	TC: 'complaint',
	LH: 'booking',
	HS: 'application'
};

const CODE = new RegExp(`^(${Object.keys(PREFIX).join('|')})[${TRACKING_ALPHABET}]{8}$`);
const SECRET = new RegExp(`^[${TRACKING_ALPHABET}]{8}$`);

/** Normalise what a person typed ("tc 7k3m q9px") to TC-7K3M-Q9PX, or null if it cannot be a code. */
export function normaliseCode(input: string): string | null {
	const s = input.toUpperCase().replace(/[\s-]/g, '');
	if (!CODE.test(s)) return null;
	return `${s.slice(0, 2)}-${s.slice(2, 6)}-${s.slice(6)}`;
}

/** Normalise a secret (8 characters of the alphabet), or null. */
export function normaliseSecret(input: string): string | null {
	const s = input.toUpperCase().replace(/[\s-]/g, '');
	return SECRET.test(s) ? s : null;
}

export function kindOfCode(code: string): TrackingKind | null {
	return PREFIX[code.slice(0, 2)] ?? null;
}
