/**
 * POST /api/jobs/run — one tick of the job runner (src/lib/server/jobs.ts): the due jobs, then the
 * outbox (src/lib/server/notifications.ts). The app runs the same tick in-process every minute;
 * pg_cron on hosted Supabase calls this endpoint (migration 20261207006010). Due jobs are claimed
 * per period in the database, so extra calls are harmless; `{"jobs": [names]}` runs those jobs now,
 * `{"jobs": []}` only sends the outbox:
 *
 *   curl -X POST -H "x-jobs-secret: $JOBS_SECRET" http://127.0.0.1:3000/api/jobs/run
 *   curl -X POST -H "Authorization: Bearer $SUPABASE_SERVICE_ROLE_KEY" \
 *        -H 'content-type: application/json' -d '{"jobs": [], "outbox": 200}' …/api/jobs/run
 *
 * Authorisation: header `x-jobs-secret` equal to env JOBS_SECRET, or `Authorization: Bearer`
 * with the service-role key. Neither configured or matching → 401. Body (optional JSON):
 * `{ "jobs"?: string[] (default: the due ones), "outbox"?: number (batch size, default 100),
 * "now"?: ISO time (only with THADS_JOBS_CLOCK=1, for tests: moves the clock instead of waiting) }`.
 * Response: `{ jobs: JobResult[], outbox: OutboxResult }`; status 500 if a job failed.
 */
import { error, json } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { tick } from '$lib/server/jobs';
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

	let body: { jobs?: unknown; outbox?: unknown; now?: unknown } = {};
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

	let now: Date | undefined;
	if (body.now !== undefined) {
		if (env.THADS_JOBS_CLOCK !== '1') error(400, 'now is only accepted with THADS_JOBS_CLOCK=1');
		now = new Date(String(body.now));
		if (Number.isNaN(now.getTime())) error(400, 'Invalid now');
	}

	const { jobs, outbox } = await tick({ now, names, outbox: limit });
	return json({ jobs, outbox }, { status: jobs.every((j) => j.ok) ? 200 : 500 });
};
