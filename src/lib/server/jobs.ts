/**
 * Background jobs run by POST /api/jobs/run (see that route for how to call it).
 *
 * A feature registers its daily job in `src/lib/<feature>/server/jobs.ts`:
 *
 *   import { registerJob } from '$lib/server/jobs';
 *   registerJob('complaints.reminders', async ({ service }) => {
 *     const { data, error } = await service.rpc('queue_complaint_reminders');
 *     if (error) throw error;
 *     return data; // anything JSON-serialisable: shown in the route's response
 *   });
 *
 * Those files are found automatically (import.meta.glob below), so no central list needs editing.
 * Jobs must be idempotent — safe to run twice a day or after a missed day — because the caller
 * (cron, a scheduler, or a developer) may run them at any time. The outbox is processed after the
 * jobs, so messages they queue go out in the same run.
 */
import type { SupabaseClient } from '@supabase/supabase-js';

export interface JobContext {
	/** Service-role client (bypasses RLS): call the feature's SQL functions. */
	service: SupabaseClient;
	now: Date;
}

export type Job = (ctx: JobContext) => Promise<unknown>;

export interface JobResult {
	name: string;
	ok: boolean;
	ms: number;
	result?: unknown;
	error?: string;
}

const jobs = new Map<string, Job>();

/** Register (or replace) a job under a unique dotted name, e.g. 'reception.reminders'. */
export function registerJob(name: string, fn: Job): void {
	jobs.set(name, fn);
}

/** Names of the registered jobs. */
export function listJobs(): string[] {
	return [...jobs.keys()].sort();
}

// Lazy, so a feature's jobs module can import registerJob from here without a cycle.
const featureJobModules = import.meta.glob('/src/lib/*/server/jobs.ts');
let loaded: Promise<unknown> | null = null;

/** Import every feature's jobs module once (they call registerJob when imported). */
export function loadFeatureJobs(): Promise<unknown> {
	loaded ??= Promise.all(Object.values(featureJobModules).map((load) => load()));
	return loaded;
}

/** Run the registered jobs (all, or the named ones) one after another; one failing does not stop the rest. */
export async function runJobs(ctx: JobContext, names?: string[]): Promise<JobResult[]> {
	await loadFeatureJobs();
	const results: JobResult[] = [];
	for (const name of names ?? listJobs()) {
		const fn = jobs.get(name);
		const started = Date.now();
		if (!fn) {
			results.push({ name, ok: false, ms: 0, error: 'unknown job' });
			continue;
		}
		try {
			const result = await fn(ctx);
			results.push({ name, ok: true, ms: Date.now() - started, result });
		} catch (e) {
			const message =
				e instanceof Error ? e.message : typeof e === 'object' ? JSON.stringify(e) : String(e);
			results.push({ name, ok: false, ms: Date.now() - started, error: message });
		}
	}
	return results;
}

// Foundation job: drop rate-limit counters whose window is long over.
registerJob('foundation.purge_rate_limits', async ({ service }) => {
	const { data, error } = await service.rpc('purge_rate_limits');
	if (error) throw new Error(error.message);
	return { deleted: data };
});
