/** Public prop types of the design-system components. */

export interface ErrorItem {
	/** Id of the control to focus (for radio groups: the group's name). */
	id: string;
	message: string;
}

export interface SelectOption {
	value: string;
	label: string;
	disabled?: boolean;
}

export interface RadioOption {
	value: string;
	label: string;
	hint?: string;
	disabled?: boolean;
}

export interface Column {
	key: string;
	label: string;
	/** Right-align numbers and money so digits line up. */
	numeric?: boolean;
	/** Visually hidden header (e.g. an actions column) — still read by screen readers. */
	hideLabel?: boolean;
	class?: string;
}

export type StatusTone = 'neutral' | 'info' | 'progress' | 'success' | 'warning' | 'error';

export interface FieldControl {
	id: string;
	describedBy: string | undefined;
	invalid: boolean;
}
