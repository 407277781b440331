// The outbox's rules (src/lib/offline/outbox.ts): claiming, what an answer means, the replayed
// request, and that two flushes at once (a page and the service worker) send an entry once.
// They run on the real src/lib/offline/idb.ts over fake-indexeddb (an IndexedDB in memory that
// runs readwrite transactions on one store one after the other, as browsers do), so the claim is
// tested with the same lock the browser gives it; tests/e2e/offline.spec.ts covers a real browser.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const outbox = await import('$lib/offline/outbox');
type Entry = import('$lib/offline/outbox').OutboxEntry;

const KEY = '0b6f7c2e-8a51-4d3e-9f00-1c2d3e4f5a6b';
const answer = (status: number, body: unknown) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(async () => {
	for (const e of await outbox.list()) await outbox.remove(e.key);
});

describe('claimable', () => {
	const base: Entry = {
		key: KEY,
		url: '/x',
		kind: 'application',
		state: 'waiting',
		createdAt: '2026-11-26T00:00:00Z',
		attempts: 0
	};
	it('takes waiting entries and sends whose claim ran out, nothing else', () => {
		expect(outbox.claimable(base, 1000)).toBe(true);
		expect(
			outbox.claimable({ ...base, state: 'sending', claim: { by: 'sw', until: 2000 } }, 1000)
		).toBe(false);
		expect(
			outbox.claimable({ ...base, state: 'sending', claim: { by: 'sw', until: 999 } }, 1000)
		).toBe(true);
		expect(outbox.claimable({ ...base, state: 'sent' }, 1000)).toBe(false);
		expect(outbox.claimable({ ...base, state: 'failed' }, 1000)).toBe(false);
	});
});

describe('outcome', () => {
	it('keeps the result of a success', () => {
		expect(outbox.outcome(200, { code: 'HS-ABCD-EFGH' })).toEqual({
			state: 'sent',
			result: { code: 'HS-ABCD-EFGH' }
		});
	});
	it('marks a refusal failed with the code and the sentence', () => {
		expect(
			outbox.outcome(400, { error: 'invalid_input', message: 'Hãy tải lên giấy tờ này' })
		).toEqual({
			state: 'failed',
			error: 'invalid_input',
			errorText: 'Hãy tải lên giấy tờ này'
		});
	});
	it('waits again on overload, timeouts and server errors', () => {
		for (const s of [408, 429, 500, 503]) expect(outbox.outcome(s, {}).state).toBe('waiting');
	});
});

describe('requestInit', () => {
	it('replays a multipart entry with its files and the idempotency key', async () => {
		const fd = new FormData();
		fd.append('applicant.name', 'Nguyễn Thị Mai');
		fd.append('doc.don', new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], 'don.pdf'));
		fd.append('doc.cccd', new File([], '')); // an empty file input: not kept
		const form = outbox.fieldsOf(fd);
		expect(form.map((f) => f.name)).toEqual(['applicant.name', 'doc.don']);
		const init = outbox.requestInit({
			key: KEY,
			url: '/thu-tuc/X/nop/gui',
			kind: 'application',
			form,
			state: 'waiting',
			createdAt: '',
			attempts: 0
		});
		expect((init.headers as Record<string, string>)['idempotency-key']).toBe(KEY);
		expect((init.headers as Record<string, string>)['content-type']).toBeUndefined();
		const body = init.body as FormData;
		expect(body.get('applicant.name')).toBe('Nguyễn Thị Mai');
		const file = body.get('doc.don') as File;
		expect(file.name).toBe('don.pdf');
		expect(new Uint8Array(await file.arrayBuffer())).toEqual(
			new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])
		);
	});
	it('replays a JSON entry as JSON', () => {
		const init = outbox.requestInit({
			key: KEY,
			url: '/gui-don/gui',
			kind: 'complaint',
			body: { values: { a: '1' } },
			state: 'waiting',
			createdAt: '',
			attempts: 0
		});
		expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
		expect(init.body).toBe('{"values":{"a":"1"}}');
	});
});

