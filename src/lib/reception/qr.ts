import { renderSVG } from 'uqr';

/** QR code of a booking code as an SVG string (rendered on the server; no client library). */
export function qrSvg(text: string): string {
	return renderSVG(text, { border: 2, ecc: 'M', whiteColor: '#ffffff', blackColor: '#0b0c0c' });
}
