// Prerendered (no server data) so the service worker can precache it: it reads the bookings saved
// on this phone and works with no network.
export const prerender = true;
export const ssr = true;
