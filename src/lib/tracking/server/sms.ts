/**
 * Was an SMS with this tracking code queued? Receipts say "Chúng tôi đã gửi mã tra cứu qua SMS
 * tới số …" only when the outbox holds one (issue 18.6): the citizen's channel choice and the
 * phone they gave decide it in SQL (private.notify_citizen), so the outbox is the one honest
 * source. Every citizen template carries `code` in its payload; the secret is never in an SMS.
 * Service role: public.notifications is closed to anon and staff.
 */
import { createServiceClient } from '$lib/server/supabase';

/** "0912345678" → "091 *** *678": enough to recognise one's own number on a shared screen. */
function maskPhone(recipient: string): string {
	const digits = recipient.replace(/\D/g, '').replace(/^84(?=\d{9}$)/, '0');
	if (digits.length < 7) return '***';
	return `${digits.slice(0, 3)} *** *${digits.slice(-3)}`;
}

/** The masked number of the first SMS queued for `code`, or null when none was. */
export async function smsSentTo(code: string): Promise<string | null> {
	const { data, error } = await createServiceClient()
		.from('notifications')
		.select('recipient')
		.eq('channel', 'sms')
		.eq('payload->>code', code)
		.order('id')
		.limit(1);
	if (error || !data?.length) return null;
	return maskPhone(String((data[0] as { recipient: string }).recipient));
}
