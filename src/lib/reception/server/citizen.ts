/* Citizen-side helpers shared by the /dat-lich routes (server-only). */
import { messageChoiceFromForm } from '$lib/messages/schema';
import type { Cookies } from '@sveltejs/kit';
import { parseRepresentatives } from '../schema';

/** The secret of a booking lives in an httpOnly cookie on the citizen's device after booking or
    after they typed it once, so reloads, the .ics link and cancel/reschedule need no secret in
    URLs (which end up in logs and browser history). */
export function rememberSecret(cookies: Cookies, url: URL, code: string, secret: string): void {
	cookies.set(`lh_${code}`, secret, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 60 * 60 * 24 * 60
	});
}
export function recallSecret(cookies: Cookies, code: string): string | null {
	return cookies.get(`lh_${code}`) ?? null;
}

export interface DetailsValues {
	full_name: string;
	phone: string;
	email: string;
	cccd: string;
	people_count: string;
	representatives: string;
	topic: string;
	case_number: string;
	summary: string;
	wants_head: boolean;
	consent: boolean;
	/** The message channels and language chosen ("sms,email;vi"), '' for the default. */
	messages: string;
}

/** The details form as typed (strings, for re-displaying). */
export function readDetails(fd: FormData): DetailsValues {
	const s = (k: string) => String(fd.get(k) ?? '').slice(0, 5000);
	return {
		full_name: s('full_name'),
		phone: s('phone'),
		email: s('email'),
		cccd: s('cccd'),
		people_count: s('people_count') || '1',
		representatives: s('representatives'),
		topic: s('topic'),
		case_number: s('case_number'),
		summary: s('summary'),
		wants_head: fd.get('wants_head') === 'on' || fd.get('wants_head') === 'true',
		consent: fd.get('consent') === 'on' || fd.get('consent') === 'true',
		messages: messageChoiceFromForm(fd)
	};
}

/** Typed values → the shape bookingDetailsSchema parses. */
export function toSchemaInput(v: DetailsValues) {
	return {
		...v,
		representatives: parseRepresentatives(v.representatives),
		email: v.email || undefined,
		cccd: v.cccd || undefined,
		case_number: v.case_number || undefined,
		summary: v.summary || undefined,
		consent: v.consent
	};
}
