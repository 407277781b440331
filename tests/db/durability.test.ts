/**
 * The embedded default survives a crash, and can be backed up and restored (issue 15, parts 5–6).
 *
 * The stand-in as `npm start` runs it (supabase/local/cli.js: startStandIn on PGlite) on a fresh
 * temporary folder, in a process of its own. Citizens file complaints, book receptions and apply
 * online through the REST API while the process is killed with SIGKILL. After a restart: every
 * filing that was answered is there, once; replaying every key (answered or not) creates nothing
 * twice. Then `npm run backup` of that folder, `npm run restore` into a fresh one, and the stand-in
 * on the restored folder holds the same rows and takes new filings and staff sign-ins. A damaged
 * or busy folder stops the start with one line.
 *
 * Runs in the PGlite pass only (it starts its own stand-ins; PostgreSQL has its own durability).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { allDayOffice, draftAttachment, randomClientAddress, standin } from './helpers';

const root = path.resolve(import.meta.dirname, '..', '..');
const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const PROC = 'xac-nhan-ket-qua-thi-hanh-an';
const clientKey = randomBytes(32).toString('hex');
const options = {
	auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
} as const;
const randomPhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

const pglite = () => standin().target === 'pglite';

async function freePort(): Promise<number> {
	const s = createServer();
	await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
	const port = (s.address() as { port: number }).port;
	await new Promise((r) => s.close(r));
	return port;
}

type Running = {
	proc: ChildProcess;
	url: string;
	anonKey: string;
	anon: SupabaseClient;
	service: SupabaseClient;
	exited: Promise<number | null>;
};

/** `node supabase/local/cli.js` on `dataDir`, as npm start's stand-in; resolves when it listens. */
async function startProcess(dataDir: string): Promise<Running> {
	const port = await freePort();
	const proc = spawn(
		process.execPath,
		[
			path.join(root, 'supabase/local/cli.js'),
			'--port',
			String(port),
			'--data-dir',
			dataDir,
			'--no-env',
			'--quiet'
		],
		{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let out = '';
	let err = '';
	proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
	proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
	const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
	const deadline = Date.now() + 150_000;
	while (!/service_role key:\s+\S+/.test(out)) {
		if (proc.exitCode !== null) throw new Error(`stand-in exited: ${err}`);
		if (Date.now() > deadline) throw new Error(`stand-in did not start: ${err}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	const anonKey = /anon key:\s+(\S+)/.exec(out)![1]!;
	const serviceKey = /service_role key:\s+(\S+)/.exec(out)![1]!;
	const url = `http://127.0.0.1:${port}`;
	const service = createClient(url, serviceKey, options);
	const reg = await service.rpc('set_client_address_key', { p_key: clientKey });
	if (reg.error) throw new Error(reg.error.message);
	// Every request as the app sends it: a new citizen's signed address each time.
	const anon = createClient(url, anonKey, {
		...options,
		global: {
			fetch: (input, init) => {
				const headers = new Headers(init?.headers);
				const address = randomClientAddress();
				const ts = Math.floor(Date.now() / 1000);
				const sig = createHmac('sha256', clientKey).update(`${address};${ts}`).digest('hex');
				headers.set('x-thads-client', `${address};${ts};${sig}`);
				return fetch(input, { ...init, headers });
			}
		}
	});
	return { proc, url, anonKey, anon, service, exited };
}

async function stopProcess(r: Running) {
	if (r.proc.exitCode !== null) return;
	r.proc.kill('SIGTERM');
	await r.exited;
}

type Kind = 'complaint' | 'booking' | 'application';
type Attempt = { kind: Kind; key: string; payload: Record<string, unknown>; code?: string };

const rpcOf: Record<Kind, string> = {
	complaint: 'submit_complaint',
	booking: 'book_reception',
	application: 'submit_application'
};

/** The code in any of the three functions' answers (a row set or one JSON object). */
function codeOf(data: unknown): string | undefined {
	const row = Array.isArray(data) ? data[0] : data;
	return (row as { code?: string } | null)?.code;
}

async function counts(service: SupabaseClient, unitId: string) {
	const n = async (table: string, filter?: [string, string]) => {
		let q = service.from(table).select('id', { count: 'exact', head: true });
		if (filter) q = q.eq(filter[0], filter[1]);
		const { count, error } = await q;
		if (error) throw new Error(`${table}: ${error.message}`);
		return count ?? 0;
	};
	return {
		complaints: await n('complaints'),
		bookings: await n('bookings', ['unit_id', unitId]),
		applications: await n('applications')
	};
}

const tmp = mkdtempSync(path.join(tmpdir(), 'thads-durability-'));
const dataDir = path.join(tmp, 'pglite');
let running: Running | null = null;
let unitId = '';
let slots: string[] = [];
const attempts: Attempt[] = [];
let before: Awaited<ReturnType<typeof counts>>;

afterAll(async () => {
	if (running) await stopProcess(running);
	rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!pglite())('the embedded database (PGlite)', () => {
	beforeAll(async () => {
		running = await startProcess(dataDir);
		const { service, anon } = running;
		// A test office open every day, all day, with room for every booking of the test.
		unitId = await allDayOffice(service, 'DU', 'Phòng thử nghiệm độ bền', 'Số 3 đường Thử');
		const from = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
		const to = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
		const s = await anon.rpc('list_reception_slots', { p_unit_id: unitId, p_from: from, p_to: to });
		if (s.error) throw s.error;
		slots = (s.data as { starts_at: string }[])
			.filter((x) => Date.parse(x.starts_at) > Date.now() + 3 * 3600_000)
			.map((x) => x.starts_at);
		before = await counts(service, unitId);
	}, 180_000);

	/** A new filing of `kind` with its own key; attachments of an application are drafts first. */
	async function newAttempt(kind: Kind, i: number): Promise<Attempt> {
		const key = randomUUID();
		if (kind === 'complaint') {
			return {
				kind,
				key,
				payload: {
					kind: 'complaint',
					subject: 'coercion',
					unit_id: HN_KV1,
					consent: true,
					learned_on: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
					content:
						'Chấp hành viên kê biên nhầm tài sản của tôi, không phải của người phải thi hành án.',
					request: 'Hủy quyết định kê biên',
					filer: { full_name: 'Trần Văn Bền', phone: randomPhone(), province: 'Hà Nội' }
				}
			};
		}
		if (kind === 'booking') {
			return {
				kind,
				key,
				payload: {
					unit_id: unitId,
					starts_at: slots[i % slots.length],
					full_name: 'Nguyễn Văn Bền',
					phone: randomPhone(),
					people_count: 1,
					topic: 'khieu_nai',
					consent: true
				}
			};
		}
		const draft = async (document_key: string) => ({
			attachment_id: await draftAttachment(key, 'don.pdf', running!.service),
			document_key
		});
		return {
			kind,
			key,
			payload: {
				procedure_code: PROC,
				unit_id: HN_KV1,
				consent: true,
				applicant: { name: 'Trần Văn Bền', phone: randomPhone() },
				answers: { so_quyet_dinh_tha: '12/QĐ-THADS', tu_cach: 'duoc_thi_hanh' },
				documents: [await draft('don_de_nghi'), await draft('giay_to_tuy_than')]
			}
		};
	}

	const send = (client: SupabaseClient, a: Attempt) =>
		client.rpc(rpcOf[a.kind], { payload: a.payload, idempotency_key: a.key });

	it('kill -9 during filings loses no answered filing', async () => {
		const r = running!;
		const kinds: Kind[] = ['complaint', 'booking', 'application'];
		let stop = false;
		const answered = () => attempts.filter((a) => a.code).length;
		// Three citizens at a time, one per kind, until the process is killed.
		const workers = kinds.map(async (kind) => {
			for (let i = 0; !stop; i++) {
				let a: Attempt;
				try {
					a = await newAttempt(kind, i);
				} catch {
					return; // the process is gone
				}
				attempts.push(a);
				try {
					const { data, error } = await send(r.anon, a);
					if (error) throw new Error(`${kind}: ${error.message}`);
					a.code = codeOf(data);
				} catch {
					return; // killed while this one was in flight: in doubt
				}
			}
		});
		const deadline = Date.now() + 90_000;
		while (answered() < 15 && Date.now() < deadline) await new Promise((x) => setTimeout(x, 20));
		expect(answered()).toBeGreaterThanOrEqual(15);
		r.proc.kill('SIGKILL');
		stop = true;
		await r.exited;
		await Promise.all(workers);
		for (const kind of kinds) expect(attempts.some((a) => a.kind === kind && a.code)).toBe(true);
		console.info(
			`killed with ${answered()} filings answered and ${attempts.length - answered()} in flight`
		);

		running = await startProcess(dataDir);
		const { service } = running;
		for (const a of attempts.filter((x) => x.code)) {
			const table = { complaint: 'complaints', booking: 'bookings', application: 'applications' }[
				a.kind
			];
			const { count, error } = await service
				.from(table)
				.select('id', { count: 'exact', head: true })
				.eq('tracking_code', a.code!);
			expect(error).toBeNull();
			expect(count, `${a.kind} ${a.code} after the restart`).toBe(1);
		}
	}, 240_000);

	it('replaying every key after the restart creates nothing twice', async () => {
		const { anon, service } = running!;
		for (const a of attempts) {
			const { data, error } = await send(anon, a);
			expect(error, `${a.kind} replay`).toBeNull();
			const code = codeOf(data);
			if (a.code) expect(code, `${a.kind} replay answers the same code`).toBe(a.code);
			a.code = code;
		}
		const after = await counts(service, unitId);
		const by = (k: Kind) => attempts.filter((a) => a.kind === k).length;
		expect(after.complaints - before.complaints).toBe(by('complaint'));
		expect(after.bookings - before.bookings).toBe(by('booking'));
		expect(after.applications - before.applications).toBe(by('application'));
		// Once more: still the same numbers.
		for (const a of attempts) expect(codeOf((await send(anon, a)).data)).toBe(a.code);
		expect(await counts(service, unitId)).toEqual(after);
	}, 120_000);

	it('npm run backup, npm run restore into a fresh folder: the same rows, and it works', async () => {
		const expected = await counts(running!.service, unitId);
		// A backup needs the folder to itself: refused, in one line, while the stand-in runs.
		const busy = spawnSync(
			process.execPath,
			['supabase/local/backup.js', 'backup', path.join(tmp, 'x.tar.gz')],
			{
				cwd: root,
				env: { ...process.env, THADS_DATA_DIR: dataDir },
				encoding: 'utf8'
			}
		);
		expect(busy.status).toBe(1);
		expect(busy.stderr.trim()).toMatch(
			/^The database in .* is in use by process \d+ \(another npm start\?\): stop it first/
		);
		expect(busy.stderr.trim().split('\n')).toHaveLength(1);
		await stopProcess(running!);
		running = null;

		const file = path.join(tmp, 'backup.tar.gz');
		const b = spawnSync('npm', ['run', '--silent', 'backup', '--', file], {
			cwd: root,
			env: { ...process.env, THADS_DATA_DIR: dataDir },
			encoding: 'utf8'
		});
		expect(b.stderr).toBe('');
		expect(b.status).toBe(0);
		expect(b.stdout).toMatch(/^Backed up .* \(\d+ migrations\) to .*backup\.tar\.gz/);
		expect(existsSync(file)).toBe(true);

		const restored = path.join(tmp, 'restored');
		const r = spawnSync('npm', ['run', '--silent', 'restore', '--', file], {
			cwd: root,
			env: { ...process.env, THADS_DATA_DIR: restored },
			encoding: 'utf8'
		});
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		// Not over a folder that holds a database, unless asked.
		const again = spawnSync('npm', ['run', '--silent', 'restore', '--', file], {
			cwd: root,
			env: { ...process.env, THADS_DATA_DIR: restored },
			encoding: 'utf8'
		});
		expect(again.status).toBe(1);
		expect(again.stderr.trim()).toContain('is not empty');

		running = await startProcess(restored);
		const { anon, service } = running;
		expect(await counts(service, unitId)).toEqual(expected);
		for (const a of attempts.slice(0, 6)) expect(codeOf((await send(anon, a)).data)).toBe(a.code);
		const fresh = await newAttempt('complaint', 0);
		const filed = await send(anon, fresh);
		expect(filed.error).toBeNull();
		expect(codeOf(filed.data)).toMatch(/^KN-/);
		// Auth came back too: a demo officer signs in and reads the unit's complaints (RLS).
		const officer = createClient(running.url, running.anonKey, options);
		const signIn = await officer.auth.signInWithPassword({
			email: 'khieunai.hn1@thads.local',
			password: 'Thads@2026'
		});
		expect(signIn.error).toBeNull();
		const seen = await officer
			.from('complaints')
			.select('id')
			.eq('tracking_code', codeOf(filed.data)!);
		expect(seen.error).toBeNull();
		expect(seen.data).toHaveLength(1);
	}, 240_000);

	it('the db tests pass on a stand-in restored from the backup (tracking, working days)', async () => {
		// global-setup restores STANDIN_RESTORE_FROM into the fresh stand-in's folder first.
		const env = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV')
		);
		const r = spawnSync(
			process.execPath,
			[
				path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
				'run',
				'--project',
				'db',
				'tests/db/tracking.test.ts',
				'tests/db/working-days.test.ts'
			],
			{
				cwd: root,
				encoding: 'utf8',
				timeout: 300_000,
				env: {
					...env,
					STANDIN_TARGET: 'pglite',
					STANDIN_RESTORE_FROM: path.join(tmp, 'backup.tar.gz'),
					FORCE_COLOR: '0'
				}
			}
		);
		const out = stripVTControlCharacters(r.stdout + r.stderr);
		// The stand-in ran on the restored copy (restored before it started), and the tests passed.
		expect(out).toMatch(/\[db\] restored .*: [1-9]\d* migrations/);
		expect(out).toMatch(/Test Files\s+2 passed/);
		expect(r.status).toBe(0);
	}, 320_000);

	it('a damaged folder stops the start with one line saying what to do', async () => {
		await stopProcess(running!);
		running = null;
		const damaged = path.join(tmp, 'damaged');
		cpSync(path.join(tmp, 'restored'), damaged, { recursive: true });
		writeFileSync(path.join(damaged, 'global', 'pg_control'), 'not a control file');
		const r = spawnSync(
			process.execPath,
			['supabase/local/cli.js', '--port', '0', '--data-dir', damaged, '--no-env', '--quiet'],
			{ cwd: root, encoding: 'utf8', timeout: 60_000 }
		);
		expect(r.status).toBe(1);
		const lines = r.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(`The database in ${damaged} cannot be opened`);
		expect(lines[0]).toContain('npm run restore');
		expect(r.stderr).not.toMatch(/^\s+at /m);
	}, 90_000);
});
