// Database adapters (PGlite or PostgreSQL through `pg`) and the migration runner.
//
// Both adapters expose the same small interface so the HTTP layer never knows which one it talks
// to:
//   query(sql, params)         one statement, parameters bound ($1…), outside any transaction
//   exec(sql)                  several statements, no parameters (migrations, seeds)
//   transaction(fn, {timeoutMs}) fn(tx) inside begin … commit, rolled back on throw or time-out
//   close()
// Rows come back as plain objects; the HTTP layer asks Postgres for JSON text (json_agg(...)::text)
// so the two drivers' different type parsers never matter.

import { readFile, readdir, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createQueue } from './queue.js';
import { lockDataDir } from './data-dir.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root (…/supabase/local → …). */
export const projectRoot = path.resolve(here, '..', '..');

// Same search_path Supabase gives its roles, so unqualified extension functions resolve.
const SEARCH_PATH = '"$user", public, extensions';

/**
 * @typedef {{ rows: any[], fields?: Array<{ name: string, dataTypeID: number }>, affectedRows?: number }} QueryResult
 * @typedef {{ query: (sql: string, params?: unknown[]) => Promise<QueryResult>, exec: (sql: string) => Promise<void> }} Tx
 * @typedef {{
 *   kind: 'pglite' | 'postgres',
 *   query: (sql: string, params?: unknown[]) => Promise<QueryResult>,
 *   exec: (sql: string) => Promise<void>,
 *   transaction: <T>(fn: (tx: Tx) => Promise<T>, opts?: { timeoutMs?: number, statementTimeout?: boolean, readOnly?: boolean }) => Promise<T>,
 *   close: () => Promise<void>,
 *   queue: ReturnType<typeof createQueue>,
 * }} Adapter
 */

/** Thrown when a transaction outlives its time-out; the HTTP layer maps it to 504. */
export class TimeoutError extends Error {
	/**
	 * @param {number} ms
	 * @param {boolean} [statement] the role's statement_timeout (57014), not the stand-in's guard
	 */
	constructor(ms, statement = false) {
		super(
			statement
				? 'canceling statement due to statement timeout'
				: `request exceeded the stand-in time-out of ${ms} ms and was rolled back`
		);
		this.name = 'TimeoutError';
		this.code = '57014';
		this.statement = statement;
	}
}

/**
 * Open the database named by the options: `databaseUrl` → PostgreSQL, otherwise PGlite persisted
 * in `dataDir` (a directory; created if missing) or in memory when dataDir is 'memory://'.
 * @param {{ dataDir?: string, databaseUrl?: string }} opts
 * @returns {Promise<Adapter>}
 */
export async function openDatabase({ dataDir, databaseUrl } = {}) {
	if (databaseUrl) return openPostgres(databaseUrl);
	return openPglite(dataDir ?? path.join(projectRoot, '.data', 'pglite'));
}

/**
 * PGlite in a worker thread (see pglite-worker.js for why).
 * @param {string} dataDir
 * @returns {Promise<Adapter>}
 */