describe('send and flush', () => {
	it('sends an entry once when a page and the service worker flush at the same time', async () => {
		await outbox.enqueue({ key: KEY, url: '/gui-don/gui', kind: 'complaint', body: {} });
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const fetchFn = vi.fn(async () => {
			await gate;
			return answer(200, { code: 'KN-2345-6789', secret: 'ABCDEFGH' });
		});
		const page = outbox.flush(fetchFn as typeof fetch, 'page-1');
		const sw = outbox.flush(fetchFn as typeof fetch, 'sw');
		// Both flushes have tried to claim the entry once the winner is waiting for its answer.
		await vi.waitFor(() => expect(fetchFn).toHaveBeenCalled());
		release();
		await Promise.all([page, sw]);
		expect(fetchFn).toHaveBeenCalledTimes(1);
		const e = (await outbox.get(KEY))!;
		expect(e.state).toBe('sent');
		expect(e.result).toEqual({ code: 'KN-2345-6789', secret: 'ABCDEFGH' });
		expect(e.attempts).toBe(1);
		expect(e.claim).toBeUndefined();
		expect(['page-1', 'sw']).toContain(e.sentBy);
	});

	it('leaves an entry waiting when the network fails, and sends it on the next flush', async () => {
		await outbox.enqueue({ key: KEY, url: '/x', kind: 'application', form: [] });
		const down = vi.fn(async () => {
			throw new TypeError('Failed to fetch');
		});
		const [after] = await outbox.flush(down as typeof fetch, 'sw');
		expect(after!.state).toBe('waiting');
		expect(after!.claim).toBeUndefined();
		const up = vi.fn(async () => answer(200, { code: 'HS-2345-6789' }));
		const [sent] = await outbox.flush(up as typeof fetch, 'sw');
		expect(sent!.state).toBe('sent');
		expect(sent!.attempts).toBe(2);
		expect(sent!.sentBy).toBe('sw');
		// Sent entries stay (the result is shown on the next visit) and are not sent again.
		await outbox.flush(up as typeof fetch, 'page-2');
		expect(up).toHaveBeenCalledTimes(1);
	});

	it('keeps the reason of a refusal, and sends again only when the citizen asks', async () => {
		await outbox.enqueue({ key: KEY, url: '/x', kind: 'application', form: [] });
		const refuse = vi.fn(async () =>
			answer(400, { error: 'invalid_input', message: 'Hãy tải lên giấy tờ này' })
		);
		const [failed] = await outbox.flush(refuse as typeof fetch, 'page-1');
		expect(failed).toMatchObject({ state: 'failed', errorText: 'Hãy tải lên giấy tờ này' });
		await outbox.flush(refuse as typeof fetch, 'page-1');
		expect(refuse).toHaveBeenCalledTimes(1);
		const ok = vi.fn(async () => answer(200, { code: 'HS-2345-6789' }));
		const again = await outbox.retry(KEY, ok as typeof fetch);
		expect(again).toMatchObject({ state: 'sent', result: { code: 'HS-2345-6789' } });
		expect(again!.errorText).toBeUndefined();
	});

	it('takes over an entry whose sender vanished, and ignores the late answer of the old one', async () => {
		await outbox.enqueue({ key: KEY, url: '/x', kind: 'complaint', body: {} });
		// A tab claimed it long ago and was closed mid-send.
		const stale = (await outbox.claim(KEY, 'page-old', Date.now() - outbox.CLAIM_MS - 1))!;
		expect(stale.state).toBe('sending');
		expect(await outbox.claim(KEY, 'page-new', stale.claim!.until - 1)).toBeNull();
		const ok = vi.fn(async () => answer(200, { code: 'KN-2345-6789' }));
		const [sent] = await outbox.flush(ok as typeof fetch, 'sw');
		expect(sent).toMatchObject({ state: 'sent', sentBy: 'sw', attempts: 2 });
	});

	it('keeps entries in IndexedDB, read back as they were stored', async () => {
		await outbox.enqueue({ key: KEY, url: '/x', kind: 'complaint', body: { values: { a: 'á' } } });
		const stored = await new Promise<unknown>((resolve, reject) => {
			const req = indexedDB.open('thads-offline');
			req.onerror = () => reject(req.error);
			req.onsuccess = () => {
				const get = req.result.transaction('outbox').objectStore('outbox').get(KEY);
				get.onsuccess = () => resolve(get.result);
				get.onerror = () => reject(get.error);
			};
		});
		expect(stored).toMatchObject({ key: KEY, state: 'waiting', body: { values: { a: 'á' } } });
	});

	it('removes entries', async () => {
		await outbox.enqueue({ key: KEY, url: '/x', kind: 'complaint', body: {} });
		await outbox.remove(KEY);
		expect(await outbox.list()).toEqual([]);
	});
});

describe('newKey', () => {
	it('is a UUID v4', () => {
		expect(outbox.newKey()).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
	});
});
