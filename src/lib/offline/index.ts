export * as drafts from './drafts';
export * as outbox from './outbox';
export { hasQueued } from './flag';
