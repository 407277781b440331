import { describe, expect, it } from 'vitest';
import { stripMetadata } from '../../src/lib/uploads/server/strip-metadata';

const bytes = (...parts: Array<number[] | string>) =>
	Uint8Array.from(
		parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p))
	);
const segment = (marker: number, payload: number[] | string) => {
	const body = typeof payload === 'string' ? [...Buffer.from(payload, 'latin1')] : payload;
	const length = body.length + 2;
	return [0xff, marker, length >> 8, length & 0xff, ...body];
};
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

// An EXIF block (big-endian TIFF) with Orientation = 6 and a GPS text somewhere after it.
const exifWithOrientation = (orientation: number) => [
	...Buffer.from('Exif\0\0', 'latin1'),
	...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01],
	...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00],
	...[0x00, 0x00, 0x00, 0x00],
	...Buffer.from('GPS 21.0285N 105.8542E', 'latin1')
];
const SCAN = [...segment(0xda, [1, 2, 3]), 0x11, 0xff, 0x00, 0x22, 0xff, 0xd9];

describe('stripMetadata: JPEG', () => {
	it('drops EXIF, XMP and comments, keeps JFIF, the ICC profile and the picture data', () => {
		const jpeg = bytes(
			[0xff, 0xd8],
			segment(0xe0, 'JFIF\0'),
			segment(0xe1, 'Exif\0\0GPS 21.0285N'),
			segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:gps/>'),
			segment(0xe2, 'ICC_PROFILE\0colours'),
			segment(0xfe, 'Chụp tại nhà ông A'),
			segment(0xdb, [0, 1, 2]),
			SCAN
		);
		const out = text(stripMetadata(jpeg, 'image/jpeg'));
		expect(out).not.toContain('GPS');
		expect(out).not.toContain('adobe');
		expect(out).not.toContain('nhà');
		expect(out).toContain('JFIF');
		expect(out).toContain('ICC_PROFILE');
		expect(out.endsWith(text(bytes(segment(0xdb, [0, 1, 2]), SCAN)))).toBe(true);
	});

	it('keeps the orientation as the only EXIF field, so the photo is not shown sideways', () => {
		const jpeg = bytes([0xff, 0xd8], segment(0xe1, exifWithOrientation(6)), SCAN);
		const out = stripMetadata(jpeg, 'image/jpeg');
		expect(text(out)).not.toContain('GPS');
		// SOI, then APP1 "Exif" with one IFD entry 0x0112 = 6.
		expect([...out.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe1]);
		expect(text(out.subarray(6, 12))).toBe('Exif\0\0');
		expect([...out.subarray(22, 26)]).toEqual([0x01, 0x12, 0x00, 0x03]);
		expect(out[31]).toBe(6);
	});

	it('drops the pictures a phone appends after the end of the image, with their EXIF', () => {
		const appended = bytes([0xff, 0xd8], segment(0xe1, 'Exif\0\0GPS depth map'), [0xff, 0xd9]);
		const jpeg = bytes([0xff, 0xd8], segment(0xe2, 'MPF\0index'), SCAN, [...appended]);
		const out = text(stripMetadata(jpeg, 'image/jpeg'));
		expect(out).not.toContain('GPS');
		expect(out).not.toContain('MPF');
		expect(out.endsWith(text(bytes(SCAN)))).toBe(true);
	});

	it('returns a clean photo unchanged (same bytes)', () => {
		const jpeg = bytes([0xff, 0xd8], segment(0xe0, 'JFIF\0'), SCAN);
		expect(stripMetadata(jpeg, 'image/jpeg')).toBe(jpeg);
	});
});

describe('stripMetadata: PNG, WebP, PDF', () => {
	const chunk = (type: string, data: string) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		return [...length, ...Buffer.from(type + data, 'latin1'), 0, 0, 0, 0];
	};
	it('drops PNG text and EXIF chunks', () => {
		const png = bytes(
			[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
			chunk('IHDR', 'abcdefghijklm'),
			chunk('eXIf', 'GPS'),
			chunk('tEXt', 'Author\0Nguyen'),
			chunk('IDAT', 'pixels'),
			chunk('IEND', '')
		);
		const out = text(stripMetadata(png, 'image/png'));
		expect(out).not.toContain('GPS');
		expect(out).not.toContain('Nguyen');
		expect(out).toContain('IDAT');
		expect(out).toContain('IEND');
	});

	it('drops WebP EXIF and XMP chunks, fixing the RIFF size and the VP8X flags', () => {
		const riffChunk = (type: string, data: number[]) => {
			const size = Buffer.alloc(4);
			size.writeUInt32LE(data.length);
			return [...Buffer.from(type, 'latin1'), ...size, ...data, ...(data.length % 2 ? [0] : [])];
		};
		const body = [
			...riffChunk('VP8X', [0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
			...riffChunk('VP8 ', [1, 2, 3, 4]),
			...riffChunk('EXIF', [...Buffer.from('GPS!', 'latin1')]),
			...riffChunk('XMP ', [...Buffer.from('<gps/>', 'latin1')])
		];
		const size = Buffer.alloc(4);
		size.writeUInt32LE(body.length + 4);
		const webp = bytes('RIFF', [...size], 'WEBP', body);
		const out = stripMetadata(webp, 'image/webp');
		expect(text(out)).not.toContain('GPS');
		expect(text(out)).not.toContain('gps');
		expect(Buffer.from(out).readUInt32LE(4)).toBe(out.length - 8);
		expect(out[20]! & 0x0c).toBe(0);
	});

	it('leaves a PDF as it is', () => {
		const pdf = bytes('%PDF-1.4\n% GPS in a PDF is its own business\n%%EOF\n');
		expect(stripMetadata(pdf, 'application/pdf')).toBe(pdf);
	});
});
