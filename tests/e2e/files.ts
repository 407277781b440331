// Real-sized files, as citizens and officers send them: a phone scanner's 2 MB PDF and a 9 MB phone
// photo carrying EXIF with a GPS position. A 1 KB fixture hid for months that every upload over
// 512 KB was refused (ARCHITECTURE.md, rule 10).
import type { Browser } from '@playwright/test';
import { randomBytes } from 'node:crypto';

export const MB = 1024 * 1024;

type FilePayload = { name: string; mimeType: string; buffer: Buffer };

/** A scanned document as a PDF of `size` bytes (2 MB by default): a header, an image-like stream. */
export function scannedPdf(name: string, size = 2 * MB): FilePayload {
	const head = Buffer.from(
		`%PDF-1.4\n% ${name}\n1 0 obj << /Type /Catalog >> endobj\n2 0 obj << /Length ${size} >>\nstream\n`
	);
	const tail = Buffer.from('\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
	const body = randomBytes(Math.max(0, size - head.length - tail.length));
	return { name, mimeType: 'application/pdf', buffer: Buffer.concat([head, body, tail]) };
}

/** The GPS position written into the photo's EXIF, to check it never leaves the phone or is kept. */
export const PHOTO_GPS_MARKER = 'GPS 21.0285N 105.8542E';

/**
 * A phone photo of about `size` bytes (9 MB by default): a real 4000×3000 JPEG drawn in a canvas
 * (a page of its own, so it works for the no-JavaScript project too), followed by an EXIF segment naming a position and by APP15 segments (which decoders
 * skip) bringing it to the size of a modern phone's picture.
 */
export async function phonePhoto(
	browser: Browser,
	name: string,
	size = 9 * MB
): Promise<FilePayload> {
	// Its own context with JavaScript on: the canvas needs it, whatever the project's setting.
	const page = await browser.newPage({ javaScriptEnabled: true });
	const base64 = await page.evaluate(async () => {
		const canvas = document.createElement('canvas');
		canvas.width = 4000;
		canvas.height = 3000;
		const ctx = canvas.getContext('2d')!;
		const gradient = ctx.createLinearGradient(0, 0, 4000, 3000);
		gradient.addColorStop(0, '#2b5876');
		gradient.addColorStop(1, '#f4d03f');
		ctx.fillStyle = gradient;
		ctx.fillRect(0, 0, 4000, 3000);
		ctx.fillStyle = '#ffffff';
		ctx.font = 'bold 200px sans-serif';
		ctx.fillText('GIẤY ĐĂNG KÝ XE', 400, 1500);
		const blob: Blob = await new Promise((resolve) =>
			canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.92)
		);
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let binary = '';
		for (let i = 0; i < bytes.length; i += 0x8000)
			binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		return btoa(binary);
	});
	await page.close();
	const jpeg = Buffer.from(base64, 'base64');
	const segment = (marker: number, payload: Buffer) => {
		const header = Buffer.alloc(4);
		header.writeUInt16BE(0xff00 | marker, 0);
		header.writeUInt16BE(payload.length + 2, 2);
		return Buffer.concat([header, payload]);
	};
	const exif = segment(0xe1, Buffer.from(`Exif\0\0${PHOTO_GPS_MARKER}`, 'latin1'));
	const padding: Buffer[] = [];
	let total = jpeg.length + exif.length;
	while (total < size) {
		const chunk = randomBytes(Math.min(65_000, size - total));
		padding.push(segment(0xef, chunk));
		total += chunk.length + 4;
	}
	// SOI, then the metadata segments, then the rest of the encoder's JPEG.
	const buffer = Buffer.concat([jpeg.subarray(0, 2), exif, ...padding, jpeg.subarray(2)]);
	return { name, mimeType: 'image/jpeg', buffer };
}
