import { readReceipt, receiptRules } from '$lib/complaints/server/receipt';
import { smsSentTo } from '$lib/tracking/server/sms';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies }) => {
	const receipt = readReceipt(cookies);
	if (!receipt) return { receipt: null, rules: null, smsTo: null };
	const [rules, smsTo] = await Promise.all([
		receiptRules(receipt.kind, receipt.subject),
		smsSentTo(receipt.code)
	]);
	return { receipt, rules, smsTo };
};
