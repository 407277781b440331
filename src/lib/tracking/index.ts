/**
 * Tracking codes, shared by complaints (KN-), bookings (LH-) and applications (HS-): one format,
 * one lookup page (/tra-cuu). Client-safe helpers here; server helpers in ./server.
 */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export type TrackingKind = 'complaint' | 'booking' | 'application';

export const PREFIX: Record<string, TrackingKind> = {
	KN: 'complaint',
	LH: 'booking',
	HS: 'application'
};

/** Normalise what a person typed ("kn 7k3m q9px") to KN-7K3M-Q9PX, or null if it cannot be a code. */
export function normaliseCode(input: string): string | null {
	const s = input.toUpperCase().replace(/[\s-]/g, '');
	if (!new RegExp(`^(KN|LH|HS)[${TRACKING_ALPHABET}]{8}$`).test(s)) return null;
	return `${s.slice(0, 2)}-${s.slice(2, 6)}-${s.slice(6)}`;
}

/** Normalise a secret (8 characters of the alphabet), or null. */
export function normaliseSecret(input: string): string | null {
	const s = input.toUpperCase().replace(/[\s-]/g, '');
	return new RegExp(`^[${TRACKING_ALPHABET}]{8}$`).test(s) ? s : null;
}

export function kindOfCode(code: string): TrackingKind | null {
	return PREFIX[code.slice(0, 2)] ?? null;
}
