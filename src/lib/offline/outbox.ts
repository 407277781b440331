/**
 * Submission outbox, one mechanism for every citizen submission (complaints, procedure
 * applications). A submission made without network is stored here with its idempotency key — as
 * JSON (`body`) or as a multipart form whose files are kept as Blobs in IndexedDB (`form`) — and
 * replayed by `flush()`: on the next page load, on the `online` event, and by the service worker on
 * a Background Sync event (src/service-worker.ts imports this module: one replay code, no copy).
 *
 * Never twice:
 * - an entry is *claimed* before it is sent (`claim()`: one readwrite IndexedDB transaction, so a
 *   page and the service worker flushing at the same moment cannot both take it); a claim expires
 *   after CLAIM_MS, so a tab closed in the middle of a send does not block the entry for ever;
 * - the request carries the idempotency key (header `idempotency-key`), and the server returns the
 *   same record for a key it has already seen, so even a send whose answer was lost is harmless.
 *
 * States the citizen sees: waiting → sending → sent (with the result, e.g. code + secret) or
 * failed (the server refused the content: the reason is kept; the citizen may retry or discard).
 * Sent entries stay until the citizen dismisses them, so a result obtained in the background
 * (service worker, tab closed) is shown on the next visit.
 */
import * as idb from './idb';
import { markQueued } from './flag';

export type OutboxState = 'waiting' | 'sending' | 'sent' | 'failed';

/** One part of a multipart submission: a text value, or a file kept as a Blob. */
export interface OutboxField {
	name: string;
	value?: string;
	blob?: Blob;
	fileName?: string;
}

export interface OutboxEntry<R = unknown> {
	key: string;
	/** Same-origin endpoint receiving the submission (POST). */
	url: string;
	/** JSON body… */
	body?: unknown;
	/** …or a multipart form (files included). */
	form?: OutboxField[];
	/** What it is, for the list shown to the citizen (e.g. 'complaint', 'application'). */
	kind: string;
	/** A title for the citizen (e.g. the procedure's name). */
	label?: string;
	state: OutboxState;
	createdAt: string;
	attempts: number;
	/** Who is sending it now and until when (ms since epoch). */
	claim?: { by: string; until: number };
	result?: R;
	/** The server's error code, and its sentence when the server gave one. */
	error?: string;
	errorText?: string;
	/** 'sw' when the service worker sent it, else the page's id. */
	sentBy?: string;
}

export const SYNC_TAG = 'thads-outbox';
/** How long a claim holds (a 10 MB upload on a slow 3G link takes about this long). */
export const CLAIM_MS = 3 * 60_000;
/** Longest wait for an answer: a JSON submission, a submission with files (< CLAIM_MS). */
export const SEND_JSON_MS = 10_000;
export const SEND_FORM_MS = 120_000;

/** This context's id for claims: 'sw' in the service worker, a random id in a page. */
export const OWNER =
	typeof window === 'undefined' ? 'sw' : `page-${Math.random().toString(36).slice(2, 10)}`;

export async function enqueue(
	entry: Pick<OutboxEntry, 'key' | 'url' | 'kind'> &
		Partial<Pick<OutboxEntry, 'body' | 'form' | 'label'>>
): Promise<OutboxEntry> {
	const e: OutboxEntry = {
		...entry,
		state: 'waiting',
		createdAt: new Date().toISOString(),
		attempts: 0
	};
	await idb.put('outbox', e);
	markQueued(true);
	void requestSync();
	return e;
}

export const list = () => idb.all<OutboxEntry>('outbox');
export const get = (key: string) => idb.get<OutboxEntry>('outbox', key);
export async function remove(key: string): Promise<void> {
	await idb.del('outbox', key);
	if ((await list()).length === 0) markQueued(false);
}

/** May `owner` take this entry now? Waiting ones, and ones whose sender's claim ran out. */
export function claimable(e: OutboxEntry, now: number): boolean {
	return e.state === 'waiting' || (e.state === 'sending' && (e.claim?.until ?? 0) < now);
}

/** Take the entry for sending (atomic); null when someone else has it or it is not to be sent. */
export async function claim(key: string, owner = OWNER, now = Date.now()) {
	return (
		(await idb.update<OutboxEntry>('outbox', key, (cur) =>
			cur && claimable(cur, now)
				? {
						...cur,
						state: 'sending',
						attempts: cur.attempts + 1,
						// A sender that vanished (worker stopped, tab closed) loses it soon after its
						// request would have timed out.
						claim: {
							by: owner,
							until: now + Math.min(CLAIM_MS, (cur.form ? SEND_FORM_MS : SEND_JSON_MS) + 5_000)
						}
					}
				: undefined
		)) ?? null
	);
}

