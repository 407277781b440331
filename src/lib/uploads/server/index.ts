/**
 * Attachments, server side (shared by complaints and procedures).
 *
 * store(): validate size and type by magic bytes, hash, write the object with the service client
 * into the private `attachments` bucket and record it in public.attachments (the only writer:
 * RLS gives nobody else insert). signedUrl(): a short-lived download link, to be called only
 * after the caller proved access — an RLS-checked select of the row with the user's client
 * (staff) or a get_<thing>_attachment_by_code function (citizen).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '$lib/server/supabase';
import { createAnonClient, createServiceClient } from '$lib/server/supabase';
import { MAX_BYTES, MAX_FILES, cleanFileName, extensionFor, sniffMime } from '../validate';
import { stripMetadata } from './strip-metadata';

const BUCKET = 'attachments';

export class UploadError extends Error {
	constructor(public code: 'too_big' | 'bad_type' | 'empty' | 'too_many' | 'storage' | 'no_owner') {
		super(code);
	}
}

export interface StoredAttachment {
	id: string;
	file_name: string;
	mime_type: string;
	size_bytes: number;
}

export interface StoreOptions {
	file: File;
	ownerKind: string;
	ownerId?: string | null;
	draftKey?: string | null;
	unitId?: string | null;
	uploadedBy?: string | null;
	isInternal?: boolean;
	/** Max files per owner or draft key (default 10). */
	maxFiles?: number;
	service?: Db;
}

/** sha256 of the bytes store() keeps for this file (after its metadata is removed). */
export async function storedHash(file: File): Promise<string> {
	const received = new Uint8Array(await file.arrayBuffer());
	const mime = sniffMime(received);
	const bytes = mime ? stripMetadata(received, mime) : received;
	return createHash('sha256').update(bytes).digest('hex');
}

/** Validate and store one file; returns the attachments row. Throws UploadError. */
export async function store(opts: StoreOptions): Promise<StoredAttachment> {
	const { file, ownerKind } = opts;
	if (!opts.ownerId && !opts.draftKey) throw new UploadError('no_owner');
	if (file.size === 0) throw new UploadError('empty');
	if (file.size > MAX_BYTES) throw new UploadError('too_big');
	const received = new Uint8Array(await file.arrayBuffer());
	if (received.byteLength > MAX_BYTES) throw new UploadError('too_big');
	const mime = sniffMime(received);
	if (!mime) throw new UploadError('bad_type');
	const bytes = stripMetadata(received, mime);

	const service = opts.service ?? createServiceClient();
	let q = service
		.from('attachments')
		.select('id', { count: 'exact', head: true })
		.eq('owner_kind', ownerKind);
	q = opts.ownerId ? q.eq('owner_id', opts.ownerId) : q.eq('draft_key', opts.draftKey!);
	const { count } = await q;
	if ((count ?? 0) >= (opts.maxFiles ?? MAX_FILES)) throw new UploadError('too_many');

	// A citizen's draft counts against the client address's daily quota (60 MB, 40 files; the
	// database keys it on the signed client address: public.claim_upload_quota).
	if (!opts.ownerId && !opts.uploadedBy) {
		const quota = await createAnonClient().rpc('claim_upload_quota', { p_bytes: bytes.byteLength });
		if (quota.error) throw new UploadError('storage');
		if (quota.data === false) throw new UploadError('too_many');
	}

	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const id = randomUUID();
	const now = new Date();
	const path = `${ownerKind}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}.${extensionFor(mime)}`;
	const up = await service.storage
		.from(BUCKET)
		.upload(path, bytes, { contentType: mime, upsert: false });
	if (up.error) throw new UploadError('storage');

	const row = {
		id,
		owner_kind: ownerKind,
		owner_id: opts.ownerId ?? null,
		draft_key: opts.ownerId ? null : (opts.draftKey ?? null),
		unit_id: opts.unitId ?? null,
		bucket: BUCKET,
		path,
		file_name: cleanFileName(file.name),
		mime_type: mime,
		size_bytes: bytes.byteLength,
		sha256,
		uploaded_by: opts.uploadedBy ?? null,
		is_internal: opts.isInternal ?? false
	};
	const ins = await service.from('attachments').insert(row);
	if (ins.error) {
		await service.storage.from(BUCKET).remove([path]);
		throw new UploadError('storage');
	}
	return { id, file_name: row.file_name, mime_type: mime, size_bytes: row.size_bytes };
}

/** Remove a file still attached to a draft (the citizen changed their mind before sending). */
export async function removeDraft(
	id: string,
	draftKey: string,
	service = createServiceClient()
): Promise<boolean> {
	const { data } = await service
		.from('attachments')
		.select('path, bucket')
		.eq('id', id)
		.eq('draft_key', draftKey)
		.is('owner_id', null)
		.maybeSingle();
	if (!data) return false;
	await service.storage.from(data.bucket as string).remove([data.path as string]);
	await service.from('attachments').delete().eq('id', id).eq('draft_key', draftKey);
	return true;
}

/** Files of a draft, for showing them again after a refused submission or a reload. */
export async function listDraft(
	ownerKind: string,
	draftKey: string,
	service = createServiceClient()
) {
	const { data } = await service
		.from('attachments')
		.select('id, file_name, mime_type, size_bytes')
		.eq('owner_kind', ownerKind)
		.eq('draft_key', draftKey)
		.is('owner_id', null)
		.order('uploaded_at');
	return (data ?? []) as StoredAttachment[];
}

/** A signed download URL (5 minutes). Call only after an access check. */
export async function signedUrl(
	bucket: string,
	path: string,
	fileName: string,
	service = createServiceClient()
) {
	const { data, error } = await service.storage
		.from(bucket)
		.createSignedUrl(path, 300, { download: fileName });
	if (error || !data) throw new UploadError('storage');
	return data.signedUrl;
}

/** Drafts never submitted are deleted after two days (daily job). */
export async function purgeStaleDrafts(service: Db, olderThanHours = 48): Promise<number> {
	const cutoff = new Date(Date.now() - olderThanHours * 3600_000).toISOString();
	const { data } = await service
		.from('attachments')
		.select('id, bucket, path')
		.is('owner_id', null)
		.lt('uploaded_at', cutoff)
		.limit(500);
	const rows = (data ?? []) as { id: string; bucket: string; path: string }[];
	if (!rows.length) return 0;
	await service.storage.from(BUCKET).remove(rows.map((r) => r.path));
	await service
		.from('attachments')
		.delete()
		.in(
			'id',
			rows.map((r) => r.id)
		);
	return rows.length;
}

/** Store every file of a multipart field (no-JS fallback); returns stored rows and problems. */
export async function storeAll(files: File[], opts: Omit<StoreOptions, 'file'>) {
	const stored: StoredAttachment[] = [];
	const problems: { name: string; code: UploadError['code'] }[] = [];
	for (const file of files) {
		if (!file || file.size === 0) continue;
		try {
			stored.push(await store({ ...opts, file }));
		} catch (e) {
			problems.push({ name: file.name, code: e instanceof UploadError ? e.code : 'storage' });
		}
	}
	return { stored, problems };
}

/**
 * Stream a file to the browser through the app (the browser never talks to Supabase directly,
 * README). Call only after an access check. Uses a short-lived signed URL server-side.
 */
export async function download(
	bucket: string,
	path: string,
	fileName: string,
	mime: string
): Promise<Response> {
	const url = await signedUrl(bucket, path, fileName);
	const res = await fetch(url);
	if (!res.ok || !res.body) throw new UploadError('storage');
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
	return new Response(res.body, {
		headers: {
			'content-type': mime,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
