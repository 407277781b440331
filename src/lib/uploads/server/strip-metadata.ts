/**
 * Removes what a photo says about where and by whom it was taken — EXIF (GPS position, phone
 * model, time), XMP, IPTC, comments — before it is stored (Luật Bảo vệ dữ liệu cá nhân 91/2025:
 * collect only what the procedure needs). The browser's uploader already re-encodes photos, but a
 * page without JavaScript, the offline outbox and a staff upload send the original bytes.
 *
 * Only metadata containers are dropped; the picture's bytes are untouched, so nothing is lost in
 * quality. What a viewer needs to draw the picture right is kept: JFIF, the ICC colour profile,
 * Adobe's colour transform, and the EXIF orientation (rewritten as the only EXIF field).
 */
import type { AllowedMime } from '../validate';

/** The bytes without metadata (the input itself when there is nothing to drop or it is not an image). */
export function stripMetadata(bytes: Uint8Array, mime: AllowedMime): Uint8Array {
	try {
		if (mime === 'image/jpeg') return stripJpeg(bytes);
		if (mime === 'image/png') return stripPng(bytes);
		if (mime === 'image/webp') return stripWebp(bytes);
	} catch {
		// A malformed file is stored as received: the type check already passed, and refusing
		// a citizen's evidence because its metadata is odd would do more harm.
	}
	return bytes;
}

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;

// JPEG segments kept before the image data: APP0 (JFIF), APP2 when it is the ICC colour profile,
// APP14 (Adobe colour transform, needed to decode CMYK scans); every other APPn and COM goes.
function keepJpegSegment(marker: number, payload: Uint8Array): boolean {
	if (marker === 0xfe) return false;
	if (marker < 0xe0 || marker > 0xef) return true;
	if (marker === 0xe2) return String.fromCharCode(...payload.subarray(0, 11)) === 'ICC_PROFILE';
	return marker === 0xe0 || marker === 0xee;
}

/** Offset just past the image's end marker (FFD9), searched from the first scan. */
function endOfImage(b: Uint8Array, from: number): number {
	// In entropy-coded data every 0xFF is followed by 0x00 or a restart marker, so FFD9 is the end.
	for (let i = from; i + 1 < b.length; i++) if (b[i] === 0xff && b[i + 1] === 0xd9) return i + 2;
	return b.length;
}

function stripJpeg(b: Uint8Array): Uint8Array {
	const parts: Uint8Array[] = [b.subarray(0, 2)];
	let i = 2;
	let orientation = 1;
	let dropped = false;
	while (i + 4 <= b.length && b[i] === 0xff) {
		const marker = b[i + 1]!;
		if (marker === 0xff) {
			i += 1; // fill byte
			continue;
		}
		if (marker === 0xda || marker === 0xd9) break; // start of scan / end of image: the rest is data
		const end = i + 2 + u16(b, i + 2);
		if (end > b.length) break;
		const payload = b.subarray(i + 4, end);
		if (keepJpegSegment(marker, payload)) {
			parts.push(b.subarray(i, end));
		} else {
			if (marker === 0xe1) orientation = exifOrientation(payload) ?? orientation;
			dropped = true;
		}
		i = end;
	}
	// Phones append more pictures after the end marker (depth maps, previews, each with its own
	// EXIF): only the first image is kept.
	const eoi = endOfImage(b, i);
	if (!dropped && eoi === b.length) return b;
	if (orientation !== 1) parts.splice(1, 0, orientationSegment(orientation));
	parts.push(b.subarray(i, eoi));
	return concat(parts);
}

/** The Orientation tag (0x0112) of IFD0 in an APP1 "Exif\0\0" payload, if any. */
function exifOrientation(p: Uint8Array): number | null {
	if (p.length < 14 || String.fromCharCode(...p.subarray(0, 4)) !== 'Exif') return null;
	const t = p.subarray(6);
	const little = t[0] === 0x49; // "II" little-endian, "MM" big-endian
	const view = new DataView(t.buffer, t.byteOffset, t.byteLength);
	try {
		const ifd = view.getUint32(4, little);
		const count = view.getUint16(ifd, little);
		for (let k = 0; k < count; k++) {
			const entry = ifd + 2 + k * 12;
			if (view.getUint16(entry, little) === 0x0112) {
				const value = view.getUint16(entry + 8, little);
				return value >= 1 && value <= 8 ? value : null;
			}
		}
	} catch {
		// Offsets pointing outside the block: a damaged EXIF, which is dropped all the same.
	}
	return null;
}

/** An APP1 segment whose EXIF holds only the orientation. */
function orientationSegment(orientation: number): Uint8Array {
	// prettier-ignore
	const tiff = [
		0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, IFD0 at offset 8
		0x00, 0x01, // one entry
		0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, 1
		0x00, 0x00, 0x00, 0x00 // no next IFD
	];
	const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0"
	const length = payload.length + 2;
	return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

// PNG chunks that carry text, EXIF or a timestamp.
const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(b: Uint8Array): Uint8Array {
	const parts: Uint8Array[] = [b.subarray(0, 8)];
	const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
	let i = 8;
	let dropped = false;
	while (i + 12 <= b.length) {
		const length = view.getUint32(i);
		const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
		const end = i + 12 + length;
		if (end > b.length) return b;
		if (PNG_DROP.has(type)) dropped = true;
		else parts.push(b.subarray(i, end));
		i = end;
		if (type === 'IEND') break;
	}
	return dropped ? concat(parts) : b;
}

function stripWebp(b: Uint8Array): Uint8Array {
	const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const parts: Uint8Array[] = [];
	let i = 12;
	let dropped = false;
	while (i + 8 <= b.length) {
		const type = String.fromCharCode(...b.subarray(i, i + 4));
		const size = view.getUint32(i + 4, true);
		const end = i + 8 + size + (size % 2);
		if (end > b.length) return b;
		if (type === 'EXIF' || type === 'XMP ') dropped = true;
		else parts.push(b.subarray(i, end));
		i = end;
	}
	if (!dropped) return b;
	const body = concat(parts);
	// VP8X's flags say which optional chunks follow: clear EXIF (bit 3) and XMP (bit 2).
	if (String.fromCharCode(...body.subarray(0, 4)) === 'VP8X') body[8] = body[8]! & ~0x0c;
	const header = new Uint8Array(12);
	header.set(b.subarray(0, 12));
	new DataView(header.buffer).setUint32(4, body.length + 4, true);
	return concat([header, body]);
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const p of parts) {
		out.set(p, offset);
		offset += p.length;
	}
	return out;
}
