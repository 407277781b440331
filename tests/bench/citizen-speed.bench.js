// Speed of the four busiest citizen pages on a low-end phone (issue 18), first visit, with budgets:
//
//   transferred ≤ 100 kB   every request of a cold load (HTML, CSS, JS, fonts, icons, the service
//                          worker script) until the network is idle, in bytes on the wire as the
//                          production server sends them (build/index.js: pages brotli-compressed
//                          on the fly, the build's files precompressed .br/.gz). Deterministic.
//   JS ≤ 60 KB gzip        as tests/bench/citizen-js.bench.js counts it (page-js.js).
//   usable ≤ 2.5 s         Lighthouse mobile "interactive" (simulated Slow 4G, 4× slower CPU).
//   LCP ≤ 1.5 s            Lighthouse mobile largest contentful paint.
//
// Times are noisy on a busy machine: each is the median of BENCH_RUNS Lighthouse runs (default 3).
// What the service worker fetches into its precache after the page has loaded is printed apart:
// it is not part of the page's first visit budget, but it shares the phone's link.
//
//   npx node tests/bench/citizen-speed.bench.js   (builds first when build/ is missing; BENCH_PORT, default 4291)
//   BENCH_PAGES=/a,/b to measure other pages; BENCH_VERBOSE=1 lists every request with its size.
//
// Exits 1 when a page is over a budget or fails to load (no figure from a broken run).
import './node22.js';
import { chromium } from '@playwright/test';
import { CHROMIUM, FLAGS, runLighthouse } from './lighthouse.js';
import { serve } from '../e2e/serve.js';
import { ensureBuild } from './ensure-build.js';
import { pageJs } from './page-js.js';

const BUDGET = { kB: 100, jsKB: 60, ttiMs: 2500, lcpMs: 1500 };
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGES = process.env.BENCH_PAGES?.split(',') ?? [
	'/',
	'/thu-tuc',
	'/gui-don/don?loai=complaint',
	'/dat-lich'
];

/**
 * Bytes on the wire of a first visit: a new browser profile, the service worker allowed to
 * register as it does for a citizen. Counted from the page's own requests (Chrome's
 * encodedDataLength: headers and body as received); the worker's precache is counted apart.
 * @param {import('@playwright/test').Browser} browser
 * @param {string} url
 */
async function firstVisit(browser, url) {
	const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
	try {
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		/** @type {Map<string, { url: string, type: string, bytes: number, encoding: string }>} */
		const requests = new Map();
		/** @type {Set<string>} */
		const pending = new Set();
		/** @type {(() => void)[]} */
		const settled = [];
		const done = (/** @type {string} */ id) => {
			pending.delete(id);
			if (pending.size === 0) for (const resolve of settled.splice(0)) resolve();
		};
		cdp.on('Network.requestWillBeSent', (e) => {
			requests.set(e.requestId, {
				url: e.request.url,
				type: e.type ?? 'Other',
				bytes: 0,
				encoding: ''
			});
			pending.add(e.requestId);
		});
		cdp.on('Network.responseReceived', (e) => {
			const r = requests.get(e.requestId);
			const h = Object.fromEntries(
				Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v])
			);
			if (r) r.encoding = h['content-encoding'] ?? '';
		});
		cdp.on('Network.loadingFinished', (e) => {
			const r = requests.get(e.requestId);
			if (r) r.bytes = e.encodedDataLength;
			done(e.requestId);
		});
		cdp.on('Network.loadingFailed', (e) => done(e.requestId));
		// The service worker's own fetches (its precache) do not go through the page's session.
		let precache = { count: 0, bytes: 0 };
		context.on('requestfinished', async (r) => {
			if (!r.serviceWorker()) return;
			const sizes = await r.sizes().catch(() => null);
			precache.count += 1;
			precache.bytes += sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0;
		});
		/** @type {string[]} */
		const problems = [];
		page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
		const response = await page.goto(url, { waitUntil: 'networkidle' });
		if (pending.size) await new Promise((resolve) => settled.push(() => resolve(undefined)));
		if (!response?.ok()) problems.unshift(`${url}: HTTP ${response?.status() ?? 'no response'}`);
		if (problems.length) throw new Error(`Page load failed:\n  ${problems.join('\n  ')}`);
		/** @type {Record<string, number>} */
		const byType = {};
		let bytes = 0;
		for (const r of requests.values()) {
			bytes += r.bytes;
			byType[r.type] = (byType[r.type] ?? 0) + r.bytes;
		}
		const list = [...requests.values()].sort((a, b) => b.bytes - a.bytes);
		return { bytes, requests: requests.size, byType, list, precache };
	} finally {
		await context.close();
	}
}

