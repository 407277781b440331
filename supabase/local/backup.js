#!/usr/bin/env node
// Backup and restore of the embedded database (PGlite, .data/pglite) — issue 15, part 5.
//
//   npm run backup                      → backups/thads-pglite-<UTC time>.tar.gz
//   npm run backup -- <file.tar.gz>
//   npm run restore -- <file.tar.gz>    into .data/pglite, which must be empty or missing
//   npm run restore -- <file.tar.gz> --force   moves the current folder aside first (.data/pglite.before-restore-<time>)
//   THADS_DATA_DIR=<dir>                 another data folder (as for npm start)
//
// A backup is PGlite's own dump of its data folder (a tar of a cleanly closed cluster: the same
// PostgreSQL files, checkpointed). It needs the folder to itself, so stop `npm start` first: the
// data-folder lock (data-dir.js) refuses otherwise, in one line. With PostgreSQL or Supabase use
// pg_dump / PITR instead (docs/deploy.md).
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	writeFileSync
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { projectRoot } from './db.js';
import { DataDirError, displayPath, lockDataDir } from './data-dir.js';

const extensions = { pgcrypto, uuid_ossp };

/** @param {string} dataDir @param {string} file */
export async function backup(dataDir, file) {
	if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
		throw new DataDirError(`No database in ${displayPath(dataDir)}: nothing to back up.`);
	}
	const unlock = lockDataDir(dataDir);
	try {
		const pg = await PGlite.create(dataDir, { extensions });
		// A check that it opens and holds the schema, and a checkpoint so the files are complete.
		const { rows } = await pg.query(
			`select count(*)::int as n from supabase_migrations.schema_migrations`
		);
		await pg.exec('checkpoint');
		const dump = await pg.dumpDataDir('gzip');
		await pg.close();
		mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
		writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
		return { migrations: /** @type {{ n: number }} */ (rows[0]).n, bytes: dump.size };
	} finally {
		unlock();
	}
}

/** @param {string} file @param {string} dataDir @param {{ force?: boolean }} [o] */
export async function restore(file, dataDir, o = {}) {
	if (!existsSync(file)) throw new DataDirError(`No backup file ${file}.`);
	let movedTo = null;
	if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
		if (!o.force) {
			throw new DataDirError(
				`${displayPath(dataDir)} is not empty: stop the app and add --force to move it aside, or restore into another THADS_DATA_DIR.`
			);
		}
		const unlock = lockDataDir(dataDir); // refuses while npm start runs on it
		unlock();
		movedTo = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		renameSync(dataDir, movedTo);
	}
	mkdirSync(dataDir, { recursive: true });
	const unlock = lockDataDir(dataDir);
	try {
		const pg = await PGlite.create(dataDir, {
			extensions,
			loadDataDir: new Blob([readFileSync(file)])
		});
		const { rows } = await pg.query(
			`select count(*)::int as n from supabase_migrations.schema_migrations`
		);
		await pg.close();
		return { migrations: /** @type {{ n: number }} */ (rows[0]).n, movedTo };
	} finally {
		unlock();
	}
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: { force: { type: 'boolean', default: false } }
	});
	const [command, fileArg] = positionals;
	const dataDir = process.env.THADS_DATA_DIR
		? path.resolve(process.env.THADS_DATA_DIR)
		: path.join(projectRoot, '.data', 'pglite');
	try {
		if (command === 'backup') {
			const file =
				fileArg ??
				path.join(
					projectRoot,
					'backups',
					`thads-pglite-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`
				);
			const r = await backup(dataDir, file);
			console.log(
				`Backed up ${displayPath(dataDir)} (${r.migrations} migrations) to ${displayPath(file)} (${Math.round(r.bytes / 1024)} KB).`
			);
		} else if (command === 'restore' && fileArg) {
			const r = await restore(fileArg, dataDir, { force: values.force });
			console.log(
				`Restored ${displayPath(fileArg)} into ${displayPath(dataDir)} (${r.migrations} migrations).` +
					(r.movedTo ? ` The previous folder is now ${displayPath(r.movedTo)}.` : '') +
					' Start with npm start.'
			);
		} else {
			console.error('Usage: npm run backup [-- <file>] | npm run restore -- <file> [--force]');
			process.exit(2);
		}
	} catch (e) {
		const err = /** @type {any} */ (e);
		console.error(
			err instanceof DataDirError
				? err.message
				: `${command} failed: ${String(err?.message ?? err).split('\n')[0]}`
		);
		process.exit(1);
	}
}
