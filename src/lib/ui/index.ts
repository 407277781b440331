/*
 * Design-system components (GOV.UK Frontend patterns, Tailwind tokens from src/app.css).
 * No data fetching here. Import from '$lib/ui': `import { Button, TextField } from '$lib/ui';`
 */
export { default as Alert } from './Alert.svelte';
export { default as Button } from './Button.svelte';
export { default as CheckboxField } from './CheckboxField.svelte';
export { default as DataTable } from './DataTable.svelte';
export { default as EmptyState } from './EmptyState.svelte';
export { default as ErrorSummary } from './ErrorSummary.svelte';
export { default as Field } from './Field.svelte';
export { default as FileField } from './FileField.svelte';
export { default as LinkButton } from './LinkButton.svelte';
export { default as RadioGroup } from './RadioGroup.svelte';
export { default as SelectField } from './SelectField.svelte';
export { default as StatusBadge } from './StatusBadge.svelte';
export { default as StepIndicator } from './StepIndicator.svelte';
export { default as TextArea } from './TextArea.svelte';
export { default as TextField } from './TextField.svelte';
export { describedBy } from './described-by';
export { buttonClass, type ButtonSize, type ButtonVariant } from './variants';
export type {
	Column,
	ErrorItem,
	FieldControl,
	RadioOption,
	SelectOption,
	StatusTone
} from './types';
