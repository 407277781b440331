/**
 * Holding a code's secret between requests without putting it in a URL: an httpOnly cookie per
 * code, scoped to the tracking pages, for one hour. The citizen still writes the secret down from
 * the receipt; this only saves retyping it during this visit.
 */
import type { Cookies } from '@sveltejs/kit';

const PATH = '/';
const name = (code: string) => `hs_${code.replace(/[^A-Z0-9]/g, '')}`;

export function rememberSecret(cookies: Cookies, url: URL, code: string, secret: string): void {
	cookies.set(name(code), secret, {
		path: PATH,
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 3600
	});
}

export function recallSecret(cookies: Cookies, code: string): string | null {
	return cookies.get(name(code)) ?? null;
}

export function forgetSecret(cookies: Cookies, url: URL, code: string): void {
	cookies.delete(name(code), { path: PATH, secure: url.protocol === 'https:' });
}
