export { default as PersonalDataPanel } from './components/PersonalDataPanel.svelte';
export type { ErasureAnswer } from './types';
