/**
 * The one-time display of code + secret after filing. The secret is never stored in clear on the
 * server, so it travels to the confirmation page in a short-lived httpOnly cookie (not in the URL,
 * which ends up in history and logs), scoped to /gui-don.
 */
import type { Cookies } from '@sveltejs/kit';
import { deadlineRules } from './index';

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

export interface RuleLength {
	length: number;
	unit: 'working' | 'calendar';
}

/**
 * The legal time limits a receipt states under "Điều gì xảy ra tiếp theo": acceptance and
 * resolution of a first-instance letter of this kind and subject, from public.deadline_rules
 * (the same rows the SQL deadlines use), falling back to the kind's general ('any') rule.
 */
export async function receiptRules(
	kind: string,
	subject: string | null
): Promise<{ accept: RuleLength | null; resolve: RuleLength | null }> {
	const rules = await deadlineRules();
	const pick = (purpose: string) => {
		const match = (s: string) =>
			rules.find(
				(r) =>
					r.kind === kind && r.purpose === purpose && (r.instance ?? 1) === 1 && r.subject === s
			);
		const r = (subject ? match(subject) : undefined) ?? match('any');
		return r
			? { length: r.length_days, unit: r.day_unit === 'working' ? 'working' : 'calendar' }
			: null;
	};
	return {
		accept: pick('accept') as RuleLength | null,
		resolve: pick('resolve') as RuleLength | null
	};
}
