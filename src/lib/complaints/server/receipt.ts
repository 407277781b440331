/**
 * The one-time display of code + secret after filing. The secret is never stored in clear on the
 * server, so it travels to the confirmation page in a short-lived httpOnly cookie (not in the URL,
 * which ends up in history and logs), scoped to /gui-don.
 */
import type { Cookies } from '@sveltejs/kit';

export interface Receipt {
	code: string;
	secret: string;
	accept_due: string;
	kind: string;
	subject: string;
}

const COOKIE = 'thads-complaint-receipt';

export function setReceipt(cookies: Cookies, r: Receipt): void {
	cookies.set(COOKIE, Buffer.from(JSON.stringify(r)).toString('base64url'), {
		path: '/',
		httpOnly: true,
		sameSite: 'strict',
		maxAge: 60 * 60
	});
}

export function readReceipt(cookies: Cookies): Receipt | null {
	const raw = cookies.get(COOKIE);
	if (!raw) return null;
	try {
		return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Receipt;
	} catch {
		return null;
	}
}
