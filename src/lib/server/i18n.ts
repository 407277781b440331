/**
 * The one way server code (loads, actions, endpoints) turns a message key into a sentence:
 * `t(key, params)`, in the request's language (Paraglide's locale for this request).
 *
 * Server code may look messages up by key — its size never reaches the phone. Client components
 * must not: they name messages (`m.x()`) or use an explicit table of message functions, so the
 * bundler ships only what the page uses (docs/decisions/005-translations-and-js-budget.md). This
 * module lives under `$lib/server`, so SvelteKit refuses to bundle it into the browser.
 */
import * as messages from '$lib/paraglide/messages.js';

type MessageFn = (params?: Record<string, unknown>, options?: { locale?: 'vi' | 'en' }) => string;
const catalogue = messages as unknown as Record<string, MessageFn | undefined>;

/** Whether the app has a message with this key. */
export function hasMessage(key: string): boolean {
	return typeof catalogue[key] === 'function';
}

/**
 * The sentence for `key`; for an unknown key, the sentence for `fallback` (an area's generic
 * error, e.g. `complaints_error_generic`), or the key itself when there is no fallback either —
 * a visible key in a test is better than a silent blank.
 */
export function t(
	key: string,
	params: Record<string, unknown> = {},
	fallback?: string,
	locale?: 'vi' | 'en'
): string {
	const fn = catalogue[key] ?? (fallback ? catalogue[fallback] : undefined);
	if (typeof fn !== 'function') return key;
	return locale ? fn(params, { locale }) : fn(params);
}
