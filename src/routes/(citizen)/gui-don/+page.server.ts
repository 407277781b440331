import { SUBJECTS, vnToday, type ComplaintSubject } from '$lib/complaints/schema';
import { filingClock } from '$lib/complaints/status';
import { deadline, deadlineRules } from '$lib/complaints/server';
import { t } from '$lib/server/i18n';
import { formatDate } from '$lib/i18n/format';
import type { PageServerLoad } from './$types';

/** Choose the kind; the filing clock is a GET form, so it works without JavaScript. */
export const load: PageServerLoad = async ({ url }) => {
	const rules = (await deadlineRules()).filter(
		(r) => r.kind === 'complaint' && r.purpose === 'file' && r.instance === 1
	);
	const subject = url.searchParams.get('chu_de') as ComplaintSubject | null;
	const learned = url.searchParams.get('ngay');
	const today = vnToday();
	let clock: ReturnType<typeof filingClock> | null = null;
	let clockError: string | null = null;
	if (subject !== null || learned !== null) {
		if (!subject || !SUBJECTS.includes(subject)) clockError = 'complaints_err_subject';
		else if (!learned || !/^\d{4}-\d{2}-\d{2}$/.test(learned))
			clockError = 'complaints_err_learned_on';
		else if (learned > today) clockError = 'complaints_err_date_future';
		else clock = filingClock(await deadline('complaint', 1, subject, 'file', learned), today);
	}
	return {
		rules: rules.map((r) => ({ subject: r.subject, length: r.length_days, unit: r.day_unit })),
		clock,
		// Formatted here so the page does not ship the formatting module.
		lastDayText: clock && 'lastDay' in clock ? formatDate(clock.lastDay) : '',
		clockError,
		// Translated here so the page does not ship the message table.
		clockErrorText: clockError ? t(clockError, {}, 'complaints_error_generic') : null,
		subject,
		learned,
		today,
		// Back from the form without a kind chosen.
		kindMissing: url.searchParams.has('chua-chon')
	};
};
