import type { FieldControl } from './types';
import { describedBy } from './described-by';

/** The props every labelled control (TextField, TextArea, SelectField, FileField…) shares. */
export interface FieldProps {
	name: string;
	label: string;
	/** Defaults to `name`, so ErrorSummary links (`#name`) land on the control. */
	id?: string;
	hint?: string;
	error?: string | string[] | null;
	/** Adds "(không bắt buộc)" after the label; required is the default, as in GOV.UK. */
	optional?: boolean;
	/** Larger label, for one-question pages where the label is the page heading. */
	labelSize?: 'md' | 'lg';
	/** Classes for the outer form group. */
	class?: string;
}

/** The props every question asked in a `<fieldset>` (RadioGroup, DateParts) shares. */
export interface GroupProps {
	/** The group's name: the hint and error ids are `<name>-hint` / `<name>-error`. */
	name: string;
	legend: string;
	hint?: string;
	error?: string | string[] | null;
	optional?: boolean;
	class?: string;
}

/**
 * The ids and state of a question's hint and error, written once for every field: the error as
 * one text, `<id>-hint` / `<id>-error` ids (only when shown) and the aria-describedby that joins
 * them.
 */
export function fieldState(
	id: string,
	hint: string | undefined,
	error: string | string[] | null | undefined
) {
	const errorText = Array.isArray(error) ? error.join(' ') : error || '';
	const hintId = hint ? `${id}-hint` : undefined;
	const errorId = errorText ? `${id}-error` : undefined;
	return { errorText, hintId, errorId, describedBy: describedBy(hintId, errorId) };
}

/** Splits a control's props: what its Field shows, and what goes on the control itself. */
export function splitFieldProps<T extends FieldProps>(props: T) {
	const { label, id, hint, error, optional, labelSize, class: className, ...control } = props;
	return {
		field: { id: id ?? control.name, label, hint, error, optional, labelSize, class: className },
		control
	};
}

/** The attributes that tie a control to its Field's label, hint and error. */
export function controlAttributes({ id, describedBy, invalid }: FieldControl) {
	return { id, 'aria-describedby': describedBy, 'aria-invalid': invalid || undefined };
}
