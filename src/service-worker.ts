/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/*
 * Service worker: the app shell works with no network.
 *
 * - Precache (workbox-precaching): the build's JS/CSS/fonts, the static files (icons, manifest) and
 *   the prerendered offline pages (/ngoai-tuyen, /en/ngoai-tuyen). Old precaches are removed when a
 *   new version activates.
 * - Citizen page navigations: network first (fresh content when online), falling back to the last
 *   copy of that page, then to the offline page. Responses marked `Cache-Control: no-store` (pages
 *   with personal data, e.g. a tracked case) are never stored: phones are often shared.
 * - Staff pages are never cached (personal data); offline they show the offline page.
 * - A new version installs in the background and waits; the page offers "reload to update" and
 *   posts SKIP_WAITING when the user agrees (see src/lib/ui/UpdatePrompt.svelte).
 * - Background Sync: a page that queues a submission in the outbox registers the sync tag
 *   SYNC_TAG; on `sync` the worker replays the outbox with the pages' own code
 *   ($lib/offline/outbox flush(): claim + idempotency key, so a page replaying at the same moment
 *   cannot double-send), keeps results in IndexedDB for the next visit and tells open pages. If
 *   something is still waiting (no network yet) the sync fails, and the browser tries again later.
 *   Browsers without Background Sync (Firefox, Safari) replay from the page (load, `online`).
 */
import { build, files, prerendered, version } from '$service-worker';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { flush, SYNC_TAG } from '$lib/offline/outbox';

declare const self: ServiceWorkerGlobalScope;

const PAGES_CACHE = `pages-${version}`;

precacheAndRoute(
	[
		// Hashed file names under /_app/immutable: the name is the revision.
		// Not the desk's QR reader (1 MB of WebAssembly, staff only, fetched when first needed).
		...build
			.filter((url) => !url.endsWith('.wasm'))
			.map((url) => ({ url, revision: url.includes('/immutable/') ? null : version })),
		...files
			.filter((url) => !url.endsWith('robots.txt'))
			.map((url) => ({ url, revision: version })),
		...prerendered.map((url) => ({ url, revision: version }))
	],
	{ cleanURLs: false, directoryIndex: null, ignoreURLParametersMatching: [/^utm_/] }
);
cleanupOutdatedCaches();

/** Only complete, shareable pages go into the cache. */
const storablePagesOnly = {
	cacheWillUpdate: async ({ response }: { response: Response }) => {
		const cacheControl = response.headers.get('cache-control') ?? '';
		return response.status === 200 && !/no-store|private/.test(cacheControl) ? response : null;
	}
};

const pages = new NetworkFirst({
	cacheName: PAGES_CACHE,
	// On a weak 2G connection, show the saved copy rather than a spinner forever.
	networkTimeoutSeconds: 6,
	plugins: [
		storablePagesOnly,
		// Bounded: a citizen browsing hundreds of procedures must not fill a cheap phone's storage,
		// and a copy older than a month (fees, deadlines, addresses) is too stale to show offline.
		new ExpirationPlugin({
			maxEntries: 60,
			maxAgeSeconds: 30 * 24 * 60 * 60,
			purgeOnQuotaError: true
		})
	]
});

function offlinePage(url: URL): Promise<Response | undefined> {
	return matchPrecache(
		url.pathname.startsWith('/en/') || url.pathname === '/en' ? '/en/ngoai-tuyen' : '/ngoai-tuyen'
	);
}

registerRoute(
	new NavigationRoute(async (options) => {
		const url = new URL(options.request.url);
		if (/^\/(en\/)?staff(\/|$)/.test(url.pathname)) {
			try {
				return await fetch(options.request);
			} catch {
				return (await offlinePage(url)) ?? Response.error();
			}
		}
		try {
			return await pages.handle(options);
		} catch {
			return (await offlinePage(url)) ?? Response.error();
		}
	})
);

self.addEventListener('install', (event) => {
	// Warm the home pages so "open the app offline" works even before the user navigates again.
	event.waitUntil(
		caches.open(PAGES_CACHE).then((cache) =>
			Promise.all(
				['/', '/en'].map(async (path) => {
					try {
						const response = await fetch(path, { credentials: 'omit' });
						if (await storablePagesOnly.cacheWillUpdate({ response: response.clone() }))
							await cache.put(path, response);
					} catch {
						// Offline during install: the page will be cached on the next visit.
					}
				})
			)
		)
	);
});

self.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith('pages-') && key !== PAGES_CACHE) await caches.delete(key);
			}
			// Control the pages that were opened before the first install, so they work offline at once.
			await self.clients.claim();
		})()
	);
});

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

async function replayOutbox(): Promise<void> {
	const entries = await flush(fetch, 'sw');
	for (const client of await self.clients.matchAll({ type: 'window' }))
		client.postMessage({ type: 'outbox' });
	// Still waiting (network down again, server busy): reject so the browser retries the sync.
	if (entries.some((e) => e.state === 'waiting')) throw new Error('outbox: still waiting');
}

self.addEventListener('sync', (event) => {
	const e = event as SyncEvent;
	if (e.tag === SYNC_TAG) e.waitUntil(replayOutbox());
});

/*
 * Web push (issue 14): a message about a file the citizen asked to follow (receipt page,
 * $lib/messages/components/PushOptIn.svelte). The payload is what the server's web push sender
 * encrypts: {title, body, url}; the notification opens (or focuses) the tracking page. Only a
 * page of this app is ever opened.
 */
interface PushPayload {
	title?: string;
	body?: string;
	url?: string | null;
	tag?: string;
}

/** A same-origin URL from the payload, else the tracking page. */
function pushTarget(url: string | null | undefined, origin: string): string {
	try {
		const u = new URL(url ?? '/tra-cuu', origin);
		return u.origin === origin ? u.href : new URL('/tra-cuu', origin).href;
	} catch {
		return new URL('/tra-cuu', origin).href;
	}
}

self.addEventListener('push', (event) => {
	let data: PushPayload;
	try {
		data = (event.data?.json() as PushPayload) ?? {};
	} catch {
		data = { body: event.data?.text() };
	}
	const url = pushTarget(data.url, self.location.origin);
	event.waitUntil(
		self.registration.showNotification(data.title || 'THADS', {
			body: data.body ?? '',
			icon: '/icons/icon-192.png',
			badge: '/icons/icon-192.png',
			lang: url.includes('/en/') ? 'en' : 'vi',
			tag: data.tag ?? new URL(url).searchParams.get('ma') ?? undefined,
			data: { url }
		})
	);
});

self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = pushTarget(
		(event.notification.data as { url?: string } | null)?.url,
		self.location.origin
	);
	event.waitUntil(
		(async () => {
			const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const same = windows.find((c) => c.url === url);
			if (same) return void (await same.focus());
			await self.clients.openWindow(url);
		})()
	);
});
