/**
 * Senders: one interface for every channel, one adapter per provider. Each adapter turns an
 * outbox message into the provider's request and the provider's answer into sent (with the
 * provider's id), retry (thrown Error) or give up (thrown PermanentSendError).
 *
 *   e-mail  SMTP through nodemailer (any provider: Viettel/VNPT mail, SES, Postmark… over SMTP)
 *   sms     eSMS.vn brandname "CSKH" messages (SendMultipleMessage_V4_post_json)
 *   zalo    Zalo ZNS (business.openapi.zalo.me/message/template), templates registered with Zalo
 *   push    Web Push with VAPID (web-push); the recipient is the subscription JSON
 *
 * Configured from the environment by `sendersFromEnv` (see README, "Messages").
 */
import nodemailer from 'nodemailer';
import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { RenderedMessage } from './templates';
import { deliveryToken } from './delivery';

export type NotificationChannel = 'email' | 'sms' | 'push' | 'zalo';

/** What a sender gets: the outbox row's essentials and its rendered words. */
export interface OutboundMessage {
	id: number;
	channel: NotificationChannel;
	recipient: string;
	template: string;
	payload: Record<string, unknown>;
	lang: string;
	rendered: RenderedMessage;
}

/** Delivers one message. Resolve = accepted by the provider; throw = failed. */
export interface ChannelSender {
	name: string;
	send(message: OutboundMessage): Promise<{ ref?: string | null } | void>;
	/** Smallest gap between two sends (a provider's rate limit), in ms. */
	minIntervalMs?: number;
	close?(): void;
}

/** Thrown by a sender when retrying cannot help (invalid address, template unknown…). */
export class PermanentSendError extends Error {
	override name = 'PermanentSendError';
}

/** Development sink: delivers nothing; the message is marked sent and read in the dev mailbox. */
const devMailboxSender: ChannelSender = {
	name: 'dev-mailbox',
	async send() {}
};

/** An HTTP error answer: 4xx except 408/429 will not get better by retrying. */
function httpFailure(provider: string, status: number, body: string): Error {
	const msg = `${provider} HTTP ${status}: ${body.slice(0, 300)}`;
	return status >= 400 && status < 500 && status !== 408 && status !== 429
		? new PermanentSendError(msg)
		: new Error(msg);
}

// ---------------------------------------------------------------------------------------------
// E-mail over SMTP.

export interface SmtpOptions {
	/** smtp://user:pass@host:587 or smtps://…:465 */
	url: string;
	from: string;
	/** Messages whose opt-out link is known get a List-Unsubscribe header. */
	pool?: boolean;
}

/** SMTP sender (nodemailer, pooled connections). 5xx answers are permanent, 4xx are retried. */
export function smtpSender(opts: SmtpOptions): ChannelSender {
	const transport = nodemailer.createTransport({
		url: opts.url,
		pool: opts.pool ?? true,
		maxConnections: 4,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	});
	return {
		name: 'smtp',
		async send(m) {
			try {
				const info = await transport.sendMail({
					from: opts.from,
					to: m.recipient,
					subject: m.rendered.subject,
					text: m.rendered.text,
					headers: { 'X-THADS-Message': String(m.id) }
				});
				return { ref: info.messageId ?? null };
			} catch (e) {
				const code = (e as { responseCode?: number }).responseCode;
				const message = e instanceof Error ? e.message : String(e);
				if (code && code >= 500)
					throw new PermanentSendError(`SMTP ${code}: ${message}`, { cause: e });
				throw new Error(code ? `SMTP ${code}: ${message}` : message, { cause: e });
			}
		},
		close() {
			transport.close();
		}
	};
}

// ---------------------------------------------------------------------------------------------
// SMS brandname: eSMS.vn.
//
// Request (JSON POST): { ApiKey, SecretKey, Phone, Content, Brandname, SmsType: "2" (CSKH),
// IsUnicode: "0", Sandbox: "0"|"1", RequestId, CallbackUrl? }. Answer: { CodeResult: "100",
// SMSID } when accepted, else { CodeResult: "<code>", ErrorMessage }. 99 (unknown error) and 103
// (balance too low) may pass later: retried; any other code (wrong key, brandname or template not
// registered, invalid phone…) is permanent. RequestId = the outbox id, so eSMS refuses a repeat.

export interface EsmsOptions {
	apiKey: string;
	secretKey: string;
	brandname: string;
	url?: string;
	sandbox?: boolean;
	/** Where eSMS reports delivery: one URL, or one per outbox message (authenticated token). */
	callbackUrl?: string | ((id: number) => string);
	minIntervalMs?: number;
}

const ESMS_URL = 'https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/';
const ESMS_RETRY_CODES = new Set(['99', '103']);

