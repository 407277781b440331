// Public entry point of the Supabase stand-in (see supabase/local/README.md).
export { startStandIn } from './server.js';
export { openDatabase, migrate, bootstrap } from './db.js';
export { signJwt, verifyJwt } from './jwt.js';
