/**
 * Draft autosave: a form's text fields, kept on the device so nothing typed is lost (closed tab,
 * dropped network, flat battery). Files are not kept here: they are uploaded at once under the
 * draft key, and the key is one of the saved fields.
 */
import * as idb from './idb';
import { markDraft } from './flag';

export interface Draft {
	id: string;
	values: Record<string, string>;
	savedAt: string;
}

export async function save(id: string, values: Record<string, string>): Promise<Draft | null> {
	if (!idb.available()) return null;
	const draft = { id, values, savedAt: new Date().toISOString() };
	await idb.put('drafts', draft);
	markDraft(id, true);
	return draft;
}

export async function load(id: string): Promise<Draft | null> {
	if (!idb.available()) return null;
	return (await idb.get<Draft>('drafts', id).catch(() => undefined)) ?? null;
}

export async function clear(id: string): Promise<void> {
	markDraft(id, false);
	if (idb.available()) await idb.del('drafts', id).catch(() => {});
}

/** Text-like values of a form (files and buttons skipped; checkboxes only when checked). */
export function formValues(form: HTMLFormElement): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of new FormData(form).entries()) {
		if (typeof v === 'string')
			out[k] = out[k] !== undefined && k.endsWith('[]') ? `${out[k]}\n${v}` : v;
	}
	return out;
}

/** Put saved values back into a form's controls. */
export function restore(form: HTMLFormElement, values: Record<string, string>): void {
	for (const el of Array.from(form.elements)) {
		const c = el as HTMLInputElement;
		if (!c.name || c.type === 'file' || c.type === 'submit' || c.type === 'hidden') continue;
		const v = values[c.name];
		if (c.type === 'checkbox') c.checked = v !== undefined && (v === c.value || v === 'on');
		else if (c.type === 'radio') c.checked = v === c.value;
		else if (v !== undefined) c.value = v;
		c.dispatchEvent(new Event('input', { bubbles: true }));
		c.dispatchEvent(new Event('change', { bubbles: true }));
	}
}

/** Debounced autosave on every input/change of `form`. Returns a stop function. */
export function autosave(
	form: HTMLFormElement,
	id: string,
	onSaved?: (d: Draft) => void,
	wait = 600
): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const handler = () => {
		clearTimeout(timer);
		timer = setTimeout(async () => {
			const d = await save(id, formValues(form)).catch(() => null);
			if (d) onSaved?.(d);
		}, wait);
	};
	form.addEventListener('input', handler);
	form.addEventListener('change', handler);
	return () => {
		clearTimeout(timer);
		form.removeEventListener('input', handler);
		form.removeEventListener('change', handler);
	};
}