export function esmsSender(opts: EsmsOptions): ChannelSender {
	return {
		name: 'esms',
		minIntervalMs: opts.minIntervalMs,
		async send(m) {
			const phone = m.recipient.replace(/[\s.-]/g, '');
			if (!/^(0|\+?84)[0-9]{9}$/.test(phone)) throw new PermanentSendError('invalid phone number');
			const res = await fetch(opts.url ?? ESMS_URL, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					ApiKey: opts.apiKey,
					SecretKey: opts.secretKey,
					Phone: phone,
					Content: m.rendered.short,
					Brandname: opts.brandname,
					SmsType: '2',
					IsUnicode: '0',
					Sandbox: opts.sandbox ? '1' : '0',
					RequestId: `thads-${m.id}`,
					...(opts.callbackUrl
						? {
								CallbackUrl:
									typeof opts.callbackUrl === 'function' ? opts.callbackUrl(m.id) : opts.callbackUrl
							}
						: {})
				}),
				signal: AbortSignal.timeout(15_000)
			});
			const body = await res.text();
			if (!res.ok) throw httpFailure('eSMS', res.status, body);
			let answer: { CodeResult?: string | number; SMSID?: string; ErrorMessage?: string };
			try {
				answer = JSON.parse(body);
			} catch {
				throw new Error(`eSMS: unreadable answer ${body.slice(0, 200)}`);
			}
			const code = String(answer.CodeResult ?? '');
			if (code === '100') return { ref: answer.SMSID ?? null };
			const msg = `eSMS ${code}: ${answer.ErrorMessage ?? 'error'}`;
			throw ESMS_RETRY_CODES.has(code) ? new Error(msg) : new PermanentSendError(msg);
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Zalo ZNS.
//
// Request: POST https://business.openapi.zalo.me/message/template, header `access_token`, body
// { phone: "84…", template_id, template_data: {…}, tracking_id }. Answer: { error: 0, message,
// data: { msg_id, sent_time, quota } }, or { error: <negative code>, message }. Every template
// must be registered and approved by Zalo first (its parameters are fixed then): map our template
// names to Zalo template ids in THADS_ZALO_TEMPLATES. Parameters sent: code, time, unit, link.
// An unknown phone / no Zalo account / template not approved is permanent; the rest is retried.

export interface ZaloOptions {
	accessToken: string;
	templates: Record<string, string>;
	url?: string;
	minIntervalMs?: number;
}

const ZALO_ZNS_URL = 'https://business.openapi.zalo.me/message/template';
/** Zalo error codes that retrying will not fix (phone invalid, no Zalo user, template refused…). */
const ZALO_PERMANENT = new Set([-108, -118, -124, -131, -132, -133, -137, -139, -141]);

