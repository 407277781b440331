/** Complaints feature: shared (client-safe) exports. Server code lives in ./server. */
export * from './schema';
export * from './status';
export { t } from './labels';
