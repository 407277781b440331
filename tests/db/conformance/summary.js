// Conformance figures (issue 16): how many cases the suite has per area and how many pass.
//
//   npm run conformance:summary                       # runs the suite on the stand-in (PGlite)
//   STANDIN_TARGET=postgres npm run conformance:summary
//   node tests/db/conformance/summary.js --json report.json   # from an earlier vitest JSON report
//
// Areas by file: REST (rest-*, rpc, gateway, limits), Auth (auth*), Storage (storage). The
// "error-status probes" are the cases of any area whose title names an HTTP status or a header
// (single-request checks of statuses, error bodies and headers); they are also counted in their
// area. Stand-in mechanics (standin-only) and the migration lint (safeupdate-lint) are listed
// apart: they are not Supabase behaviour.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const AREAS = /** @type {const} */ ({
	REST: /^(rest-.*|rpc|gateway|limits)\.test\.ts$/,
	Auth: /^auth.*\.test\.ts$/,
	Storage: /^storage\.test\.ts$/,
	'Stand-in only (not counted)': /^(standin-only|safeupdate-lint)\.test\.ts$/
});
const PROBE =
	/→\s*\d{3}\b|\b[1-5]\d\d\b|status|header|content-range|www-authenticate|PGRST\d|\b\d{5}\b/i;

const args = process.argv.slice(2);
let file = args[args.indexOf('--json') + 1];
if (!args.includes('--json') || !file) {
	file = join(mkdtempSync(join(tmpdir(), 'conformance-')), 'report.json');
	try {
		execFileSync(
			'npx',
			[
				'vitest',
				'run',
				'--project',
				'db',
				'tests/db/conformance',
				'--reporter=json',
				`--outputFile=${file}`
			],
			{ stdio: ['ignore', 'ignore', 'inherit'] }
		);
	} catch {
		// failing cases make vitest exit non-zero; the report is still written
	}
}
const report = JSON.parse(readFileSync(file, 'utf8'));

/** @type {Record<string, { total: number, passed: number, failed: string[], skipped: number }>} */
const rows = {};
const row = (/** @type {string} */ k) =>
	(rows[k] ??= { total: 0, passed: 0, failed: [], skipped: 0 });
for (const f of report.testResults) {
	const name = basename(f.name);
	const area = Object.entries(AREAS).find(([, re]) => re.test(name))?.[0] ?? `other (${name})`;
	for (const t of f.assertionResults) {
		const targets = [area];
		if (!area.startsWith('Stand-in') && PROBE.test(t.title)) targets.push('Error-status probes');
		for (const k of targets) {
			const r = row(k);
			if (t.status === 'skipped' || t.status === 'pending' || t.status === 'todo') {
				r.skipped++;
				continue;
			}
			r.total++;
			if (t.status === 'passed') r.passed++;
			else r.failed.push(`${name}: ${t.fullName}`);
		}
	}
}
const target = process.env.SUPABASE_URL
	? `Supabase project ${process.env.SUPABASE_URL}`
	: `stand-in on ${process.env.STANDIN_TARGET === 'postgres' ? 'PostgreSQL' : 'PGlite'}`;
console.log(`Conformance cases (tests/db/conformance) against the ${target}:`);
const order = ['REST', 'Auth', 'Storage', 'Error-status probes', 'Stand-in only (not counted)'];
for (const k of [...order, ...Object.keys(rows).filter((k) => !order.includes(k))]) {
	const r = rows[k];
	if (!r) continue;
	const pct = r.total ? ((100 * r.passed) / r.total).toFixed(1) : '-';
	console.log(
		`  ${k.padEnd(28)} ${String(r.passed).padStart(4)} / ${String(r.total).padEnd(4)} pass (${pct} %)${r.skipped ? `, ${r.skipped} skipped` : ''}`
	);
	for (const f of r.failed) console.log(`      FAILED ${f}`);
}
