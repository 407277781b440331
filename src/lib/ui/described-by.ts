/** Joins ids for aria-describedby; undefined when empty so the attribute is left out. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
	const list = ids.filter(Boolean);
	return list.length ? list.join(' ') : undefined;
}
