/**
 * POST /api/jobs/run — runs the registered background jobs (src/lib/server/jobs.ts), then sends
 * due notifications from the outbox (src/lib/server/notifications.ts).
 *
 * Call it from cron / a scheduler every few minutes (the outbox) — jobs are idempotent, so running
 * them that often is harmless; pass `{"jobs": []}` to only process the outbox:
 *
 *   curl -X POST -H "x-jobs-secret: $JOBS_SECRET" http://127.0.0.1:3000/api/jobs/run
 *   curl -X POST -H "Authorization: Bearer $SUPABASE_SERVICE_ROLE_KEY" \
 *        -H 'content-type: application/json' -d '{"jobs": [], "outbox": 200}' …/api/jobs/run
 *
 * Authorisation: header `x-jobs-secret` equal to env JOBS_SECRET, or `Authorization: Bearer`
 * with the service-role key. Neither configured or matching → 401. Body (optional JSON):
 * `{ "jobs"?: string[] (default: all registered), "outbox"?: number (max messages, default 100) }`.
 * Response: `{ jobs: JobResult[], outbox: OutboxResult }`; status 500 if a job failed.
 */
import { error, json } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { createServiceClient } from '$lib/server/supabase';
import { runJobs } from '$lib/server/jobs';
import { processOutbox } from '$lib/server/notifications';
import type { RequestHandler } from './$types';

function same(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

function authorised(request: Request): boolean {
	const secret = request.headers.get('x-jobs-secret');
	if (secret && env.JOBS_SECRET && same(secret, env.JOBS_SECRET)) return true;
	const bearer = request.headers.get('authorization')?.match(/^Bearer (.+)$/i)?.[1];
	return Boolean(
		bearer && env.SUPABASE_SERVICE_ROLE_KEY && same(bearer, env.SUPABASE_SERVICE_ROLE_KEY)
	);
}

export const POST: RequestHandler = async ({ request }) => {
	if (!authorised(request)) error(401, 'Unauthorized');

	let body: { jobs?: unknown; outbox?: unknown } = {};
	if ((request.headers.get('content-type') ?? '').includes('application/json')) {
		try {
			body = (await request.json()) ?? {};
		} catch {
			error(400, 'Invalid JSON body');
		}
	}
	const names =
		Array.isArray(body.jobs) && body.jobs.every((j) => typeof j === 'string')
			? (body.jobs as string[])
			: undefined;
	const limit =
		typeof body.outbox === 'number' && Number.isInteger(body.outbox)
			? Math.min(Math.max(body.outbox, 0), 500)
			: 100;

	const service = createServiceClient();
	const jobs = await runJobs({ service, now: new Date() }, names);
	const outbox = limit > 0 ? await processOutbox(service, limit) : null;
	return json({ jobs, outbox }, { status: jobs.every((j) => j.ok) ? 200 : 500 });
};
