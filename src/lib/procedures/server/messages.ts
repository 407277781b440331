/**
 * Translates message keys (zod issues, SQL error codes) into sentences on the server, so the
 * browser receives text and never the whole message catalogue.
 */
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { t as serverT } from '$lib/server/i18n';
import type { FieldDefinition } from '../fields';

/** The server's t() ($lib/server/i18n) with this area's generic error for an unknown key. */
export function t(key: string, params?: Record<string, unknown>): string {
	return serverT(key, params, 'procedures_err_unknown');
}

/**
 * Translates every value of a field → key record. With the procedure, "required" names the
 * question ("Hãy nhập số quyết định thi hành án"), so a list of errors never repeats one line.
 */
export function translateAll(
	errors: Record<string, string>,
	procedure?: { fields: FieldDefinition[] }
): Record<string, string> {
	const en = getLocale() === 'en';
	const named = (key: string) => {
		const f = procedure?.fields.find((x) => `answers.${x.name}` === key);
		if (!f) return null;
		const label = en ? f.label_en : f.label_vi;
		// A choice is named as asked ("Bạn là"); a value to type reads as a phrase ("Hãy nhập số…").
		return f.type === 'select'
			? m.procedures_error_choose_named({ label })
			: m.procedures_error_required_named({
					label: label.toLocaleLowerCase(en ? 'en' : 'vi')
				});
	};
	return Object.fromEntries(
		Object.entries(errors).map(([k, v]) => {
			if (v === 'procedures_error_required') {
				if (k === 'applicant.name') return [k, m.procedures_err_applicant_name_required()];
				const sentence = named(k);
				if (sentence) return [k, sentence];
			}
			return [k, t(v)];
		})
	);
}
