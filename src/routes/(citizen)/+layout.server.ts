import { building } from '$app/environment';
import type { LayoutServerLoad } from './$types';

// The deployment's hotline for the footer (PUBLIC_THADS_HOTLINE). Read on the server, not through
// $env/dynamic/public in the component: that made every prerendered page import /_app/env.js,
// which the service worker does not cache, and the saved-bookings page then failed to start.
// Prerendered pages are built without it (nothing is shown rather than a stale number).
export const load: LayoutServerLoad = () => ({
	hotline: building ? '' : (process.env.PUBLIC_THADS_HOTLINE ?? '').trim()
});
