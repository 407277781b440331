export * as drafts from './drafts';
export * as outbox from './outbox';
