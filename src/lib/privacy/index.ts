export { default as PersonalDataPanel } from './components/PersonalDataPanel.svelte';
export type { AccessLogEntry, ErasureAnswer } from './types';
