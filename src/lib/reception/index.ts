/* Reception (tiếp công dân): public surface for other features and pages. */
export { default as BookingTrackingView } from './components/BookingTrackingView.svelte';
export * from './schema';
export * from './slots';
export * from './status';
