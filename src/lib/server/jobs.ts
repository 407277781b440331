/**
 * The job runner: every periodic job of the app, run by one scheduler.
 *
 * A feature registers a job in one line, in `src/lib/<feature>/server/jobs.ts` (found
 * automatically, see import.meta.glob below) or anywhere on the server:
 *
 *   registerJob('retention.purge', ({ service }) => rpc(service, 'purge_expired'), { every: 60 });
 *
 * Schedules: `{ every: minutes }`, `{ dailyAt: 'HH:MM' }` (Vietnam time; the default, 06:00) or
 * `{ everyTick: true }`. A due job runs once per period however many app instances run the
 * scheduler: each run claims its period in the database first (public.claim_job_run). Jobs must
 * still be idempotent — an operator may run one by hand (POST /api/jobs/run {"jobs": [name]}).
 *
 * Who runs the scheduler: the app itself (`startScheduler()` from hooks.server.ts `init`, every
 * THADS_JOBS_INTERVAL_SECONDS, default 60; 0 turns it off; never during tests or the build), and,
 * on hosted Supabase, pg_cron calling POST /api/jobs/run (migration 20261207006010). After the
 * jobs, each tick sends the outbox.
 */
import type { Db } from '$lib/server/supabase';
import { call, type FnArgs, type FnName } from '$lib/server/rpc';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { createServiceClient } from '$lib/server/supabase';
import { processOutbox, type OutboxResult } from '$lib/server/notifications';

interface JobContext {
	/** Service-role client (bypasses RLS): call the feature's SQL functions. */
	service: Db;
	now: Date;
}

export type Job = (ctx: JobContext) => Promise<unknown>;

export type JobSchedule = { every: number } | { dailyAt: string } | { everyTick: true };

export interface JobResult {
	name: string;
	ok: boolean;
	ms: number;
	result?: unknown;
	error?: string;
	/** Not due, or another instance already ran this period. */
	skipped?: boolean;
}

const jobs = new Map<string, { fn: Job; schedule: JobSchedule }>();

/** Register (or replace) a job under a unique dotted name, e.g. 'reception.reminders'. */
export function registerJob(
	name: string,
	fn: Job,
	schedule: JobSchedule = { dailyAt: '06:00' }
): void {
	jobs.set(name, { fn, schedule });
}

/** Names of the registered jobs. */
function listJobs(): string[] {
	return [...jobs.keys()].sort();
}