async function openPglite(dataDir) {
	const { Worker } = await import('node:worker_threads');
	const inMemory = dataDir.startsWith('memory://');
	if (!inMemory) await mkdir(dataDir, { recursive: true });
	// One process per directory (PGlite has no lock of its own): see data-dir.js.
	const unlock = inMemory ? () => {} : lockDataDir(dataDir);

	let nextId = 1;
	/** @type {Map<number, { resolve: (v: any) => void, reject: (e: any) => void }>} */
	const pending = new Map();
	/** @type {import('node:worker_threads').Worker} */
	let worker;

	/** Start (or restart) the worker and wait until PGlite is open. */
	async function start() {
		const w = new Worker(new URL('./pglite-worker.js', import.meta.url), {
			workerData: { dataDir, searchPath: SEARCH_PATH }
		});
		await new Promise((resolve, reject) => {
			w.once('message', (m) =>
				m.ready ? resolve(undefined) : reject(Object.assign(new Error(m.error?.message), m.error))
			);
			w.once('error', reject);
		});
		w.on('message', (m) => {
			const p = pending.get(m.id);
			if (!p) return;
			pending.delete(m.id);
			if (m.ok) p.resolve(m);
			else p.reject(Object.assign(new Error(m.error.message), m.error));
		});
		w.on('error', () => {});
		w.on('exit', () => {
			// A terminated worker fails whatever it was doing; the transaction is gone with it.
			for (const [id, p] of pending) {
				pending.delete(id);
				p.reject(Object.assign(new Error('database worker restarted'), { code: '57P01' }));
			}
		});
		worker = w;
	}
	/** Resolves when a worker is ready; replaced while a stuck worker is being restarted. */
	let ready = start();
	try {
		await ready;
	} catch (e) {
		unlock();
		// PGlite could not open the directory (damaged files): start.js says so in one line.
		throw Object.assign(/** @type {Error} */ (e), { openingDataDir: true });
	}

	/** @param {string} op @param {string} sql @param {unknown[]} [params] */
	const call = async (op, sql, params) => {
		await ready;
		return new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject });
			worker.postMessage({ id, op, sql, params });
		});
	};

	// One connection: every unit of work waits its turn.
	const queue = createQueue(1);
	/** @type {(sql: string, params?: unknown[]) => Promise<QueryResult>} */
	const rawQuery = async (sql, params = []) => {
		const r = /** @type {any} */ (await call('query', sql, params));
		return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
	};
	const rawExec = async (/** @type {string} */ sql) => void (await call('exec', sql));

	return {
		kind: 'pglite',
		queue,
		query: (sql, params) => queue.run(() => rawQuery(sql, params)),
		exec: (sql) => queue.run(() => rawExec(sql)),
		transaction: (fn, opts) =>
			new Promise((resolve, reject) => {
				queue
					.run(() =>
						runTransaction(rawQuery, rawExec, fn, opts, (err) => {
							reject(err);
							// statement_timeout is not enforced inside WASM: if the statement in flight
							// is still running after a second time-out, restart the worker from the data
							// directory (the open transaction is lost, i.e. rolled back).
							if (!dataDir.startsWith('memory://') && opts?.timeoutMs) {
								const stuck = worker;
								// The statement in flight is the last call posted (one connection, and the
								// timed-out transaction posts nothing more); later calls are other requests'.
								const inflight = nextId - 1;
								setTimeout(() => {
									if (worker === stuck && pending.has(inflight)) {
										ready = stuck.terminate().then(start);
									}
								}, opts.timeoutMs).unref();
							}
						})
					)
					.then(resolve, reject);
			}),
		close: async () => {
			await queue.run(async () => {
				await call('close', '');
				await worker.terminate();
			});
			unlock();
		}
	};
}

/**
 * @param {string} databaseUrl
 * @returns {Promise<Adapter>}
 */
async function openPostgres(databaseUrl) {
	const { default: pgmod } = await import('pg');
	// Dates stay text (as PGlite returns them closely enough and JSON output is built by Postgres
	// anyway); everything else uses pg's default parsers (bool, int4, json → JS values).
	const keepText = new Set([1082, 1114, 1184]);
	const types = {
		/** @param {number} oid @param {any} format */
		getTypeParser: (oid, format) =>
			keepText.has(oid) ? (/** @type {string} */ v) => v : pgmod.types.getTypeParser(oid, format)
	};
	const pool = new pgmod.Pool({
		connectionString: databaseUrl,
		max: 10,
		options: `-c search_path=${SEARCH_PATH.replace(/ /g, '')}`,
		types
	});
	// An idle client erroring (server restart) must not crash the process.
	pool.on('error', () => {});
	const queue = createQueue(10);

	return {
		kind: 'postgres',
		queue,
		query: async (sql, params = []) => {
			const r = await pool.query(sql, params);
			return { rows: r.rows, fields: r.fields, affectedRows: r.rowCount ?? undefined };
		},
		exec: async (sql) => {
			const c = await pool.connect();
			try {
				await c.query(sql);
			} finally {
				c.release();
			}
		},
		transaction: (fn, opts) =>
			new Promise((resolve, reject) =>
				queue
					.run(async () => {
						const c = await pool.connect();
						let broken = false;
						try {
							return await runTransaction(
								async (sql, params = []) => {
									const r = await c.query(sql, /** @type {any[]} */ (params));
									return { rows: r.rows, fields: r.fields, affectedRows: r.rowCount ?? undefined };
								},
								async (sql) => void (await c.query(sql)),
								fn,
								opts,
								reject
							);
						} catch (e) {
							// A connection whose rollback failed is not returned to the pool.
							if (e && /** @type {any} */ (e).rollbackFailed) broken = true;
							throw e;
						} finally {
							c.release(broken);
						}
					})
					.then(resolve, reject)
			),
		close: () => pool.end()
	};
}

