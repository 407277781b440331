// The embedded database's folder (issue 15, part 6): one process at a time, a lock left by a
// killed process is taken over, and start-up failures are one line saying what to do.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataDirError, lockDataDir, startFailure } from '../../supabase/local/data-dir.js';

const fresh = () => path.join(mkdtempSync(path.join(tmpdir(), 'thads-lock-')), 'pglite');

describe('the data folder lock', () => {
	it('is taken and released by its owner', () => {
		const dir = fresh();
		const release = lockDataDir(dir);
		expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.pid));
		release();
		expect(existsSync(`${dir}.lock`)).toBe(false);
	});

	it('refuses a folder another running process holds, in one line', () => {
		const dir = fresh();
		// The parent of this test process runs for as long as the test does.
		writeFileSync(`${dir}.lock`, `${process.ppid}\n`);
		expect(() => lockDataDir(dir)).toThrow(DataDirError);
		try {
			lockDataDir(dir);
		} catch (e) {
			expect(startFailure(e, '.data/pglite')).toBe(
				`The database in ${dir} is in use by process ${process.ppid} (another npm start?): stop it first, or set THADS_DATA_DIR to another folder.`
			);
		}
	});

	it('takes over a lock left by a process that was killed', () => {
		const dir = fresh();
		const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
		writeFileSync(`${dir}.lock`, `${gone}\n`);
		const release = lockDataDir(dir);
		expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.pid));
		release();
	});
});

describe('start-up failures', () => {
	it('a damaged folder: what happened and the two ways out', () => {
		const dir = path.dirname(fresh());
		writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
		const msg = startFailure(
			Object.assign(new Error('Aborted(). Build with -sASSERTIONS'), { openingDataDir: true }),
			dir
		);
		expect(msg).toContain(`The database in ${dir} cannot be opened`);
		expect(msg).toContain('npm run restore');
		expect(msg).not.toContain('\n');
	});

	it('a port in use', () => {
		expect(
			startFailure(Object.assign(new Error('listen'), { code: 'EADDRINUSE', port: 54321 }), 'x')
		).toBe('Port 54321 is in use: stop what uses it, or set STANDIN_PORT / PORT.');
	});

	it('anything else: the first line of the message only', () => {
		expect(startFailure(new Error('boom\n    at somewhere'), 'x')).toBe(
			'The stand-in could not start: boom'
		);
	});
});