export function zaloSender(opts: ZaloOptions): ChannelSender {
	return {
		name: 'zalo-zns',
		minIntervalMs: opts.minIntervalMs,
		async send(m) {
			const templateId = opts.templates[m.template];
			if (!templateId) throw new PermanentSendError(`zalo template not registered: ${m.template}`);
			const digits = m.recipient.replace(/\D/g, '');
			const phone = digits.startsWith('84') ? digits : `84${digits.replace(/^0/, '')}`;
			const p = m.payload;
			const res = await fetch(opts.url ?? ZALO_ZNS_URL, {
				method: 'POST',
				headers: { 'content-type': 'application/json', access_token: opts.accessToken },
				body: JSON.stringify({
					phone,
					template_id: templateId,
					template_data: {
						code: String(p.code ?? ''),
						time: String(p.local_time ?? p.due_date ?? p.accept_due ?? ''),
						unit: String(p.unit_name ?? ''),
						link: m.rendered.link ?? ''
					},
					tracking_id: `thads-${m.id}`
				}),
				signal: AbortSignal.timeout(15_000)
			});
			const body = await res.text();
			if (!res.ok) throw httpFailure('Zalo', res.status, body);
			let answer: { error?: number; message?: string; data?: { msg_id?: string } };
			try {
				answer = JSON.parse(body);
			} catch {
				throw new Error(`Zalo: unreadable answer ${body.slice(0, 200)}`);
			}
			if (answer.error === 0) return { ref: answer.data?.msg_id ?? null };
			const msg = `Zalo ${answer.error}: ${answer.message ?? 'error'}`;
			throw ZALO_PERMANENT.has(Number(answer.error)) ? new PermanentSendError(msg) : new Error(msg);
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Web push (VAPID). The recipient is the PushSubscription JSON saved when the citizen allowed it.

export interface WebPushOptions {
	publicKey: string;
	privateKey: string;
	subject: string;
	/**
	 * Hosts a subscription's endpoint may point to (a suffix matches subdomains). Citizens give the
	 * endpoint, so without this the server would POST wherever they say (SSRF). Default: the
	 * browsers' push services.
	 */
	allowedHosts?: string[];
	/** HTTPS agent for the push service requests (a proxy, a private CA; tests). */
	agent?: Agent;
}

/** The push services of Chrome/Edge/Android (FCM), Firefox (Mozilla autopush), Safari (Apple), Windows (WNS). */
export const PUSH_SERVICE_HOSTS = [
	'fcm.googleapis.com',
	'android.googleapis.com',
	'push.services.mozilla.com',
	'push.apple.com',
	'notify.windows.com'
];

/** Whether an endpoint's host is one of `hosts` or a subdomain of one. */
export function isAllowedPushEndpoint(endpoint: string, hosts: string[]): boolean {
	let host: string;
	try {
		host = new URL(endpoint).hostname.toLowerCase();
	} catch {
		return false;
	}
	return hosts.some((h) => host === h.toLowerCase() || host.endsWith(`.${h.toLowerCase()}`));
}

export function webPushSender(opts: WebPushOptions): ChannelSender {
	return {
		name: 'web-push',
		async send(m) {
			let subscription: webpush.PushSubscription;
			try {
				subscription = JSON.parse(m.recipient);
			} catch {
				throw new PermanentSendError('invalid push subscription');
			}
			if (
				!isAllowedPushEndpoint(
					subscription?.endpoint ?? '',
					opts.allowedHosts ?? PUSH_SERVICE_HOSTS
				)
			)
				throw new PermanentSendError('push endpoint is not a known push service');
			try {
				const res = await webpush.sendNotification(
					subscription,
					JSON.stringify({
						title: m.rendered.subject,
						body: m.rendered.text.split('\n')[0],
						url: m.rendered.link
					}),
					{
						vapidDetails: {
							subject: opts.subject,
							publicKey: opts.publicKey,
							privateKey: opts.privateKey
						},
						TTL: 24 * 3600,
						...(opts.agent ? { agent: opts.agent } : {})
					}
				);
				return { ref: res.headers?.location ?? null };
			} catch (e) {
				const status = (e as { statusCode?: number }).statusCode;
				const msg = `push ${status ?? ''}: ${e instanceof Error ? e.message : String(e)}`;
				// 404/410: the subscription is gone for good.
				throw status === 404 || status === 410 ? new PermanentSendError(msg) : new Error(msg);
			}
		}
	};
}

// ---------------------------------------------------------------------------------------------

/** The key delivery-report URLs are signed with (THADS_DELIVERY_KEY, else the opt-out key). */
export function deliveryKey(env: Record<string, string | undefined>): string | null {
	return env.THADS_DELIVERY_KEY || env.THADS_OPT_OUT_KEY || env.THADS_CLIENT_ADDRESS_KEY || null;
}

/** eSMS CallbackUrl per message: THADS_ESMS_CALLBACK_URL + "/<id>.<signature>". */
function esmsCallback(env: Record<string, string | undefined>) {
	const base = env.THADS_ESMS_CALLBACK_URL?.replace(/\/+$/, '');
	const key = deliveryKey(env);
	if (!base || !key) return undefined;
	return (id: number) => `${base}/${deliveryToken(key, 'esms', id)}`;
}

export type SenderSet = Partial<Record<NotificationChannel, ChannelSender>>;

/**
 * The senders the environment configures, by channel. `devMailbox`: channels with no provider go
 * to the dev mailbox sink (development and THADS_DEV_MAILBOX=1); otherwise they stay queued.
 */
export function sendersFromEnv(
	env: Record<string, string | undefined>,
	devMailbox: boolean
): SenderSet {
	const set: SenderSet = {};
	const perSecond = (v: string | undefined) =>
		v && Number(v) > 0 ? Math.ceil(1000 / Number(v)) : undefined;
	if (env.THADS_SMTP_URL) {
		set.email = smtpSender({
			url: env.THADS_SMTP_URL,
			from: env.THADS_MAIL_FROM ?? 'THADS <no-reply@thads.local>'
		});
	}
	if ((env.THADS_SMS_PROVIDER ?? 'esms') === 'esms' && env.THADS_ESMS_API_KEY) {
		set.sms = esmsSender({
			apiKey: env.THADS_ESMS_API_KEY,
			secretKey: env.THADS_ESMS_SECRET_KEY ?? '',
			brandname: env.THADS_ESMS_BRANDNAME ?? '',
			url: env.THADS_ESMS_URL || undefined,
			sandbox: env.THADS_ESMS_SANDBOX === '1',
			callbackUrl: esmsCallback(env),
			minIntervalMs: perSecond(env.THADS_SMS_RATE)
		});
	}
	if (env.THADS_ZALO_ACCESS_TOKEN) {
		let templates: Record<string, string>;
		try {
			templates = JSON.parse(env.THADS_ZALO_TEMPLATES ?? '{}');
		} catch {
			templates = {};
		}
		set.zalo = zaloSender({
			accessToken: env.THADS_ZALO_ACCESS_TOKEN,
			templates,
			url: env.THADS_ZALO_URL || undefined,
			minIntervalMs: perSecond(env.THADS_ZALO_RATE)
		});
	}
	if (env.THADS_VAPID_PUBLIC_KEY && env.THADS_VAPID_PRIVATE_KEY) {
		set.push = webPushSender({
			publicKey: env.THADS_VAPID_PUBLIC_KEY,
			privateKey: env.THADS_VAPID_PRIVATE_KEY,
			subject: env.THADS_VAPID_SUBJECT ?? 'mailto:no-reply@thads.local',
			allowedHosts: env.THADS_PUSH_HOSTS
				? env.THADS_PUSH_HOSTS.split(',')
						.map((h) => h.trim())
						.filter(Boolean)
				: undefined
		});
	}
	if (devMailbox) {
		for (const c of ['email', 'sms', 'zalo', 'push'] as const) set[c] ??= devMailboxSender;
	}
	return set;
}
