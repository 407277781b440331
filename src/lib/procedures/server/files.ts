/**
 * Storing the files of an application (citizen documents, staff results).
 *
 * INTERIM: the shared mechanism is src/lib/uploads (owned by the complaints helper). Until it lands
 * this module implements the same contract (foundation attachments migration): the app server
 * checks size and sniffs the type from the bytes, writes the object with the service client and
 * inserts the attachments row under a draft key; the SQL function then links it. Replace the body
 * of storeDraftFile() by a call to $lib/uploads when it exists — the callers only need `{ id }`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServiceClient } from '$lib/server/supabase';

export const MAX_BYTES = 10 * 1024 * 1024;
const TYPES: Record<string, string> = {
	'application/pdf': 'pdf',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

/** The MIME type the bytes really are (not what the browser claimed), or null. */
export function sniffMime(b: Uint8Array): string | null {
	const starts = (...sig: number[]) => sig.every((x, i) => b[i] === x);
	if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
	if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
	if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...b.slice(8, 12)) === 'WEBP')
		return 'image/webp';
	return null;
}

export type FileProblem = 'procedures_error_file_size' | 'procedures_error_file_type';

/** Checks a file before anything is stored; returns a message key or null. */
export async function checkFile(file: File): Promise<FileProblem | null> {
	if (file.size <= 0 || file.size > MAX_BYTES) return 'procedures_error_file_size';
	const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
	return sniffMime(head) ? null : 'procedures_error_file_type';
}

/** True for a real file in a multipart form (browsers send an empty part for an empty input). */
export function isFile(v: FormDataEntryValue | null): v is File {
	return typeof v === 'object' && v !== null && v.size > 0;
}

/** Stores a checked file as a draft attachment; the SQL function that links it clears draft_key. */
export async function storeDraftFile(
	file: File,
	draftKey: string,
	uploadedBy: string | null = null
): Promise<{ id: string; file_name: string }> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	const mime = sniffMime(bytes);
	if (!mime || bytes.length > MAX_BYTES) throw new Error('file not checked');
	const id = randomUUID();
	const path = `application/${draftKey}/${id}.${TYPES[mime]}`;
	const service = createServiceClient();
	const up = await service.storage.from('attachments').upload(path, bytes, { contentType: mime });
	if (up.error) throw up.error;
	const fileName = file.name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 255) || `tep.${TYPES[mime]}`;
	const { error } = await service.from('attachments').insert({
		id,
		owner_kind: 'application',
		draft_key: draftKey,
		bucket: 'attachments',
		path,
		file_name: fileName,
		mime_type: mime,
		size_bytes: bytes.length,
		sha256: createHash('sha256').update(bytes).digest('hex'),
		uploaded_by: uploadedBy
	});
	if (error) throw error;
	return { id, file_name: fileName };
}

/** A short-lived download URL for an attachment the caller has already been allowed to see. */
export async function signedUrl(bucket: string, path: string, fileName: string): Promise<string> {
	const { data, error } = await createServiceClient()
		.storage.from(bucket)
		.createSignedUrl(path, 300, { download: fileName });
	if (error || !data) throw error ?? new Error('no signed url');
	return data.signedUrl;
}
