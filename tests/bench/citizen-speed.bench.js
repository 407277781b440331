// Speed of the four busiest citizen pages on a low-end phone (issue 18): Lighthouse's mobile
// profile — simulated Slow 4G and a 4× slower CPU — on a cold load, in Debian Chromium.
//
//   npx node tests/bench/citizen-speed.bench.js   (builds first when build/ is missing; BENCH_PORT, default 4291)
//   BENCH_PAGES=/a,/b to measure other pages.
//
// Budget per page: usable (time to interactive) ≤ 2.5 s, ≤ 100 kB transferred, LCP ≤ 1.5 s.
// Prints every figure; exits 1 when a page is over budget or fails to load.
import './node22.js';
import { runLighthouse } from './lighthouse.js';
import { serve } from '../e2e/serve.js';
import { ensureBuild } from './ensure-build.js';

const BUDGET = { ttiMs: 2500, kB: 100, lcpMs: 1500 };
const PAGES = process.env.BENCH_PAGES?.split(',') ?? [
	'/',
	'/thu-tuc',
	'/gui-don/don?loai=complaint',
	'/dat-lich'
];

ensureBuild();
const server = await serve({ port: Number(process.env.BENCH_PORT ?? 4291), quiet: true });
const s = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(2)} s`;
let ok = true;
try {
	console.log(`\nCitizen pages on a low-end phone (Lighthouse mobile), ${server.target} stand-in`);
	console.log(`  budget: usable ≤ ${s(BUDGET.ttiMs)}, ≤ ${BUDGET.kB} kB, LCP ≤ ${s(BUDGET.lcpMs)}`);
	for (const page of PAGES) {
		const lh = await runLighthouse(server.url + page, ['performance']);
		const kB = lh.bytes / 1000;
		const met = lh.ttiMs <= BUDGET.ttiMs && kB <= BUDGET.kB && lh.lcpMs <= BUDGET.lcpMs;
		ok &&= met;
		console.log(
			`  ${page.padEnd(30)} usable ${s(lh.ttiMs)}  LCP ${s(lh.lcpMs)}  FCP ${lh.fcp}  TBT ${lh.tbt}  ${kB.toFixed(1)} kB  performance ${lh.performance}  ${met ? 'met' : 'NOT MET'}`
		);
	}
} catch (e) {
	console.error(`\n✗ Bench failed, no figure: ${e instanceof Error ? e.message : e}`);
	ok = false;
} finally {
	await server.stop();
}
process.exit(ok ? 0 : 1);
