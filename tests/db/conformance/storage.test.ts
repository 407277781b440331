/** Conformance: Storage through supabase-js — buckets, multipart and raw uploads, upsert,
 * download, signed URLs, list, remove, bucket limits (size 413, MIME 415) and RLS on
 * storage.objects (own-folder policies in fixtures.sql). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { anonClient, createTestUser, serviceClient, standin } from '../helpers';
import { dropFixtures, ensureFixtures } from './fixtures';

const fx = await ensureFixtures();
afterAll(dropFixtures);
const B = 'zz-conformance';

describe.skipIf(!fx.ok)(`Storage${fx.ok ? '' : ` (skipped: ${fx.reason})`}`, () => {
	const svc = serviceClient();
	let user: { id: string; client: SupabaseClient; token: string };
	let other: { id: string; client: SupabaseClient };
	beforeAll(async () => {
		const u = await createTestUser();
		const token = (await u.client.auth.getSession()).data.session!.access_token;
		user = { ...u, token };
		other = await createTestUser();
	});
	/** A raw Storage request as supabase-js sends it (apikey + Authorization). */
	const rawStorage = (path: string, token: string, init: RequestInit = {}) => {
		const headers = new Headers(init.headers);
		headers.set('apikey', standin().anonKey);
		headers.set('authorization', `Bearer ${token}`);
		return fetch(`${standin().url}/storage/v1/${path}`, { ...init, headers });
	};
	const p = (owner: string, name = `${randomUUID().slice(0, 8)}.txt`) => `${owner}/${name}`;

	it('service role: bucket get, list, create and delete', async () => {
		const got = await svc.storage.getBucket(B);
		expect(got.error).toBeNull();
		expect(got.data).toMatchObject({
			id: B,
			public: false,
			file_size_limit: 1024,
			allowed_mime_types: ['text/plain', 'image/png']
		});
		const list = await svc.storage.listBuckets();
		expect(list.data?.some((b) => b.id === B)).toBe(true);
		const id = `zz-tmp-${randomUUID().slice(0, 6)}`;
		expect((await svc.storage.createBucket(id, { public: false })).error).toBeNull();
		const dup = await svc.storage.createBucket(id);
		expect(dup.error).toMatchObject({ statusCode: '409' });
		expect((await svc.storage.deleteBucket(id)).error).toBeNull();
		const gone = await svc.storage.getBucket(id);
		expect(gone.error).toMatchObject({ status: 400, statusCode: '404', code: 'NoSuchBucket' });
	});

	it('anon cannot see or create buckets (RLS on storage.buckets)', async () => {
		const list = await anonClient().storage.listBuckets();
		expect(list.data ?? []).toEqual([]);
		const c = await anonClient().storage.createBucket(`zz-anon-${randomUUID().slice(0, 6)}`);
		expect(c.error).toMatchObject({ statusCode: '403' });
	});

	it('upload (multipart Blob) and download as the owner', async () => {
		const path = p(user.id);
		const up = await user.client.storage
			.from(B)
			.upload(path, new Blob(['xin chào'], { type: 'text/plain' }));
		expect(up.error).toBeNull();
		expect(up.data).toMatchObject({ path, fullPath: `${B}/${path}` });
		const dl = await user.client.storage.from(B).download(path);
		expect(dl.error).toBeNull();
		expect(await dl.data!.text()).toBe('xin chào');
		expect(dl.data!.type).toBe('text/plain');
	});

	it('upload a raw body (ArrayBuffer with contentType)', async () => {
		const path = p(user.id, 'raw.png');
		const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
		const up = await user.client.storage
			.from(B)
			.upload(path, bytes.buffer, { contentType: 'image/png' });
		expect(up.error).toBeNull();
		const dl = await svc.storage.from(B).download(path);
		expect(new Uint8Array(await dl.data!.arrayBuffer())).toEqual(bytes);
	});

	it('duplicate upload is a 409 Duplicate; upsert overwrites', async () => {
		const path = p(user.id);
		await user.client.storage.from(B).upload(path, new Blob(['one'], { type: 'text/plain' }));
		const dup = await user.client.storage
			.from(B)
			.upload(path, new Blob(['two'], { type: 'text/plain' }));
		expect(dup.error).toMatchObject({ statusCode: '409', message: 'The resource already exists' });
		const up = await svc.storage
			.from(B)
			.upload(path, new Blob(['three'], { type: 'text/plain' }), { upsert: true });
		expect(up.error).toBeNull();
		expect(await (await svc.storage.from(B).download(path)).data!.text()).toBe('three');
	});

	it('bucket limits: HTTP 400 with statusCode 413 (size) / 415 (type) in the body', async () => {
		// Storage's StorageBackendError answers every client error with HTTP 400 (userStatusCode)
		// and keeps the specific code in the body (supabase/storage src/internal/errors/
		// storage-error.ts, codes.ts EntityTooLarge / InvalidMimeType; src/http/error-handler.ts).
		const big = await rawStorage(`object/${B}/${p(user.id)}`, user.token, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: 'x'.repeat(2000)
		});
		expect(big.status).toBe(400);
		expect(await big.json()).toEqual({
			statusCode: '413',
			code: 'EntityTooLarge',
			error: 'Payload too large',
			message: 'The object exceeded the maximum allowed size'
		});
		const gif = await rawStorage(`object/${B}/${p(user.id, 'a.gif')}`, user.token, {
			method: 'POST',
			headers: { 'content-type': 'image/gif' },
			body: 'GIF89a'
		});
		expect(gif.status).toBe(400);
		expect(await gif.json()).toEqual({
			statusCode: '415',
			code: 'InvalidMimeType',
			error: 'invalid_mime_type',
			message: 'mime type image/gif is not supported'
		});
		const viaJs = await user.client.storage
			.from(B)
			.upload(p(user.id), new Blob(['x'.repeat(2000)], { type: 'text/plain' }));
		expect(viaJs.error).toMatchObject({ statusCode: '413' });
	});

	it('a bad JWT is AccessDenied (400, statusCode 403); only Authorization carries it', async () => {
		// src/http/plugins/jwt.ts: the token is read from Authorization alone and a failed
		// verification throws ERRORS.AccessDenied(<jose message>) — the apikey header is not a JWT
		// to Storage.
		const bad = await rawStorage('bucket', `${user.token}x`);
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({
			statusCode: '403',
			code: 'AccessDenied',
			error: 'Unauthorized'
		});
		const keyOnly = await fetch(`${standin().url}/storage/v1/bucket`, {
			headers: { apikey: standin().anonKey }
		});
		expect(keyOnly.status).toBe(400);
		expect(await keyOnly.json()).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
	});

	it('object/info: metadata {} when none was given, timestamps in UTC with Z', async () => {
		const path = p(user.id);
		await user.client.storage.from(B).upload(path, new Blob(['info'], { type: 'text/plain' }));
		const res = await rawStorage(`object/info/${B}/${path}`, user.token);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ name: path, bucket_id: B, size: 4, metadata: {} });
		expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(body.last_modified).toMatch(/Z$/);
		const listed = await user.client.storage.from(B).list(user.id, { search: path.split('/')[1] });
		expect(listed.data?.[0]?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it("RLS: another user's folder — upload denied (403), download not found (404)", async () => {
		const denied = await other.client.storage
			.from(B)
			.upload(p(user.id), new Blob(['x'], { type: 'text/plain' }));
		expect(denied.error).toMatchObject({ statusCode: '403' });
		const path = p(user.id);
		await user.client.storage.from(B).upload(path, new Blob(['private'], { type: 'text/plain' }));
		const dl = await other.client.storage.from(B).download(path);
		// Not "forbidden": someone else's object does not exist for this caller.
		expect(dl.error).toMatchObject({ status: 400, statusCode: '404', code: 'NoSuchKey' });
		expect(dl.data).toBeNull();
		const anonUp = await anonClient()
			.storage.from(B)
			.upload('x/y.txt', new Blob(['x'], { type: 'text/plain' }));
		expect(anonUp.error).toMatchObject({ statusCode: '403' });
	});

	it('signed URL downloads without a session; a tampered token is refused', async () => {
		const path = p(user.id);
		await user.client.storage.from(B).upload(path, new Blob(['signed'], { type: 'text/plain' }));
		const s = await user.client.storage.from(B).createSignedUrl(path, 60);
		expect(s.error).toBeNull();
		const ok = await fetch(s.data!.signedUrl);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toBe('signed');
		const bad = await fetch(s.data!.signedUrl.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
		expect(bad.status).toBe(400);
		const notMine = await other.client.storage.from(B).createSignedUrl(path, 60);
		expect(notMine.error).toMatchObject({ status: 400, statusCode: '404', code: 'NoSuchKey' });
		const many = await user.client.storage
			.from(B)
			.createSignedUrls([path, p(user.id, 'missing.txt')], 60);
		expect(many.data?.[0]).toMatchObject({ path, error: null });
		expect(many.data?.[0]?.signedUrl).toContain(`/object/sign/${B}/`);
		expect(many.data?.[1]).toMatchObject({
			signedUrl: null,
			error: 'Either the object does not exist or you do not have access to it'
		});
	});

	it('signed upload URL: created by an allowed caller, used without a session', async () => {
		const path = p(user.id);
		const { data, error } = await user.client.storage.from(B).createSignedUploadUrl(path);
		expect(error).toBeNull();
		const up = await anonClient()
			.storage.from(B)
			.uploadToSignedUrl(path, data!.token, new Blob(['via token'], { type: 'text/plain' }));
		expect(up.error).toBeNull();
		expect(await (await user.client.storage.from(B).download(path)).data!.text()).toBe('via token');
		const denied = await other.client.storage.from(B).createSignedUploadUrl(p(user.id));
		expect(denied.error).toMatchObject({ statusCode: '403' });
	});

	it('public bucket: getPublicUrl serves without credentials; a private bucket does not', async () => {
		const id = `zz-pub-${randomUUID().slice(0, 6)}`;
		expect((await svc.storage.createBucket(id, { public: true })).error).toBeNull();
		await svc.storage
			.from(id)
			.upload('a/hello.txt', new Blob(['public hello'], { type: 'text/plain' }));
		const pub = await fetch(svc.storage.from(id).getPublicUrl('a/hello.txt').data.publicUrl);
		expect(pub.status).toBe(200);
		expect(await pub.text()).toBe('public hello');
		const path = p(user.id);
		await user.client.storage.from(B).upload(path, new Blob(['private'], { type: 'text/plain' }));
		const priv = await fetch(svc.storage.from(B).getPublicUrl(path).data.publicUrl);
		expect(priv.status).toBe(400);
		await svc.storage.emptyBucket(id);
		expect((await svc.storage.deleteBucket(id)).error).toBeNull();
	});

	it('list shows files and sub-folders of a prefix', async () => {
		const base = `${user.id}/dir-${randomUUID().slice(0, 6)}`;
		for (const n of ['b.txt', 'a.txt', 'sub/c.txt']) {
			await user.client.storage
				.from(B)
				.upload(`${base}/${n}`, new Blob([n], { type: 'text/plain' }));
		}
		const { data, error } = await user.client.storage.from(B).list(base);
		expect(error).toBeNull();
		expect(data!.map((e) => e.name)).toEqual(['a.txt', 'b.txt', 'sub']);
		expect(data!.find((e) => e.name === 'sub')!.id).toBeNull();
		expect(data!.find((e) => e.name === 'a.txt')!.metadata).toMatchObject({
			size: 5,
			mimetype: 'text/plain'
		});
	});

	it('remove deletes what the caller may delete and returns those objects', async () => {
		const mine = p(user.id);
		await user.client.storage.from(B).upload(mine, new Blob(['bye'], { type: 'text/plain' }));
		const notMine = await other.client.storage.from(B).remove([mine]);
		expect(notMine.data).toEqual([]);
		const rm = await user.client.storage.from(B).remove([mine]);
		expect(rm.error).toBeNull();
		expect(rm.data?.map((o) => o.name)).toEqual([mine]);
		const dl = await svc.storage.from(B).download(mine);
		expect(dl.error).toMatchObject({ status: 400, statusCode: '404', code: 'NoSuchKey' });
	});
});
