/**
 * Translates message keys (zod issues, SQL error codes) into sentences on the server, so the
 * browser receives text and never the whole message catalogue.
 */
import { m } from '$lib/paraglide/messages.js';

type MessageFn = (params?: Record<string, unknown>) => string;
const catalogue = m as unknown as Record<string, MessageFn | undefined>;

/** The sentence for a key, or the generic error when the key is unknown. */
export function t(key: string, params?: Record<string, unknown>): string {
	const fn = catalogue[key];
	return fn ? fn(params ?? {}) : m.procedures_err_unknown();
}

/** Translates every value of a field → key record. */
export function translateAll(errors: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)]));
}
