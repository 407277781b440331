/**
 * The "Điều gì xảy ra tiếp theo" lines of the three receipts, built from named message functions
 * (never a computed key: the bundler would then ship every message). Client-safe.
 */
import { m } from '$lib/paraglide/messages.js';
import { formatDate } from '$lib/i18n/format';

export interface RuleLength {
	length: number;
	unit: 'working' | 'calendar';
}

const lengthText = (r: RuleLength) =>
	r.unit === 'working'
		? m.complaints_unit_working_days({ n: r.length })
		: m.complaints_unit_days({ n: r.length });

/** A complaint, denunciation or petition: acceptance by its date, then resolution. */
export function complaintSteps(
	acceptDue: string | null,
	rules: { accept: RuleLength | null; resolve: RuleLength | null } | null
): string[] {
	const steps: string[] = [];
	if (acceptDue)
		steps.push(
			rules?.accept
				? m.common_next_complaint_accept({
						date: formatDate(acceptDue),
						length: lengthText(rules.accept)
					})
				: m.complaints_done_accept_due({ date: formatDate(acceptDue) })
		);
	if (rules?.resolve)
		steps.push(m.common_next_complaint_resolve({ length: lengthText(rules.resolve) }));
	steps.push(m.common_next_follow());
	return steps;
}

/** A one-stop application: checking, the return date in working days, the apology rule. */
export function applicationSteps(dueDate: string, workingDays: number | null): string[] {
	return [
		m.common_next_app_check(),
		workingDays != null
			? m.common_next_app_due({
					date: formatDate(dueDate),
					length: m.complaints_unit_working_days({ n: workingDays })
				})
			: m.procedures_receipt_due() + ': ' + formatDate(dueDate),
		m.common_next_app_late(),
		m.common_next_follow()
	];
}
