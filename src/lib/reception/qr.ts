import { encode } from 'uqr';

/** A QR code as data for an inline `<svg>`: the module grid as one path (computed on the server;
    the browser gets no QR library, and no `{@html}` is needed to show it). */
export interface QrPath {
	size: number;
	d: string;
}

/** QR code of `text` (the booking code) with a 2-module quiet zone. */
export function qrPath(text: string): QrPath {
	const { data, size } = encode(text, { border: 2, ecc: 'M' });
	let d = '';
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			if (data[y]?.[x]) d += `M${x} ${y}h1v1h-1z`;
		}
	}
	return { size, d };
}
