/*
 * Bookings kept on the citizen's phone so the confirmation can be shown offline
 * (/dat-lich/da-luu is prerendered and precached by the service worker). localStorage, because it
 * is synchronous, survives reloads and needs no library; the shared IndexedDB store in
 * src/lib/offline can replace it without changing callers. Browser-only.
 */
import type { BookingView } from './types';
import type { QrPath } from './qr';

const KEY = 'thads.reception.bookings';

export interface SavedBooking {
	code: string;
	secret: string | null;
	booking: BookingView;
	qr: QrPath | null;
	savedAt: string;
}

export function listSaved(): SavedBooking[] {
	try {
		const raw = localStorage.getItem(KEY);
		const list = raw ? (JSON.parse(raw) as SavedBooking[]) : [];
		return Array.isArray(list) ? list : [];
	} catch {
		return [];
	}
}

export function saveBooking(entry: Omit<SavedBooking, 'savedAt'>): void {
	try {
		const list = listSaved().filter((x) => x.code !== entry.code);
		list.unshift({ ...entry, savedAt: new Date().toISOString() });
		localStorage.setItem(KEY, JSON.stringify(list.slice(0, 20)));
	} catch {
		// Private mode or storage full: the page still works online.
	}
}

export function forgetBooking(code: string): void {
	try {
		localStorage.setItem(KEY, JSON.stringify(listSaved().filter((x) => x.code !== code)));
	} catch {
		/* ignore */
	}
}
