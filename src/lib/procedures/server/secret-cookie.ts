/**
 * The code's secret between requests, without putting it in a URL: the shared tracking cookie of
 * $lib/tracking/server (the same one /tra-cuu sets), so a citizen who looked the code up on
 * /tra-cuu can also download the result or add documents on the procedures pages.
 */
import type { Cookies } from '@sveltejs/kit';
import { forget, rememberSecret as remember, secretFor } from '$lib/tracking/server';

export function rememberSecret(cookies: Cookies, _url: URL, code: string, secret: string): void {
	remember(cookies, code, secret);
}

export function recallSecret(cookies: Cookies, code: string): string | null {
	return secretFor(cookies, code);
}

export function forgetSecret(cookies: Cookies, _url: URL, code: string): void {
	forget(cookies, code);
}
