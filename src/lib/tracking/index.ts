/**
 * Tracking codes (KN- complaints and petitions, TC- denunciations, LH- bookings, HS- applications):
 * the rule lives in $lib/identity; this module keeps the feature's imports short.
 */
export { type TrackingKind, normaliseCode, normaliseSecret, kindOfCode } from '$lib/identity/codes';
