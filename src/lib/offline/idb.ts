/**
 * A very small promise wrapper over IndexedDB (no library: the citizen JS budget is 60 KB gzip).
 * One database, `thads-offline`, with two stores: `drafts` (form values by form id) and `outbox`
 * (submissions waiting for the network, by idempotency key). Usable from pages and from the
 * service worker (no DOM use).
 */
const DB_NAME = 'thads-offline';
const VERSION = 1;
export type StoreName = 'drafts' | 'outbox';

let opening: Promise<IDBDatabase> | null = null;

export function available(): boolean {
	return typeof indexedDB !== 'undefined';
}

function openDb(): Promise<IDBDatabase> {
	opening ??= new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, VERSION);
		req.onupgradeneeded = () => {
			const db = req.result;
			if (!db.objectStoreNames.contains('drafts'))
				db.createObjectStore('drafts', { keyPath: 'id' });
			if (!db.objectStoreNames.contains('outbox'))
				db.createObjectStore('outbox', { keyPath: 'key' });
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => {
			opening = null;
			reject(req.error);
		};
	});
	return opening;
}

function run<T>(
	store: StoreName,
	mode: IDBTransactionMode,
	fn: (s: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
	return openDb().then(
		(db) =>
			new Promise<T>((resolve, reject) => {
				const tx = db.transaction(store, mode);
				const req = fn(tx.objectStore(store));
				tx.oncomplete = () => resolve(req.result);
				tx.onerror = () => reject(tx.error);
				tx.onabort = () => reject(tx.error);
			})
	);
}

export const get = <T>(store: StoreName, key: string) =>
	run<T | undefined>(store, 'readonly', (s) => s.get(key));
export const put = <T>(store: StoreName, value: T) => run(store, 'readwrite', (s) => s.put(value));
export const del = (store: StoreName, key: string) => run(store, 'readwrite', (s) => s.delete(key));
export const all = <T>(store: StoreName) => run<T[]>(store, 'readonly', (s) => s.getAll());

/**
 * Read-modify-write of one record in a single readwrite transaction. IndexedDB runs readwrite
 * transactions on the same store one after the other, across every page and the service worker
 * of the origin, so `fn` sees the latest value and nobody writes in between: this is the lock the
 * outbox uses to claim an entry. `fn` returns the new value, or undefined to leave it unchanged.
 * Resolves with what was written (undefined when nothing was).
 */
export function update<T>(
	store: StoreName,
	key: string,
	fn: (current: T | undefined) => T | undefined
): Promise<T | undefined> {
	return openDb().then(
		(db) =>
			new Promise<T | undefined>((resolve, reject) => {
				const tx = db.transaction(store, 'readwrite');
				const s = tx.objectStore(store);
				let written: T | undefined;
				const req = s.get(key);
				req.onsuccess = () => {
					written = fn(req.result as T | undefined);
					if (written !== undefined) s.put(written);
				};
				tx.oncomplete = () => resolve(written);
				tx.onerror = () => reject(tx.error);
				tx.onabort = () => reject(tx.error);
			})
	);
}
