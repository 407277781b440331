/**
 * What the last form action answered, per action: its refusal (translated), each field's error
 * and what was typed. One action's answer never shows in another action's form.
 */
import { m } from '$lib/paraglide/messages.js';
import { t } from '$lib/complaints/labels';
import { fieldErrorText } from '$lib/complaints/staff/actions';

export type FormAnswer =
	| {
			action?: string;
			done?: boolean;
			error?: string;
			fields?: Record<string, string>;
			values?: Record<string, string>;
			parties?: unknown;
	  }
	| null
	| undefined;

export function formState(form: FormAnswer) {
	const mine = (a: string) => (form && form.action === a ? form : null);
	return {
		/** The refusal shown at the top of the action's form. */
		error(a: string): string | null {
			const f = mine(a);
			if (!f?.error) return null;
			return f.error === 'invalid_input'
				? m.complaints_error_invalid_input()
				: t(`complaints_error_${f.error}`);
		},
		/** One field's error (zod, message key). */
		field(a: string, k: string): string | null {
			const key = mine(a)?.fields?.[k];
			return key ? fieldErrorText(key) : null;
		},
		/** What was typed in a field of a refused form. */
		value(a: string, k: string): string {
			return mine(a)?.values?.[k] ?? '';
		},
		done: !!form?.done && form.action !== 'reveal'
	};
}
