/** Public surface of the procedures feature (other features import from here). */
export { default as ApplicationTrackingView } from './components/ApplicationTrackingView.svelte';
