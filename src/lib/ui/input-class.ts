/** Shared look of text-like controls; a thicker red border marks an invalid one (not colour alone: the error text too). */
export function inputClass(invalid: boolean): string {
	return [
		'block min-h-tap w-full rounded-sm border-2 bg-surface px-3 py-2 text-base text-ink',
		'placeholder:text-ink-muted',
		invalid ? 'border-error border-[3px]' : 'border-input'
	].join(' ');
}

export const widths = {
	full: 'max-w-full',
	'30': 'max-w-[30ch]',
	'20': 'max-w-[20ch]',
	'10': 'max-w-[12ch]',
	'5': 'max-w-[7ch]'
} as const;
export type FieldWidth = keyof typeof widths;
