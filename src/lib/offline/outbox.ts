/**
 * Submission outbox. A submission made without network is stored here with its idempotency key
 * and replayed (next page load, the `online` event, or the service worker's background sync via
 * `flush()`); the server treats a repeated key as the same submission, so a replay never creates
 * a second record. The citizen sees each entry's state: waiting → sent (with the result).
 */
import * as idb from './idb';

export type OutboxState = 'waiting' | 'sending' | 'sent' | 'failed';

export interface OutboxEntry<R = unknown> {
	key: string;
	/** Same-origin endpoint receiving `body` as JSON (POST). */
	url: string;
	body: unknown;
	/** What it is, for the list shown to the citizen (e.g. 'complaint'). */
	kind: string;
	state: OutboxState;
	createdAt: string;
	attempts: number;
	result?: R;
	error?: string;
}

export async function enqueue(
	entry: Pick<OutboxEntry, 'key' | 'url' | 'body' | 'kind'>
): Promise<OutboxEntry> {
	const e: OutboxEntry = {
		...entry,
		state: 'waiting',
		createdAt: new Date().toISOString(),
		attempts: 0
	};
	await idb.put('outbox', e);
	return e;
}

export const list = () => idb.all<OutboxEntry>('outbox');
export const get = (key: string) => idb.get<OutboxEntry>('outbox', key);
export const remove = (key: string) => idb.del('outbox', key);

/**
 * Send one entry. Network failures leave it waiting; a 4xx answer marks it failed (the server
 * refused the content: the page must show it to the citizen); success stores the result.
 */
export async function send<R>(
	entry: OutboxEntry<R>,
	fetchFn: typeof fetch = fetch
): Promise<OutboxEntry<R>> {
	entry.state = 'sending';
	entry.attempts += 1;
	await idb.put('outbox', entry);
	try {
		const res = await fetchFn(entry.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'idempotency-key': entry.key,
				accept: 'application/json'
			},
			body: JSON.stringify(entry.body)
		});
		const json = await res.json().catch(() => ({}));
		if (res.ok) {
			entry.state = 'sent';
			entry.result = json as R;
			entry.error = undefined;
		} else if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
			entry.state = 'failed';
			entry.error = (json as { error?: string }).error ?? String(res.status);
		} else {
			entry.state = 'waiting';
		}
	} catch {
		entry.state = 'waiting';
	}
	await idb.put('outbox', entry);
	return entry;
}

/** Send every waiting entry (page load, `online`, background sync). Returns the entries after. */
export async function flush(fetchFn: typeof fetch = fetch): Promise<OutboxEntry[]> {
	if (!idb.available()) return [];
	const entries = await list();
	const out: OutboxEntry[] = [];
	for (const e of entries) {
		out.push(e.state === 'waiting' || e.state === 'sending' ? await send(e, fetchFn) : e);
	}
	return out;
}

/** A random UUID v4 (crypto.randomUUID is missing on some older Android WebViews). */
export function newKey(): string {
	const c = globalThis.crypto;
	if (typeof c.randomUUID === 'function') return c.randomUUID();
	const b = new Uint8Array(16);
	c.getRandomValues(b);
	b[6] = (b[6]! & 0x0f) | 0x40;
	b[8] = (b[8]! & 0x3f) | 0x80;
	const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
