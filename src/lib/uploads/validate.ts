/**
 * Shared rules for attachments, used in the browser (refuse early, before any upload) and on the
 * server (authoritative). The type is decided by the file's first bytes, never by its name or
 * the browser-declared type: a renamed executable must not become a "photo".
 */
export const MAX_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 10;
const ALLOWED_MIME = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AllowedMime = (typeof ALLOWED_MIME)[number];
export const ACCEPT = ALLOWED_MIME.join(',');

const EXT: Record<AllowedMime, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'application/pdf': 'pdf'
};
export const extensionFor = (mime: AllowedMime) => EXT[mime];

const startsWith = (b: Uint8Array, sig: number[], offset = 0) =>
	b.length >= offset + sig.length && sig.every((v, i) => b[offset + i] === v);

/** The MIME type from magic bytes, or null when it is not one we accept. */
export function sniffMime(bytes: Uint8Array): AllowedMime | null {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	// RIFF....WEBP
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
		return 'image/webp';
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
	return null;
}

export type FileProblem = 'too_big' | 'bad_type' | 'empty';

/** Quick check before upload (declared type; the server re-checks the bytes). */
export function precheck(file: { size: number; type: string }): FileProblem | null {
	if (file.size === 0) return 'empty';
	if (file.size > MAX_BYTES) return 'too_big';
	if (file.type && !(ALLOWED_MIME as readonly string[]).includes(file.type)) return 'bad_type';
	return null;
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? 'tep';
	const cleaned = base
		// eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
		.replace(/[\u0000-\u001f"<>|:*?]/g, '_')
		.trim()
		.slice(0, 200);
	return cleaned || 'tep';
}
