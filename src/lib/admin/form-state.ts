/**
 * What an admin page's forms show after a refused action (quan-tri: units, holidays, staff). Each
 * action answers `{ key, errors: [{ field, reason }], values }`, `key` naming the form that was
 * sent (`new` or a row's id), so only that form shows the errors and keeps what was typed.
 */
import { m } from '$lib/paraglide/messages.js';

interface AdminError {
	field: string;
	reason: string;
}

/** An action's reason (a message key) as a sentence, or the admin pages' generic error. */
const adminMessage = (key: string) =>
	(m as unknown as Record<string, () => string>)[key]?.() ?? m.admin_err_generic();

export function adminForm(form: { key?: unknown; errors?: unknown; values?: unknown } | null) {
	const errors = (key: string) => (form?.key === key ? ((form.errors ?? []) as AdminError[]) : []);
	/** The sentences for one field of form `key` (`''`: the errors about the whole form). */
	const fieldError = (key: string, field: string) =>
		errors(key)
			.filter((e) => e.field === field)
			.map((e) => adminMessage(e.reason));
	/** What was typed into form `key`, or null when another form was sent. */
	const values = (key: string) =>
		form?.key === key ? ((form.values ?? {}) as Record<string, unknown>) : null;
	/** A control's value: as typed into form `key`, else `fallback` (the saved row's). */
	const value = (key: string, name: string, fallback: string | null | undefined) =>
		String(values(key)?.[name] ?? fallback ?? '');
	return {
		fieldError,
		formError: (key: string) => fieldError(key, ''),
		values,
		value,
		/** A control's `name`, `value` and `error` props, to spread on a TextField or SelectField. */
		field: (key: string, name: string, fallback: string | null | undefined) => ({
			name,
			value: value(key, name, fallback),
			error: fieldError(key, name)
		})
	};
}
