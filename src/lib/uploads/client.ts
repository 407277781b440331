/**
 * Browser side of uploads: shrink photos before they leave the phone (canvas re-encode), then send
 * with XMLHttpRequest because fetch() still reports no upload progress. Nothing here is trusted:
 * the server re-checks size and type.
 */
import { MAX_BYTES } from './validate';

const MAX_SIDE = 2000;

/** Re-encode a large JPEG/PNG/WEBP photo as JPEG ≤ 2000 px; returns the original when not smaller. */
export async function compressImage(file: File, quality = 0.82): Promise<File> {
	if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < 300 * 1024) return file;
	if (typeof createImageBitmap !== 'function') return file;
	try {
		const bitmap = await createImageBitmap(file);
		const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
		const w = Math.round(bitmap.width * scale);
		const h = Math.round(bitmap.height * scale);
		const canvas = document.createElement('canvas');
		canvas.width = w;
		canvas.height = h;
		const ctx = canvas.getContext('2d');
		if (!ctx) return file;
		ctx.drawImage(bitmap, 0, 0, w, h);
		bitmap.close?.();
		const blob: Blob | null = await new Promise((res) => canvas.toBlob(res, 'image/jpeg', quality));
		if (!blob || blob.size >= file.size) return file;
		const name = file.name.replace(/\.(png|webp|jpe?g)$/i, '') + '.jpg';
		return new File([blob], name, { type: 'image/jpeg', lastModified: file.lastModified });
	} catch {
		return file;
	}
}

export interface UploadResult {
	id: string;
	file_name: string;
	mime_type: string;
	size_bytes: number;
}

/** POST one file as multipart with progress (0–100). Rejects with an Error whose message is a code. */
export function uploadFile(
	url: string,
	file: File,
	fields: Record<string, string>,
	onProgress: (percent: number) => void,
	signal?: AbortSignal
): Promise<UploadResult> {
	return new Promise((resolve, reject) => {
		if (file.size > MAX_BYTES) return reject(new Error('too_big'));
		const xhr = new XMLHttpRequest();
		const body = new FormData();
		for (const [k, v] of Object.entries(fields)) body.append(k, v);
		body.append('file', file, file.name);
		xhr.open('POST', url);
		xhr.responseType = 'json';
		xhr.setRequestHeader('accept', 'application/json');
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
		};
		xhr.onload = () => {
			if (xhr.status >= 200 && xhr.status < 300 && xhr.response?.id) {
				onProgress(100);
				resolve(xhr.response as UploadResult);
			} else if (xhr.status === 413) {
				// Refused for its size, by the app or by a proxy in front of it (whose answer is not JSON).
				reject(new Error('too_big'));
			} else reject(new Error(xhr.response?.error ?? 'upload'));
		};
		xhr.onerror = () => reject(new Error('network'));
		xhr.ontimeout = () => reject(new Error('network'));
		signal?.addEventListener('abort', () => xhr.abort());
		xhr.send(body);
	});
}
