/**
 * A QR detector for the desk: the browser's own BarcodeDetector where it exists (Chromium on
 * Android, ChromeOS, macOS), else the `barcode-detector` ponyfill (ZXing compiled to WebAssembly) —
 * Windows desktop Chrome, the usual desk PC, has no native one (issue 17.8).
 *
 * The ponyfill is loaded with a dynamic import, only when needed and only from this staff page, so
 * no citizen bundle carries it. Its WebAssembly would by default come from a CDN (jsDelivr); the
 * offices' network is closed, so the file is served by the app itself (Vite's `?url` asset) and
 * ZXing is told where it is through `locateFile`.
 */
export interface QrDetector {
	detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}

type DetectorCtor = new (options: { formats: string[] }) => QrDetector;

/** True when the page has the browser's own detector. */
const hasNativeDetector = () => typeof window !== 'undefined' && 'BarcodeDetector' in window;

let fallback: Promise<DetectorCtor> | null = null;

async function loadFallback(): Promise<DetectorCtor> {
	const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
		import('barcode-detector/ponyfill'),
		import('zxing-wasm/reader/zxing_reader.wasm?url')
	]);
	prepareZXingModule({
		overrides: {
			locateFile: (path: string, prefix: string) =>
				path.endsWith('.wasm') ? wasmUrl : prefix + path
		},
		fireImmediately: true
	});
	return BarcodeDetector as unknown as DetectorCtor;
}

/** A detector for QR codes: native when available, else the lazily loaded ZXing one. */
export async function createQrDetector(): Promise<QrDetector> {
	if (hasNativeDetector()) {
		const Native = (window as unknown as { BarcodeDetector: DetectorCtor }).BarcodeDetector;
		return new Native({ formats: ['qr_code'] });
	}
	fallback ??= loadFallback().catch((e) => {
		fallback = null; // a failed download may be retried on the next press
		throw e;
	});
	const Ctor = await fallback;
	return new Ctor({ formats: ['qr_code'] });
}

/** The booking code (LH-XXXX-XXXX) in a scanned text, or null. */
export function bookingCodeIn(text: string): string | null {
	return /LH-?[0-9A-Z]{4}-?[0-9A-Z]{4}/i.exec(text)?.[0] ?? null;
}