/** Call a service-role SQL function; throw its error. */
async function rpc<F extends FnName>(service: Db, fn: F, args?: FnArgs<F>) {
	try {
		return await call(service, fn, (args ?? {}) as FnArgs<F>);
	} catch (e) {
		throw new Error(`${fn}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
	}
}

// Lazy, so a feature's jobs module can import registerJob from here without a cycle.
const featureJobModules = import.meta.glob('/src/lib/*/server/jobs.ts');
let loaded: Promise<unknown> | null = null;

/** Import every feature's jobs module once (they call registerJob when imported). */
function loadFeatureJobs(): Promise<unknown> {
	loaded ??= Promise.all(Object.values(featureJobModules).map((load) => load()));
	return loaded;
}

/** Vietnam wall-clock parts of an instant (UTC+7, no daylight saving). */
function vnParts(now: Date) {
	const vn = new Date(now.getTime() + 7 * 3600_000);
	return {
		date: vn.toISOString().slice(0, 10),
		minutes: vn.getUTCHours() * 60 + vn.getUTCMinutes()
	};
}

/** The period a job would run for at `now`, or null when it is not due (daily, before its time). */
function runKey(schedule: JobSchedule, now: Date): string | null {
	if ('everyTick' in schedule) return `t:${now.getTime()}`;
	if ('every' in schedule) {
		const minutes = Math.max(1, Math.round(schedule.every));
		return `m${minutes}:${Math.floor(now.getTime() / 60_000 / minutes)}`;
	}
	const [h, m] = schedule.dailyAt.split(':').map(Number);
	const { date, minutes } = vnParts(now);
	return minutes >= (h ?? 0) * 60 + (m ?? 0) ? `d:${date}` : null;
}

async function runOne(name: string, fn: Job, ctx: JobContext): Promise<JobResult> {
	const started = Date.now();
	try {
		const result = await fn(ctx);
		return { name, ok: true, ms: Date.now() - started, result };
	} catch (e) {
		const message =
			e instanceof Error ? e.message : typeof e === 'object' ? JSON.stringify(e) : String(e);
		return { name, ok: false, ms: Date.now() - started, error: message };
	}
}

/**
 * Run jobs. `names` given: exactly those, now (by hand). Otherwise the registered jobs that are
 * due, each claimed for its period first so that no other instance runs it too.
 */
async function runJobs(ctx: JobContext, names?: string[]): Promise<JobResult[]> {
	await loadFeatureJobs();
	const results: JobResult[] = [];
	for (const name of names ?? listJobs()) {
		const job = jobs.get(name);
		if (!job) {
			results.push({ name, ok: false, ms: 0, error: 'unknown job' });
			continue;
		}
		if (!names && !('everyTick' in job.schedule)) {
			const key = runKey(job.schedule, ctx.now);
			if (!key) {
				results.push({ name, ok: true, ms: 0, skipped: true });
				continue;
			}
			const claimed = await ctx.service.rpc('claim_job_run', { p_name: name, p_key: key });
			if (claimed.error) {
				results.push({ name, ok: false, ms: 0, error: claimed.error.message });
				continue;
			}
			if (claimed.data !== true) {
				results.push({ name, ok: true, ms: 0, skipped: true });
				continue;
			}
			const r = await runOne(name, job.fn, ctx);
			await ctx.service.rpc('finish_job_run', { p_name: name, p_error: r.error ?? null });
			results.push(r);
			continue;
		}
		results.push(await runOne(name, job.fn, ctx));
	}
	return results;
}

/** One scheduler tick: the due jobs, then the outbox. What pg_cron's call to /api/jobs/run does too. */
export async function tick(
	opts: { service?: Db; now?: Date; names?: string[]; outbox?: number } = {}
): Promise<{ jobs: JobResult[]; outbox: OutboxResult | null }> {
	const service = opts.service ?? createServiceClient();
	const now = opts.now ?? new Date();
	const results = await runJobs({ service, now }, opts.names);
	const limit = opts.outbox ?? 100;
	const outbox = limit > 0 ? await processOutbox(service, limit, undefined, opts.now) : null;
	return { jobs: results, outbox };
}

let timer: ReturnType<typeof setInterval> | null = null;
let firstRun: ReturnType<typeof setTimeout> | null = null;
/** The tick in progress (jobs and outbox sends), awaited by drainScheduler() at shutdown. */
let current: Promise<void> | null = null;

/**
 * Start the in-process scheduler (once per process). Off while building, under vitest, without a
 * service-role key, or with THADS_JOBS_INTERVAL_SECONDS=0.
 */
export function startScheduler(): boolean {
	if (timer || building || process.env.VITEST) return false;
	const seconds = Number(env.THADS_JOBS_INTERVAL_SECONDS ?? 60);
	if (!Number.isFinite(seconds) || seconds <= 0 || !env.SUPABASE_SERVICE_ROLE_KEY) return false;
	const run = () => {
		if (current) return; // a slow tick (big outbox) is not overlapped by the next
		current = (async () => {
			try {
				const r = await tick();
				const failed = r.jobs.filter((j) => !j.ok);
				if (failed.length)
					console.error('[jobs] failed:', failed.map((j) => `${j.name}: ${j.error}`).join('; '));
			} catch (e) {
				console.error('[jobs] tick failed:', e instanceof Error ? e.message : e);
			} finally {
				current = null;
			}
		})();
	};
	timer = setInterval(run, seconds * 1000);
	timer.unref?.();
	firstRun = setTimeout(run, Math.min(2000, seconds * 1000));
	firstRun.unref?.();
	return true;
}

/** Stop the in-process scheduler: no new tick starts; one in progress goes on (see drainScheduler). */
export function stopScheduler(): void {
	if (timer) clearInterval(timer);
	if (firstRun) clearTimeout(firstRun);
	timer = null;
	firstRun = null;
}

/**
 * Stop the scheduler and wait for the tick in progress, if any: its claimed messages are sent and
 * recorded rather than left claimed (they would be retried after the five-minute claim anyway).
 * Returns whether a tick was running.
 */
export async function drainScheduler(): Promise<boolean> {
	stopScheduler();
	const running = current;
	if (!running) return false;
	await running;
	return true;
}

// Foundation job: drop rate-limit counters whose window is long over.
registerJob('foundation.purge_rate_limits', async ({ service }) => ({
	deleted: await rpc(service, 'purge_rate_limits')
}));

// Booking reminders, the day before (from the unit's reminder hour) and 2 hours before.
registerJob(
	'messages.booking_reminders',
	async ({ service, now }) => ({
		queued: await rpc(service, 'queue_booking_reminders', { p_now: now.toISOString() })
	}),
	{ every: 5 }
);

// Officers' morning digest of files due today or overdue (SQL waits until 07:00, once a day each).
registerJob(
	'messages.officer_digests',
	async ({ service, now }) => ({
		queued: await rpc(service, 'queue_officer_digests', { p_now: now.toISOString() })
	}),
	{ every: 15 }
);
