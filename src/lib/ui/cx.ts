import type { ClassValue } from 'svelte/elements';

/**
 * Joins class names (strings, arrays, `{ name: condition }` objects, falsy values skipped), so a
 * component's `class` prop — which Svelte types as ClassValue — extends the component's own classes.
 */
export function cx(...parts: Array<ClassValue | false | null | undefined>): string {
	const out: string[] = [];
	const walk = (value: unknown): void => {
		if (!value) return;
		if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
		else if (Array.isArray(value)) value.forEach(walk);
		else if (typeof value === 'object')
			for (const [name, on] of Object.entries(value)) if (on) out.push(name);
	};
	parts.forEach(walk);
	return out.join(' ');
}

/** Joins ids for aria-describedby; undefined when empty so the attribute is left out. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
	const list = ids.filter(Boolean);
	return list.length ? list.join(' ') : undefined;
}
