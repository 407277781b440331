/**
 * Notifications: the app side of the outbox (public.notifications).
 *
 * SQL functions queue messages with private.notify() in the same transaction as the change they
 * announce. This module sends them: `processOutbox(service, n)` claims up to n due messages
 * (public.claim_notifications: `for update skip locked`, so several app instances may run it at
 * once), hands each to the configured sender and reports the outcome (public.mark_notification).
 * It is run by POST /api/jobs/run (src/routes/api/jobs/run/+server.ts).
 *
 * Senders are pluggable: production registers a real e-mail/SMS/push sender with `setSender()`
 * (e.g. from hooks.server.ts or a feature's server module). Without one, only development (or
 * THADS_DEV_MAILBOX=1) has a sender — the dev sender, which just marks messages sent so the
 * developer reads them at /staff/hop-thu. In production with no sender, nothing is claimed: a
 * message is never marked sent without having been sent.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { dev } from '$app/environment';
import { env } from '$env/dynamic/private';

export type NotificationChannel = 'email' | 'sms' | 'push';
export type NotificationStatus = 'queued' | 'sent' | 'failed';

/** A row of public.notifications. */
export interface Notification {
	id: number;
	channel: NotificationChannel;
	recipient: string;
	template: string;
	payload: Record<string, unknown>;
	send_after: string;
	status: NotificationStatus;
	attempts: number;
	claimed_until: string | null;
	last_error: string | null;
	created_at: string;
	sent_at: string | null;
}

/** Delivers one message. Resolve = sent; throw = failed (retried unless `PermanentSendError`). */
export interface NotificationSender {
	name: string;
	send(notification: Notification): Promise<void>;
}

/** Thrown by a sender when retrying cannot help (invalid address, template unknown…). */
export class PermanentSendError extends Error {
	override name = 'PermanentSendError';
}

/** Attempts after which a failing message is given up (status 'failed'). */
export const MAX_ATTEMPTS = 5;

/** Development sender: delivers nothing; the message is marked sent and shown in the dev mailbox. */
export const devSender: NotificationSender = {
	name: 'dev-mailbox',
	async send() {}
};

/**
 * Whether the dev mailbox (and the dev sender) are enabled: `vite dev`, or THADS_DEV_MAILBOX=1 in
 * a build (off by default, also under `npm start`: it shows codes, receipt secrets and OTPs).
 */
export function isDevMailboxEnabled(): boolean {
	return dev || env.THADS_DEV_MAILBOX === '1';
}

/** Who may open the dev mailbox when it is enabled: administrators only. */
export function canReadDevMailbox(staff: { roles: string[] } | null | undefined): boolean {
	return isDevMailboxEnabled() && !!staff && staff.roles.includes('admin');
}

let configured: NotificationSender | null = null;

/** Plug in the sender used by processOutbox (a real e-mail/SMS gateway in production). */
export function setSender(sender: NotificationSender | null): void {
	configured = sender;
}

/** The sender in use: the configured one, else the dev sender in development, else none. */
export function getSender(): NotificationSender | null {
	return configured ?? (isDevMailboxEnabled() ? devSender : null);
}

/** Plain-text rendering used by the dev mailbox and by simple senders: subject + body lines. */
export function renderNotification(n: Pick<Notification, 'template' | 'payload'>): {
	subject: string;
	body: string;
} {
	const lines = Object.entries(n.payload ?? {}).map(
		([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`
	);
	return { subject: n.template, body: lines.join('\n') };
}

export interface OutboxResult {
	sender: string | null;
	claimed: number;
	sent: number;
	retried: number;
	failed: number;
}

/** Send up to `n` due messages with the current sender, using a service-role client. */
export async function processOutbox(
	service: SupabaseClient,
	n = 50,
	sender: NotificationSender | null = getSender()
): Promise<OutboxResult> {
	const result: OutboxResult = {
		sender: sender?.name ?? null,
		claimed: 0,
		sent: 0,
		retried: 0,
		failed: 0
	};
	if (!sender) return result;

	const { data, error } = await service.rpc('claim_notifications', { n });
	if (error) throw new Error(`claim_notifications failed: ${error.message}`);
	const batch = (data ?? []) as Notification[];
	result.claimed = batch.length;

	for (const notification of batch) {
		let status: NotificationStatus = 'sent';
		let message: string | null = null;
		try {
			await sender.send(notification);
		} catch (e) {
			message = e instanceof Error ? e.message : String(e);
			// attempts was already incremented by the claim.
			status =
				e instanceof PermanentSendError || notification.attempts >= MAX_ATTEMPTS
					? 'failed'
					: 'queued';
		}
		const { error: markError } = await service.rpc('mark_notification', {
			id: notification.id,
			status,
			error: message
		});
		if (markError) throw new Error(`mark_notification failed: ${markError.message}`);
		if (status === 'sent') result.sent++;
		else if (status === 'failed') result.failed++;
		else result.retried++;
	}
	return result;
}
