import { fail, redirect } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { localizeHref } from '$lib/paraglide/runtime';
import { hasAnyRole, MFA_OFFERED_ROLES, sessionAuth, verifiedFactors } from '$lib/server/auth';
import { parseCode, safeStaffRedirect, VERIFY_ERRORS, verifyCode } from '$lib/server/mfa';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Setting up an authenticator (TOTP): forced at a unit head's or admin's first sign-in (the session
// owes the 'enrol' step), offered to complaint officers from the staff overview. Creating the
// factor is a POST ("start"), never a page view, and the code form carries the factor id and the
// secret back, so a wrong code shows the same QR code again instead of a new one.

/** Who may be here: a session owing enrolment, or staff who may opt in and have no factor yet. */
function allowed(locals: App.Locals): { forced: boolean } | null {
	if (locals.mfa?.step === 'enrol') return { forced: true };
	if (
		locals.staff &&
		hasAnyRole(locals.staff, MFA_OFFERED_ROLES) &&
		verifiedFactors(locals.user).length === 0
	)
		return { forced: false };
	return null;
}

function back(event: RequestEvent | { url: URL }) {
	return safeStaffRedirect(event.url.searchParams.get('redirectTo'));
}

/** The QR code as inline SVG (no data: URL, so the CSP needs no exception). */
const qr = (uri: string) => renderSVG(uri, { ecc: 'M', border: 2 });

/** "JBSW Y3DP …": groups of four are easier to type into an app. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

export const load: PageServerLoad = ({ locals, url }) => {
	const who = allowed(locals);
	if (!who) {
		if (locals.staff) redirect(303, back({ url }));
		redirect(303, localizeHref('/staff/dang-nhap'));
	}
	return { forced: who.forced };
};

export const actions: Actions = {
	start: async ({ locals, cookies }) => {
		if (!allowed(locals) || !locals.user) redirect(303, localizeHref('/staff/dang-nhap'));
		const auth = await sessionAuth(cookies);
		if (!auth) redirect(303, localizeHref('/staff/dang-nhap'));
		// An earlier, unfinished set-up: its secret is no longer shown anywhere, so it goes.
		for (const f of locals.user.factors ?? []) {
			if (f.status !== 'verified') await auth.mfa.unenroll({ factorId: f.id });
		}
		const { data, error } = await auth.mfa.enroll({
			factorType: 'totp',
			friendlyName: 'THADS',
			issuer: 'THADS'
		});
		if (error || !data || data.type !== 'totp')
			return fail(503, { step: 'start' as const, error: 'common_sign_in_error_unavailable' });
		return {
			step: 'code' as const,
			factorId: data.id,
			secret: data.totp.secret,
			secretGrouped: grouped(data.totp.secret),
			qr: qr(data.totp.uri),
			error: null as string | null
		};
	},
	verify: async (event) => {
		const { request, locals, cookies, url } = event;
		if (!allowed(locals) || !locals.user) redirect(303, localizeHref('/staff/dang-nhap'));
		const form = await request.formData();
		const factorId = String(form.get('factor_id') ?? '');
		const secret = String(form.get('secret') ?? '').replace(/[^A-Z2-7]/gi, '');
		const again = {
			step: 'code' as const,
			factorId,
			secret,
			secretGrouped: grouped(secret),
			// Only for showing again: the secret the user already has on screen, not trusted.
			qr: qr(
				`otpauth://totp/THADS:${encodeURIComponent(locals.user.email ?? '')}?secret=${secret}&issuer=THADS&algorithm=SHA1&digits=6&period=30`
			)
		};
		if (!/^[0-9a-f-]{36}$/i.test(factorId)) redirect(303, url.pathname);
		const code = parseCode(form.get('code'));
		if (!code) return fail(400, { ...again, error: 'common_mfa_error_code_format' });
		const result = await verifyCode(cookies, url, locals.user.id, factorId, code);
		if (!result.ok) {
			if (result.error === 'session') redirect(303, localizeHref('/staff/dang-nhap'));
			return fail(result.error === 'rate_limited' ? 429 : 400, {
				...again,
				error: VERIFY_ERRORS[result.error]
			});
		}
		redirect(303, `${back(event)}${back(event).includes('?') ? '&' : '?'}mfa_enrolled=1`);
	}
};
