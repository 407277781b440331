/**
 * Providers' delivery reports (issue 14): turn each provider's documented callback into
 * "delivered" or "not delivered" for one outbox message, after checking the provider's
 * authentication. No SvelteKit imports: used by the routes under /api/messages/delivery and by
 * the contract tests.
 *
 *   eSMS.vn  HTTP GET to the CallbackUrl given with each message, query SMSID, SendStatus
 *            (1 pending approval, 2 waiting, 4 rejected, 5 sent, 7 at the telco), SendSuccess,
 *            SendFailed, RequestId, phonenumber, error_info (developers.esms.vn, "Callback Url").
 *            eSMS signs nothing: the CallbackUrl we give carries `/<outbox id>.<HMAC>`, so a
 *            report is accepted only for the message it was issued for.
 *   Zalo     POST JSON webhook, event `user_received_message` with message.msg_id and
 *            message.delivery_time (ZNS reached the phone); header X-ZEvent-Signature:
 *            "mac=" + SHA-256(app_id + body + timestamp + OA secret key). Zalo reports only
 *            deliveries; refusals come back in the send answer (senders.ts).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface DeliveryReport {
	provider: 'esms' | 'zalo-zns';
	/** The provider's id of the message (eSMS SMSID, Zalo msg_id). */
	ref: string | null;
	/** Our outbox id, when the report carries it. */
	id: number | null;
	delivered: boolean;
	error: string | null;
	at: Date | null;
}

const sameText = (a: string, b: string) => {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
};

/** The token in an eSMS callback URL for outbox message `id`: "<id>.<HMAC-SHA256, 32 chars>". */
export function deliveryToken(key: string, provider: string, id: number): string {
	const sig = createHmac('sha256', key)
		.update(`delivery;${provider};${id}`)
		.digest('base64url')
		.slice(0, 32);
	return `${id}.${sig}`;
}

/** The outbox id of a valid token, else null. */
export function readDeliveryToken(key: string, provider: string, token: string): number | null {
	const m = /^([1-9][0-9]{0,15})\.[A-Za-z0-9_-]{32}$/.exec(token);
	if (!m) return null;
	const id = Number(m[1]);
	return sameText(deliveryToken(key, provider, id), token) ? id : null;
}

/** eSMS callback query → report; null while eSMS has no final status yet (1, 2, 7). */
export function parseEsmsCallback(q: URLSearchParams, id: number | null): DeliveryReport | null {
	const status = q.get('SendStatus') ?? '';
	const ok = Number(q.get('SendSuccess') ?? 0);
	const failed = Number(q.get('SendFailed') ?? 0);
	const ref = q.get('SMSID')?.slice(0, 200) || null;
	let errorInfo = q.get('error_info');
	if (errorInfo) {
		try {
			const parsed = JSON.parse(JSON.parse(errorInfo)) as { error?: number; message?: string };
			errorInfo = `${parsed.error ?? ''} ${parsed.message ?? ''}`.trim();
		} catch {
			// kept as sent
		}
	}
	if (status === '4')
		return {
			provider: 'esms',
			ref,
			id,
			delivered: false,
			error: errorInfo ?? 'eSMS: rejected (SendStatus 4)',
			at: null
		};
	if (status !== '5') return null;
	if (ok > 0) return { provider: 'esms', ref, id, delivered: true, error: null, at: null };
	if (failed > 0)
		return {
			provider: 'esms',
			ref,
			id,
			delivered: false,
			error: errorInfo ?? `eSMS: not delivered (SendFailed ${failed})`,
			at: null
		};
	return null;
}

/** Zalo's X-ZEvent-Signature check: "mac=" + sha256(app_id + raw body + timestamp + OA secret). */
export function verifyZaloSignature(
	rawBody: string,
	header: string | null,
	appId: string,
	oaSecretKey: string
): boolean {
	if (!header || !appId || !oaSecretKey) return false;
	let timestamp: string;
	try {
		const body = JSON.parse(rawBody) as { timestamp?: string | number; app_id?: string };
		if (String(body.app_id ?? '') !== appId) return false;
		timestamp = String(body.timestamp ?? '');
	} catch {
		return false;
	}
	const mac = createHash('sha256')
		.update(appId + rawBody + timestamp + oaSecretKey)
		.digest('hex');
	return sameText(header.trim().replace(/^mac=/, ''), mac);
}

/** Zalo webhook event → report (user_received_message of a ZNS message), else null. */
export function parseZaloEvent(rawBody: string): DeliveryReport | null {
	let e: {
		event_name?: string;
		message?: { msg_id?: string; delivery_time?: string | number; tracking_id?: string };
	};
	try {
		e = JSON.parse(rawBody);
	} catch {
		return null;
	}
	if (e.event_name !== 'user_received_message' || !e.message?.msg_id) return null;
	const tracking = /^thads-([1-9][0-9]{0,15})$/.exec(e.message.tracking_id ?? '');
	const t = Number(e.message.delivery_time);
	return {
		provider: 'zalo-zns',
		ref: String(e.message.msg_id).slice(0, 200),
		id: tracking ? Number(tracking[1]) : null,
		delivered: true,
		error: null,
		at: Number.isFinite(t) && t > 0 ? new Date(t) : null
	};
}
