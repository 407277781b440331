/** What the staff sign-in pages (password, TOTP code, TOTP enrolment) share. */
import type { SubmitFunction } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';

/** Errors travel as message keys (the action does not know the page's language). */
export const messageText = (key: string | null | undefined) =>
	key ? ((m as unknown as Record<string, () => string>)[key]?.() ?? key) : undefined;

/**
 * `use:enhance` that marks the form busy until the answer is applied, so the submit button is
 * disabled and a second tap does not send the form twice. `reset: false` keeps what was typed.
 */
export function busyForm(options: { reset?: boolean } = {}) {
	let busy = $state(false);
	const submit: SubmitFunction = () => {
		busy = true;
		return async ({ update }) => {
			await update(options);
			busy = false;
		};
	};
	return {
		get busy() {
			return busy;
		},
		submit
	};
}
