/**
 * Webhook deliveries (issue 19), sent by the job runner on every tick: due deliveries are claimed
 * in the database (skip locked, so two app servers never send one twice), POSTed as JSON and
 * signed with HMAC-SHA256, and each attempt recorded; failures are retried with back-off
 * (record_webhook_attempt: 1, 2, 4 … minutes, 8 attempts).
 *
 * Signature: `X-Thads-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * A receiver recomputes it over the raw body and refuses a timestamp older than five minutes.
 */
import { createHmac } from 'node:crypto';
import { registerJob } from '$lib/server/jobs';

export function signWebhook(secret: string, body: string, now = Date.now()): string {
	const t = Math.floor(now / 1000);
	return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

registerJob(
	'api.webhooks',
	async ({ service }) => {
		const { data, error } = await service.rpc('claim_webhook_deliveries', { p_limit: 50 });
		if (error) throw new Error(error.message);
		const due = (data ?? []) as { id: string; url: string; secret: string; payload: unknown }[];
		let delivered = 0;
		for (const d of due) {
			const body = JSON.stringify({ id: d.id, ...(d.payload as object) });
			let ok = false;
			let status: number | null = null;
			let problem: string | null = null;
			try {
				const res = await fetch(d.url, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'x-thads-delivery': d.id,
						'x-thads-signature': signWebhook(d.secret, body)
					},
					body,
					redirect: 'manual',
					signal: AbortSignal.timeout(10_000)
				});
				status = res.status;
				ok = res.status >= 200 && res.status < 300;
				if (!ok) problem = `HTTP ${res.status}`;
			} catch (e) {
				problem = e instanceof Error ? e.message : String(e);
			}
			if (ok) delivered++;
			await service.rpc('record_webhook_attempt', {
				p_id: d.id,
				p_ok: ok,
				p_status_code: status,
				p_error: problem
			});
		}
		return { claimed: due.length, delivered };
	},
	{ everyTick: true }
);
