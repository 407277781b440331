// PGlite runs here, in a worker thread, so that a long statement (PGlite executes synchronously
// inside WebAssembly) never blocks the HTTP server's event loop: /health keeps answering and a
// request that outlives its time-out still gets its 504. Messages: {id, op: 'query'|'exec'|'close',
// sql, params} → {id, ok, rows?, fields?, affectedRows?, error?}.

import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** Keep the fields the HTTP layer maps to PostgREST errors. @param {any} e */
const serialiseError = (e) => ({
	message: e?.message ?? String(e),
	code: e?.code,
	detail: e?.detail,
	hint: e?.hint,
	severity: e?.severity,
	name: e?.name
});

try {
	const pg = await PGlite.create(workerData.dataDir, { extensions: { pgcrypto, uuid_ossp } });
	await pg.exec(`set search_path to ${workerData.searchPath}`);
	port.on('message', async (/** @type {any} */ m) => {
		try {
			if (m.op === 'query') {
				const r = await pg.query(m.sql, m.params ?? []);
				port.postMessage({
					id: m.id,
					ok: true,
					rows: r.rows,
					fields: r.fields,
					affectedRows: r.affectedRows
				});
			} else if (m.op === 'exec') {
				await pg.exec(m.sql);
				port.postMessage({ id: m.id, ok: true });
			} else if (m.op === 'close') {
				await pg.close();
				port.postMessage({ id: m.id, ok: true });
			}
		} catch (e) {
			port.postMessage({ id: m.id, ok: false, error: serialiseError(e) });
		}
	});
	port.postMessage({ ready: true });
} catch (e) {
	port.postMessage({ ready: false, error: serialiseError(e) });
}
