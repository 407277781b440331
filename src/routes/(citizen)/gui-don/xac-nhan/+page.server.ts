import { readReceipt } from '$lib/complaints/server/receipt';
import { deadlineRules } from '$lib/complaints/server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies }) => {
	const receipt = readReceipt(cookies);
	if (!receipt) return { receipt: null, resolveRule: null };
	const rules = await deadlineRules();
	const pick = (s: string) =>
		rules.find(
			(r) =>
				r.kind === receipt.kind &&
				r.purpose === 'resolve' &&
				(r.instance ?? 1) === 1 &&
				r.subject === s
		);
	const rule = pick(receipt.subject) ?? pick('any');
	return { receipt, resolveRule: rule ? { length: rule.length_days, unit: rule.day_unit } : null };
};
