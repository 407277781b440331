/**
 * Files of an application (citizen documents, staff results), through the shared attachments
 * mechanism in $lib/uploads: type sniffed from the bytes, size limit, sha256, service-client
 * upload into the private bucket, then an attachments row under a draft key that the SQL
 * function (submit_application, add_application_documents_by_code, record_application_result)
 * links to the application. This module only adapts it to the procedures pages' message keys.
 */
import { MAX_BYTES, sniffMime } from '$lib/uploads/validate';
import { listDraft, store, signedUrl as sharedSignedUrl } from '$lib/uploads/server';

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

/** Stores a checked file as a draft attachment of an application. */
export async function storeDraftFile(
	file: File,
	draftKey: string,
	uploadedBy: string | null = null
): Promise<{ id: string; file_name: string }> {
	const saved = await store({ file, ownerKind: 'application', draftKey, uploadedBy, maxFiles: 20 });
	return { id: saved.id, file_name: saved.file_name };
}

/** A short-lived download URL for an attachment the caller has already been allowed to see. */
export async function signedUrl(bucket: string, path: string, fileName: string): Promise<string> {
	return sharedSignedUrl(bucket, path, fileName);
}

/**
 * The documents of a draft as the form claims them (hidden `stored` field, the uploader's ids,
 * files just stored), kept only when the row is still this draft's (a file removed in the
 * uploader is gone; an id from elsewhere is not ours), once each, named as stored.
 */
export async function draftDocuments(
	draftKey: string,
	claimed: { attachment_id: string; document_key: string }[]
): Promise<{ attachment_id: string; document_key: string; file_name: string }[]> {
	if (!claimed.length) return [];
	const rows = new Map(
		(await listDraft('application', draftKey)).map((r) => [r.id, r.file_name] as const)
	);
	const seen = new Set<string>();
	return claimed.flatMap((c) => {
		const file_name = rows.get(c.attachment_id);
		if (file_name === undefined || seen.has(c.attachment_id)) return [];
		seen.add(c.attachment_id);
		return [{ attachment_id: c.attachment_id, document_key: c.document_key, file_name }];
	});
}
