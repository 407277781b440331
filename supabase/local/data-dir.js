// The embedded database's directory (.data/pglite): one process at a time, and failures to open
// it said in one line (issue 15, part 6).
//
// PGlite has no lock of its own: two `npm start`s on one directory would both write to it and
// damage it. `lockDataDir` writes `<dir>.lock` with the owner's process id; a lock whose process
// no longer runs (after `kill -9` or a power cut) is taken over. `startFailure` turns what
// `startStandIn` throws into the one line `npm start` prints instead of a stack.

import { closeSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export class DataDirError extends Error {
	/** @param {string} message */
	constructor(message) {
		super(message);
		this.name = 'DataDirError';
	}
}

/** A directory as the person would type it: relative to the project when inside it. */
export function displayPath(/** @type {string} */ dir) {
	const rel = path.relative(path.resolve(import.meta.dirname, '..', '..'), path.resolve(dir));
	return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(dir);
}

/** @param {number} pid */
function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		// EPERM: it runs, as another user.
		return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
	}
}

/**
 * Take the directory's lock for this process; throws DataDirError when another running process
 * holds it. Returns the function that releases it.
 * @param {string} dataDir
 * @returns {() => void}
 */
export function lockDataDir(dataDir) {
	const file = `${path.resolve(dataDir)}.lock`;
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, `${process.pid}\n`);
			closeSync(fd);
			return () => {
				try {
					if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
				} catch {
					// already gone
				}
			};
		} catch (e) {
			const code = /** @type {NodeJS.ErrnoException} */ (e).code;
			if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
				throw new DataDirError(
					`Cannot write to ${path.dirname(file)} (${code}): the embedded database needs a writable folder.`
				);
			}
			if (code !== 'EEXIST') throw e;
			const pid = Number(readFileSync(file, 'utf8').trim());
			if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) {
				throw new DataDirError(
					`The database in ${dataDir} is in use by process ${pid} (another npm start?): stop it first, or set THADS_DATA_DIR to another folder.`
				);
			}
			// Left by a process that is gone: take it over.
			rmSync(file, { force: true });
		}
	}
	throw new DataDirError(`Could not lock ${dataDir}: another process keeps taking it.`);
}

/** @param {string} dir */
function isEmptyDir(dir) {
	try {
		return readdirSync(dir).length === 0;
	} catch {
		return true;
	}
}

/**
 * The one line to print when the stand-in could not start.
 * @param {unknown} e what startStandIn threw
 * @param {string} dataDir the directory, as the person would type it
 * @param {{ port?: number }} [o]
 */
export function startFailure(e, dataDir, o = {}) {
	const err = /** @type {any} */ (e);
	if (err instanceof DataDirError || err?.name === 'DataDirError') return err.message;
	if (err?.code === 'EADDRINUSE') {
		return `Port ${err.port ?? o.port ?? ''} is in use: stop what uses it, or set STANDIN_PORT / PORT.`;
	}
	if (err?.code === 'ECONNREFUSED' || err?.code === '28P01' || err?.code === '3D000') {
		return `Cannot use DATABASE_URL (${err.code}): ${String(err.message).split('\n')[0]}`;
	}
	if (err?.openingDataDir && !isEmptyDir(dataDir)) {
		return (
			`The database in ${dataDir} cannot be opened (${String(err.message).split('\n')[0]}): it is damaged. ` +
			`Restore a backup (npm run restore -- <file>), or move the folder away to start with an empty database.`
		);
	}
	return `The stand-in could not start: ${String(err?.message ?? err).split('\n')[0]}`;
}
