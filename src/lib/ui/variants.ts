/*
 * Button variants in one place (shared by Button and LinkButton so a link that looks like a button
 * and a real button never drift apart). Every size keeps at least a 44 px tap target.
 */
export type ButtonVariant = 'primary' | 'secondary' | 'warning' | 'quiet';
export type ButtonSize = 'md' | 'lg';

const base =
	'inline-flex min-h-tap items-center justify-center gap-2 rounded-md border-2 px-5 py-2 text-center font-bold no-underline transition-colors disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60';

const variants: Record<ButtonVariant, string> = {
	primary:
		'border-primary bg-primary text-on-primary shadow-[0_2px_0_var(--color-primary-hover)] hover:bg-primary-hover hover:text-on-primary',
	secondary:
		'border-primary bg-surface text-primary hover:bg-primary-soft hover:text-primary-hover',
	warning: 'border-error bg-error text-white hover:bg-primary-hover hover:text-white',
	quiet: 'border-transparent bg-transparent text-link underline hover:text-link-hover'
};

const sizes: Record<ButtonSize, string> = {
	md: 'text-base',
	lg: 'min-h-14 px-6 text-lg'
};

export function buttonClass(variant: ButtonVariant = 'primary', size: ButtonSize = 'md'): string {
	return `${base} ${variants[variant]} ${sizes[size]}`;
}
