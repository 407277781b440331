/**
 * Notifications: the app side of the outbox (public.notifications).
 *
 * SQL functions queue messages with private.notify() in the same transaction as the change they
 * announce. This module sends them with the senders the environment configures
 * (`$lib/server/messages/senders.ts`: SMTP e-mail, eSMS SMS, Zalo ZNS, web push), through
 * `$lib/server/messages/outbox.ts` (claim with `skip locked`, retries with back-off, dead letters).
 * The job runner (`$lib/server/jobs.ts`) calls `processOutbox` on every tick.
 *
 * A channel without a provider goes to the dev mailbox sink in development (or with
 * THADS_DEV_MAILBOX=1): marked sent, read at /staff/hop-thu. Otherwise its messages stay queued:
 * a message is never marked sent without having been sent.
 */
import type { Db } from '$lib/server/supabase';
import { createHmac } from 'node:crypto';
import { dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { drainOutbox, type Notification, type OutboxResult } from './messages/outbox';
import { isStaffTemplate, renderMessage } from './messages/templates';
import { sendersFromEnv, type SenderSet } from './messages/senders';

export type { Notification, OutboxResult } from './messages/outbox';
export type { ChannelSender, SenderSet } from './messages/senders';
export { PermanentSendError } from './messages/senders';

/** Attempts after which a failing message is given up (status 'dead'). */
const MAX_ATTEMPTS = 5;

function maxAttempts(): number {
	const n = Number(env.THADS_MESSAGES_MAX_ATTEMPTS);
	return Number.isInteger(n) && n > 0 ? n : MAX_ATTEMPTS;
}

/**
 * Whether the dev mailbox (and the dev sink) are enabled: `vite dev`, or THADS_DEV_MAILBOX=1 in
 * a build (off by default, also under `npm start`: it shows codes, receipt secrets and OTPs).
 */
function isDevMailboxEnabled(): boolean {
	return dev || env.THADS_DEV_MAILBOX === '1';
}

/** Who may open the dev mailbox when it is enabled: administrators only. */
export function canReadDevMailbox(staff: { roles: string[] } | null | undefined): boolean {
	return isDevMailboxEnabled() && !!staff && staff.roles.includes('admin');
}

let fromEnv: SenderSet | null = null;

/** The senders in use, by channel. */
function getSenders(): SenderSet {
	fromEnv ??= sendersFromEnv(env, isDevMailboxEnabled());
	return fromEnv;
}

/** The app's public URL, for links in messages. */
function publicOrigin(): string {
	return env.ORIGIN || env.THADS_PUBLIC_URL || 'http://localhost:3000';
}

/** The key opt-out links are signed with. */
function optOutKey(): string | null {
	return env.THADS_OPT_OUT_KEY || env.THADS_CLIENT_ADDRESS_KEY || null;
}

/** Signature of an opt-out link for (channel, recipient). */
function optOutToken(channel: string, recipient: string): string | null {
	const key = optOutKey();
	if (!key) return null;
	const who = `${channel}:${recipient.trim().toLowerCase()}`;
	const sig = createHmac('sha256', key).update(`opt-out;${who}`).digest('base64url').slice(0, 32);
	return `${Buffer.from(who).toString('base64url')}.${sig}`;
}

/** (channel, recipient) of a valid opt-out token, else null. */
export function readOptOutToken(token: string): { channel: string; recipient: string } | null {
	const [who64] = token.split('.');
	if (!who64) return null;
	const who = Buffer.from(who64, 'base64url').toString();
	const i = who.indexOf(':');
	if (i < 1) return null;
	const channel = who.slice(0, i);
	const recipient = who.slice(i + 1);
	return optOutToken(channel, recipient) === token ? { channel, recipient } : null;
}

function optOutUrl(n: Notification): string | null {
	if (n.channel !== 'email' || isStaffTemplate(n.template)) return null;
	const token = optOutToken(n.channel, n.recipient);
	return token ? `${publicOrigin().replace(/\/+$/, '')}/api/messages/opt-out?t=${token}` : null;
}

/** Plain-text rendering used by the dev mailbox: subject + body (SMS: the short text). */
export function renderNotification(
	n: Pick<Notification, 'template' | 'payload' | 'channel'> & { lang?: string }
): { subject: string; body: string } {
	const r = renderMessage(n, publicOrigin());
	return {
		subject: r.subject,
		body: n.channel === 'email' || n.channel === 'push' ? r.text : r.short
	};
}

/** Send the due messages (up to `n` a batch, until none is left) with the configured senders. */
export async function processOutbox(
	service: Db,
	n = 50,
	senders: SenderSet = getSenders(),
	now?: Date
): Promise<OutboxResult> {
	return drainOutbox(service, {
		limit: n,
		senders,
		origin: publicOrigin(),
		now,
		maxAttempts: maxAttempts(),
		concurrency: Number(env.THADS_OUTBOX_CONCURRENCY) || 4,
		optOutUrl
	});
}
