// The outbox: messages sent per second through a real SMTP server, by the built app's job
// endpoint (the same tick its in-process scheduler and pg_cron run), on a fresh stand-in.
//
//   node tests/bench/outbox.bench.js        (N=2000 e-mails; BENCH_N, BENCH_PORT, STANDIN_TARGET)
//
// Two job runners call the endpoint at once, as two app instances would: the figure counts what
// the SMTP server received, and the bench fails if any message arrived twice or not at all.
import './node22.js';
import { createClient } from '@supabase/supabase-js';
import { serve, e2eJobsSecret } from '../e2e/serve.js';
import { ensureBuild } from './ensure-build.js';
import { startSmtpSink } from '../fakes/providers.js';

const N = Number(process.env.BENCH_N ?? 2000);
const PORT = Number(process.env.BENCH_PORT ?? 4292);
const RUNNERS = 2;

ensureBuild();
const sink = await startSmtpSink({ port: PORT + 2, parse: false });
const server = await serve({ port: PORT, quiet: true, env: { THADS_OUTBOX_CONCURRENCY: '8' } });
let failed = false;
try {
	const service = createClient(server.standin.url, server.standin.serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	// Anything the seed queued goes first, so the timed run has only the bench's messages.
	const before = await fetch(`${server.url}/api/jobs/run`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-jobs-secret': e2eJobsSecret(PORT) },
		body: JSON.stringify({ jobs: [], outbox: 500 })
	});
	if (!before.ok) throw new Error(`warm-up: HTTP ${before.status} ${await before.text()}`);
	const seeded = sink.count();

	for (let i = 0; i < N; i += 500) {
		const rows = Array.from({ length: Math.min(500, N - i) }, (_, k) => ({
			channel: 'email',
			recipient: `bench-${i + k}@example.test`,
			template: 'complaint_accepted',
			payload: { code: `KN-BNCH-${String(i + k).padStart(4, '0')}`, resolve_due: '2026-12-31' }
		}));
		const { error } = await service.from('notifications').insert(rows);
		if (error) throw new Error(JSON.stringify(error));
	}

	const t0 = performance.now();
	const runner = async () => {
		for (;;) {
			const res = await fetch(`${server.url}/api/jobs/run`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-jobs-secret': e2eJobsSecret(PORT) },
				body: JSON.stringify({ jobs: [], outbox: 200 })
			});
			if (!res.ok) throw new Error(`HTTP ${res.status} ${await res.text()}`);
			const { outbox } = await res.json();
			if (!outbox || outbox.claimed === 0) return;
		}
	};
	await Promise.all(Array.from({ length: RUNNERS }, runner));
	const seconds = (performance.now() - t0) / 1000;
	const received = sink.count() - seeded;
	const { count: sent } = await service
		.from('notifications')
		.select('id', { count: 'exact', head: true })
		.like('recipient', 'bench-%')
		.eq('status', 'sent');
	console.log(
		`outbox (${server.target}, ${RUNNERS} runners): ${received} e-mails in ${seconds.toFixed(1)} s → ` +
			`${(received / seconds).toFixed(0)} messages/s through SMTP (sent in the outbox: ${sent})`
	);
	if (received !== N || sent !== N) {
		console.error(`expected each of ${N} messages exactly once, the SMTP server got ${received}`);
		failed = true;
	}
} finally {
	await server.stop();
	await sink.close();
}
process.exit(failed ? 1 : 0);