/**
 * begin; fn(tx); commit — or rollback on error or time-out.
 *
 * On time-out the caller gets a TimeoutError right away (so the HTTP request can answer 504),
 * while the queue slot stays held until the statement in flight ends and the rollback is done:
 * that is what keeps the single PGlite connection consistent. `statement_timeout` bounds the
 * statement itself on PostgreSQL (PGlite may ignore it; the tx wrapper refuses further statements).
 *
 * @template T
 * @param {(sql: string, params?: unknown[]) => Promise<QueryResult>} q
 * @param {(sql: string) => Promise<void>} ex
 * @param {(tx: Tx) => Promise<T>} fn
 * @param {{ timeoutMs?: number, statementTimeout?: boolean, readOnly?: boolean }} [opts]
 * @param {(err: Error) => void} [onTimeout] answers the caller at once; the connection stays held
 * @returns {Promise<T>}
 */
async function runTransaction(q, ex, fn, opts = {}, onTimeout) {
	const timeoutMs = opts.timeoutMs;
	// One round trip for begin + transaction settings (a simple-protocol multi-statement; the
	// values are numbers we control, not request input).
	const ms = timeoutMs ? Math.max(1, Math.floor(timeoutMs)) : 0;
	await ex(
		`begin${opts.readOnly ? ' read only' : ''}${ms ? `; set local statement_timeout = ${ms}` : ''}`
	);
	let timedOut = false;
	/** @type {Tx} */
	const tx = {
		query: async (sql, params) => {
			if (timedOut) throw new TimeoutError(timeoutMs ?? 0);
			return q(sql, params);
		},
		exec: async (sql) => {
			if (timedOut) throw new TimeoutError(timeoutMs ?? 0);
			return ex(sql);
		}
	};
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	/** @type {Promise<T>} */
	let work = Promise.resolve(/** @type {any} */ (undefined));
	try {
		work = fn(tx);
		/** @type {Promise<never>} */
		const timeout = new Promise((_, reject) => {
			if (timeoutMs)
				timer = setTimeout(
					() => ((timedOut = true), reject(new TimeoutError(timeoutMs, opts.statementTimeout))),
					timeoutMs
				);
		});
		const result = await Promise.race([work, timeout]);
		clearTimeout(timer);
		await q('commit');
		return result;
	} catch (e) {
		clearTimeout(timer);
		if (timedOut) {
			// Answer the caller now, but keep the connection (and the queue slot) until the
			// statement in flight has ended and the transaction is rolled back.
			onTimeout?.(/** @type {Error} */ (e));
			await work.catch(() => {});
			await q('rollback').catch(() => {});
			throw e;
		}
		try {
			await q('rollback');
		} catch {
			if (e && typeof e === 'object') /** @type {any} */ (e).rollbackFailed = true;
		}
		throw e;
	}
}

