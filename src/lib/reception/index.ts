/* Reception (tiếp công dân): public surface for other features and pages. */
export { default as BookingTrackingView } from './components/BookingTrackingView.svelte';
export * from './schema';
export * from './slots';
export * from './status';
export type { BookingView, DeskBooking, Office, Visit } from './types';
export { qrPath, type QrPath } from './qr';
export { bookingIcs } from './ics';
export { osmLink, distanceKm, fold } from './geo';
export {
	errorText,
	errorTexts,
	statusLabel,
	topicLabel,
	topicHint,
	outcomeLabel,
	refusalLabel
} from './messages';
