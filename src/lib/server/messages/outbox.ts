/**
 * Sending the outbox: claim due messages (public.claim_notifications: `for update skip locked`
 * plus a five-minute claim, so any number of app instances and pg_cron may run this at once and
 * each message is handed to one sender), render each, hand it to its channel's sender, record the
 * attempt (public.record_notification_attempt: sent, retry after 30 s · 2^(k-1), or dead after the
 * last attempt / a permanent error). No SvelteKit imports: used by the app, tests and the bench.
 */
import type { Db } from '$lib/server/supabase';
import {
	PermanentSendError,
	type ChannelSender,
	type NotificationChannel,
	type SenderSet
} from './senders';
import { renderMessage } from './templates';

type NotificationStatus = 'queued' | 'sent' | 'failed' | 'dead';

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
	lang?: string;
	unit_id?: string | null;
}

export interface OutboxOptions {
	/** Largest batch claimed at once (≤ 500). */
	limit?: number;
	/** Senders by channel; a channel without one keeps its messages queued. */
	senders: SenderSet;
	/** Public URL of the app, for links. */
	origin: string;
	/** "Now" for due times and back-off (tests move it forward instead of waiting). */
	now?: Date;
	/** Attempts after which a failing message is dead. */
	maxAttempts?: number;
	/** Messages sent in parallel. */
	concurrency?: number;
	/** Opt-out link for a citizen's e-mail, or null. */
	optOutUrl?: (n: Notification) => string | null;
}

export interface OutboxResult {
	senders: string[];
	claimed: number;
	sent: number;
	retried: number;
	dead: number;
}

const lastSend = new WeakMap<ChannelSender, number>();

async function pace(sender: ChannelSender) {
	if (!sender.minIntervalMs) return;
	const last = lastSend.get(sender) ?? 0;
	const wait = last + sender.minIntervalMs - Date.now();
	lastSend.set(sender, Math.max(Date.now(), last + sender.minIntervalMs));
	if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** Claim and send one batch of due messages. */
export async function sendOutboxBatch(service: Db, opts: OutboxOptions): Promise<OutboxResult> {
	const channels = (Object.keys(opts.senders) as NotificationChannel[]).filter(
		(c) => opts.senders[c]
	);
	const result: OutboxResult = {
		senders: [...new Set(channels.map((c) => opts.senders[c]!.name))],
		claimed: 0,
		sent: 0,
		retried: 0,
		dead: 0
	};
	if (channels.length === 0) return result;
	const now = opts.now?.toISOString() ?? null;
	const { data, error } = await service.rpc('claim_notifications', {
		n: Math.min(Math.max(opts.limit ?? 50, 0), 500),
		p_now: now,
		p_channels: channels
	});
	if (error) throw new Error(`claim_notifications failed: ${error.message}`);
	const batch = (data ?? []) as Notification[];
	result.claimed = batch.length;

	const one = async (n: Notification) => {
		const sender = opts.senders[n.channel]!;
		const started = Date.now();
		let ok = true;
		let permanent = false;
		let message: string | null = null;
		let ref: string | null = null;
		try {
			await pace(sender);
			const rendered = renderMessage(n, opts.origin, opts.optOutUrl?.(n) ?? null);
			const r = await sender.send({
				id: n.id,
				channel: n.channel,
				recipient: n.recipient,
				template: n.template,
				payload: n.payload ?? {},
				lang: n.lang ?? 'vi',
				rendered
			});
			ref = (r && r.ref) ?? null;
		} catch (e) {
			ok = false;
			permanent = e instanceof PermanentSendError;
			message = e instanceof Error ? e.message : String(e);
		}
		const { data: status, error: markError } = await service.rpc('record_notification_attempt', {
			p_id: n.id,
			p_ok: ok,
			p_error: message,
			p_permanent: permanent,
			p_sender: sender.name,
			p_provider_ref: ref,
			p_max_attempts: opts.maxAttempts ?? 5,
			p_ms: Date.now() - started,
			p_now: now
		});
		if (markError) throw new Error(`record_notification_attempt failed: ${markError.message}`);
		if (status === 'sent') result.sent++;
		else if (status === 'dead') result.dead++;
		else result.retried++;
	};

	const queue = [...batch];
	const workers = Array.from(
		{ length: Math.max(1, Math.min(opts.concurrency ?? 4, 16)) },
		async () => {
			for (let n = queue.shift(); n; n = queue.shift()) await one(n);
		}
	);
	await Promise.all(workers);
	return result;
}

/** Send batches until the due queue is empty (or `maxBatches` were sent). */
export async function drainOutbox(
	service: Db,
	opts: OutboxOptions & { maxBatches?: number }
): Promise<OutboxResult> {
	const total: OutboxResult = { senders: [], claimed: 0, sent: 0, retried: 0, dead: 0 };
	for (let i = 0; i < (opts.maxBatches ?? 20); i++) {
		const r = await sendOutboxBatch(service, opts);
		total.senders = r.senders;
		total.claimed += r.claimed;
		total.sent += r.sent;
		total.retried += r.retried;
		total.dead += r.dead;
		if (r.claimed < Math.min(Math.max(opts.limit ?? 50, 0), 500) || r.claimed === 0) break;
	}
	return total;
}