/** What an answer means for the entry. Network errors, 408, 429 and 5xx: try again later. */
export function outcome(
	status: number,
	json: unknown
): Pick<OutboxEntry, 'state' | 'result' | 'error' | 'errorText'> {
	if (status >= 200 && status < 300) return { state: 'sent', result: json };
	if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
		const j = (json ?? {}) as { error?: unknown; message?: unknown };
		return {
			state: 'failed',
			error: typeof j.error === 'string' ? j.error : String(status),
			errorText: typeof j.message === 'string' ? j.message : undefined
		};
	}
	return { state: 'waiting' };
}

/** The fetch options replaying an entry. */
export function requestInit(e: OutboxEntry): RequestInit {
	const headers: Record<string, string> = { 'idempotency-key': e.key, accept: 'application/json' };
	if (e.form) {
		const fd = new FormData();
		for (const f of e.form) {
			if (f.blob) fd.append(f.name, f.blob, f.fileName ?? 'file');
			else fd.append(f.name, f.value ?? '');
		}
		return { method: 'POST', headers, body: fd, credentials: 'same-origin' };
	}
	headers['content-type'] = 'application/json';
	return { method: 'POST', headers, body: JSON.stringify(e.body), credentials: 'same-origin' };
}

/**
 * Send one entry, if this context can claim it (else the entry as it stands is returned). Network
 * failures leave it waiting; a refusal (4xx) marks it failed with the reason; success stores the
 * result.
 */
export async function send<R>(
	entry: OutboxEntry<R>,
	fetchFn: typeof fetch = fetch,
	owner = OWNER
): Promise<OutboxEntry<R>> {
	const claimed = (await claim(entry.key, owner)) as OutboxEntry<R> | null;
	if (!claimed) return ((await get(entry.key)) as OutboxEntry<R> | undefined) ?? entry;
	let next: Pick<OutboxEntry, 'state' | 'result' | 'error' | 'errorText'>;
	// A request that never answers (weak signal, captive portal) must not hold the claim: give up
	// after a while and leave the entry waiting for the next replay.
	const abort = new AbortController();
	const timer = setTimeout(() => abort.abort(), claimed.form ? SEND_FORM_MS : SEND_JSON_MS);
	try {
		const res = await fetchFn(claimed.url, { ...requestInit(claimed), signal: abort.signal });
		next = outcome(res.status, await res.json().catch(() => ({})));
	} catch {
		next = { state: 'waiting' };
	} finally {
		clearTimeout(timer);
	}
	// Release the claim — only if it is still ours (it may have run out and been taken over).
	const done = await idb.update<OutboxEntry>('outbox', entry.key, (cur) =>
		cur && cur.claim?.by === owner
			? {
					...cur,
					...next,
					claim: undefined,
					sentBy: next.state === 'sent' ? owner : cur.sentBy
				}
			: undefined
	);
	if (next.state === 'waiting' && owner !== 'sw') void requestSync();
	return ((done ?? (await get(entry.key))) as OutboxEntry<R> | undefined) ?? claimed;
}

/** Send every entry that is due (page load, `online`, background sync). Returns all entries after. */
export async function flush(fetchFn: typeof fetch = fetch, owner = OWNER): Promise<OutboxEntry[]> {
	if (!idb.available()) return [];
	const now = Date.now();
	const out: OutboxEntry[] = [];
	for (const e of await list()) out.push(claimable(e, now) ? await send(e, fetchFn, owner) : e);
	return out;
}

/** The citizen asks to try a refused entry again (after the cause was fixed on the server side). */
export async function retry<R>(
	key: string,
	fetchFn: typeof fetch = fetch
): Promise<OutboxEntry<R> | null> {
	const e = await idb.update<OutboxEntry>('outbox', key, (cur) =>
		cur?.state === 'failed'
			? { ...cur, state: 'waiting', error: undefined, errorText: undefined }
			: undefined
	);
	return e ? ((await send(e, fetchFn)) as OutboxEntry<R>) : null;
}

/**
 * Ask the service worker for a Background Sync, so the outbox is replayed even after the page is
 * closed. False where the browser has no Background Sync (Firefox, Safari): there the page replays
 * on load and on `online`.
 */
export async function requestSync(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !navigator.serviceWorker) return false;
	try {
		const reg = await Promise.race([
			navigator.serviceWorker.ready,
			new Promise<null>((r) => setTimeout(() => r(null), 3000))
		]);
		const sync = (
			reg as (ServiceWorkerRegistration & { sync?: { register(t: string): Promise<void> } }) | null
		)?.sync;
		if (!sync) return false;
		await sync.register(SYNC_TAG);
		return true;
	} catch {
		return false;
	}
}

/** Files of a form as outbox fields (Blobs are kept by IndexedDB as they are). */
export function fieldsOf(fd: FormData): OutboxField[] {
	const out: OutboxField[] = [];
	for (const [name, v] of fd.entries()) {
		if (typeof v === 'string') out.push({ name, value: v });
		else if (v.size > 0) out.push({ name, blob: v, fileName: v.name });
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