/** Run the bootstrap SQL (idempotent). @param {Adapter} db */
export async function bootstrap(db) {
	const sql = await readFile(path.join(here, 'bootstrap.sql'), 'utf8');
	await db.exec(sql);
	// Persist the search_path for future sessions too (psql, postgres-meta, pg Pool clients).
	await db.exec(`do $$ begin
		execute format('alter database %I set search_path to ${SEARCH_PATH.replace(/'/g, "''")}', current_database());
	end $$;`);
}

/**
 * Apply bootstrap, pending migrations (in file-name order, recorded in
 * supabase_migrations.schema_migrations like the Supabase CLI), then seeds: on a fresh database
 * supabase/seed.sql and supabase/seeds/*.sql (name order); on an existing database only seed files
 * never applied before (so a teammate's new seed file reaches an existing .data/ without a reset).
 *
 * @param {Adapter} db
 * @param {{ root?: string, log?: (msg: string) => void, seed?: boolean }} [opts]
 * @returns {Promise<{ fresh: boolean, applied: string[], seeded: string[] }>}
 */
export async function migrate(db, { root = projectRoot, log = () => {}, seed = true } = {}) {
	const { rows } = await db.query(
		`select to_regclass('supabase_migrations.schema_migrations') is not null as present`
	);
	const fresh = !rows[0].present;
	await bootstrap(db);

	const migDir = path.join(root, 'supabase', 'migrations');
	const files = existsSync(migDir)
		? (await readdir(migDir)).filter((f) => f.endsWith('.sql')).sort()
		: [];
	const done = new Set(
		(await db.query('select version from supabase_migrations.schema_migrations')).rows.map(
			(r) => r.version
		)
	);
	/** @type {string[]} */
	const applied = [];
	for (const file of files) {
		const m = /^(\d+)_?(.*)\.sql$/.exec(file);
		if (!m) {
			log(`skipping ${file}: name is not <timestamp>_<name>.sql`);
			continue;
		}
		const [, version, name] = m;
		if (done.has(version)) continue;
		const sql = await readFile(path.join(migDir, file), 'utf8');
		try {
			await db.transaction(async (tx) => {
				await tx.exec(sql);
				await tx.query(
					'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
					[version, name, [sql]]
				);
			});
		} catch (e) {
			throw new Error(`migration ${file} failed: ${/** @type {Error} */ (e).message}`, {
				cause: e
			});
		}
		applied.push(file);
		log(`applied migration ${file}`);
	}

	/** @type {string[]} */
	const seeded = [];
	if (seed) {
		const seedFiles = [];
		if (existsSync(path.join(root, 'supabase', 'seed.sql'))) seedFiles.push('supabase/seed.sql');
		const seedsDir = path.join(root, 'supabase', 'seeds');
		if (existsSync(seedsDir)) {
			for (const f of (await readdir(seedsDir)).filter((f) => f.endsWith('.sql')).sort()) {
				seedFiles.push(`supabase/seeds/${f}`);
			}
		}
		const seen = new Set(
			(await db.query('select path from supabase_migrations.seed_files')).rows.map((r) => r.path)
		);
		for (const rel of seedFiles) {
			if (seen.has(rel)) continue;
			if (!fresh && !seen.has(rel)) log(`applying new seed file ${rel} to the existing database`);
			const sql = await readFile(path.join(root, rel), 'utf8');
			const hash = createHash('sha256').update(sql).digest('hex');
			try {
				await db.transaction(async (tx) => {
					await tx.exec(sql);
					await tx.query(
						'insert into supabase_migrations.seed_files (path, hash) values ($1, $2)',
						[rel, hash]
					);
				});
			} catch (e) {
				throw new Error(`seed ${rel} failed: ${/** @type {Error} */ (e).message}`, { cause: e });
			}
			seeded.push(rel);
			log(`applied seed ${rel}`);
		}
	}
	// PGlite has no autovacuum, so without this the planner never sees row counts and picks
	// nested loops over seeded tables; on PostgreSQL it only saves autovacuum the trouble.
	if (applied.length > 0 || seeded.length > 0) await db.exec('analyze');
	return { fresh, applied, seeded };
}
