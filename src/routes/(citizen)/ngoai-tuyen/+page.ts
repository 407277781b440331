// Prerendered (vi and, through the language link, /en) so the service worker can precache it
// and show it when a page that was never visited is opened without a connection.
export const prerender = true;