/** @param {number[]} xs @returns {number} */
const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

ensureBuild();
const server = await serve({ port: Number(process.env.BENCH_PORT ?? 4291), quiet: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
const s = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(2)} s`;
const kB = (/** @type {number} */ n) => `${(n / 1000).toFixed(1)} kB`;
let ok = true;
try {
	console.log(`\nCitizen pages, first visit on a low-end phone, ${server.target} stand-in`);
	console.log(
		`  budget: ≤ ${BUDGET.kB} kB transferred, JS ≤ ${BUDGET.jsKB} KB gzip, usable ≤ ${s(BUDGET.ttiMs)}, LCP ≤ ${s(BUDGET.lcpMs)}`
	);
	console.log(
		`  times: Lighthouse mobile (simulated Slow 4G, 4× CPU), median of ${RUNS} runs (min–max)\n`
	);
	for (const page of PAGES) {
		const url = server.url + page;
		const visit = await firstVisit(browser, url);
		const js = await pageJs(browser, url);
		/** @type {number[]} */ const tti = [];
		/** @type {number[]} */ const lcp = [];
		for (let i = 0; i < RUNS; i++) {
			const lh = await runLighthouse(url, ['performance']);
			tti.push(lh.ttiMs);
			lcp.push(lh.lcpMs);
		}
		const verdict = {
			bytes: visit.bytes <= BUDGET.kB * 1000,
			js: js.bytes <= BUDGET.jsKB * 1024,
			tti: median(tti) <= BUDGET.ttiMs,
			lcp: median(lcp) <= BUDGET.lcpMs
		};
		const met = Object.values(verdict).every(Boolean);
		ok &&= met;
		const mark = (/** @type {boolean} */ b) => (b ? ' ' : '✗');
		const range = (/** @type {number[]} */ xs) =>
			`(${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)})`;
		console.log(`  ${page}  ${met ? 'met' : 'NOT MET'}`);
		console.log(
			`    ${mark(verdict.bytes)} transferred ${kB(visit.bytes).padStart(9)} in ${visit.requests} requests: ${Object.entries(
				visit.byType
			)
				.sort((a, b) => b[1] - a[1])
				.map(([t, n]) => `${t} ${kB(n)}`)
				.join(', ')}`
		);
		console.log(
			`    ${mark(verdict.js)} JS          ${`${(js.bytes / 1024).toFixed(1)} KB`.padStart(9)} gzip in ${js.files.length} files`
		);
		console.log(`    ${mark(verdict.tti)} usable      ${s(median(tti)).padStart(9)} ${range(tti)}`);
		console.log(`    ${mark(verdict.lcp)} LCP         ${s(median(lcp)).padStart(9)} ${range(lcp)}`);
		console.log(
			`      then the service worker precaches ${visit.precache.count} files, ${kB(visit.precache.bytes)} (not counted above)`
		);
		if (process.env.BENCH_VERBOSE)
			for (const r of visit.list)
				console.log(
					`      ${kB(r.bytes).padStart(9)}  ${r.type.padEnd(10)} ${(r.encoding || '-').padEnd(5)} ${r.url.replace(server.url, '')}`
				);
	}
} catch (e) {
	console.error(`\n✗ Bench failed, no figure: ${e instanceof Error ? e.message : e}`);
	ok = false;
} finally {
	await browser.close();
	await server.stop();
}
process.exit(ok ? 0 : 1);
