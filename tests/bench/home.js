// Citizen home page budget (issue 3): JS and CSS transferred, number of requests, Lighthouse
// performance / accessibility / best practices on the mobile profile, in Debian Chromium.
//
//   node tests/bench/home.js        (builds first when build/ is missing; BENCH_PORT, default 4273)
//
// Budget: ≤ 60 KB gzip JavaScript, performance ≥ 95, accessibility 100. Exits 1 when over budget.
import './node22.js';
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, FLAGS, runLighthouse } from './lighthouse.js';
import { serve } from '../e2e/serve.js';
import { ensureBuild } from './ensure-build.js';

const BUDGET = { jsGzipKB: 60, performance: 95, accessibility: 100 };

ensureBuild();

const server = await serve({ port: Number(process.env.BENCH_PORT ?? 4273), quiet: true });
const pagePath = process.argv[2] ?? '/';
const url = server.url + pagePath;

/** What the page itself requests on a cold load (the service worker's own precache is not counted). */
async function measureNetwork() {
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
	const context = await browser.newContext({
		viewport: { width: 360, height: 800 },
		serviceWorkers: 'block'
	});
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	/** @type {Map<string, { url: string, type: string, transferred: number }>} */
	const requests = new Map();
	// Requests whose transfer size is not known yet; the measure waits for them (not for a time).
	/** @type {Set<string>} */
	const pending = new Set();
	/** @type {(() => void)[]} */
	const settled = [];
	const done = (/** @type {string} */ id) => {
		pending.delete(id);
		if (pending.size === 0) for (const resolve of settled.splice(0)) resolve();
	};
	cdp.on('Network.requestWillBeSent', (e) => {
		requests.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', transferred: 0 });
		pending.add(e.requestId);
	});
	cdp.on('Network.loadingFinished', (e) => {
		const r = requests.get(e.requestId);
		if (r) r.transferred = e.encodedDataLength;
		done(e.requestId);
	});
	cdp.on('Network.loadingFailed', (e) => done(e.requestId));
	/** @type {string[]} */
	const problems = [];
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
	const response = await page.goto(url, { waitUntil: 'networkidle' });
	if (pending.size) await new Promise((resolve) => settled.push(() => resolve(undefined)));
	if (!response?.ok()) problems.unshift(`${url}: HTTP ${response?.status() ?? 'no response'}`);
	if (problems.length) {
		await browser.close();
		throw new Error(`Page load failed:\n  ${problems.join('\n  ')}`);
	}

	/** @type {Record<string, { count: number, bytes: number }>} */
	const byType = {};
	let jsGzip = 0;
	let cssGzip = 0;
	for (const r of requests.values()) {
		const bucket = (byType[r.type] ??= { count: 0, bytes: 0 });
		bucket.count += 1;
		bucket.bytes += r.transferred;
		if (r.type === 'Script' || r.type === 'Stylesheet') {
			// The budget is in gzip bytes whatever the server negotiated (it may send brotli).
			const body = Buffer.from(await (await fetch(r.url)).arrayBuffer());
			const gz = gzipSync(body, { level: 9 }).length;
			if (r.type === 'Script') jsGzip += gz;
			else cssGzip += gz;
		}
	}
	await browser.close();
	return { requests: requests.size, byType, jsGzip, cssGzip };
}

/** @type {boolean} */
let ok;
try {
	const net = await measureNetwork();
	const lh = await runLighthouse(url);
	const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
	console.log(`\nCitizen page ${pagePath} — cold load at 360×800, ${server.target} stand-in`);
	console.log(
		`  JavaScript   ${kb(net.jsGzip)} gzip   (budget ≤ ${BUDGET.jsGzipKB} KB)   transferred ${kb(net.byType.Script?.bytes ?? 0)} in ${net.byType.Script?.count ?? 0} files`
	);
	console.log(
		`  CSS          ${kb(net.cssGzip)} gzip   transferred ${kb(net.byType.Stylesheet?.bytes ?? 0)} in ${net.byType.Stylesheet?.count ?? 0} files`
	);
	console.log(
		`  Requests     ${net.requests}  (${Object.entries(net.byType)
			.map(([t, v]) => `${t} ${v.count}: ${kb(v.bytes)}`)
			.join(', ')})`
	);
	console.log(
		`  Lighthouse (mobile)  performance ${lh.performance} (≥ ${BUDGET.performance})  accessibility ${lh.accessibility} (= ${BUDGET.accessibility})  best practices ${lh.bestPractices}`
	);
	console.log(`               FCP ${lh.fcp}  LCP ${lh.lcp}  TBT ${lh.tbt}  CLS ${lh.cls}`);
	if (lh.failing.length) console.log(`  Audits below 0.9: ${lh.failing.join(', ')}`);
	ok =
		net.jsGzip <= BUDGET.jsGzipKB * 1024 &&
		lh.performance >= BUDGET.performance &&
		lh.accessibility >= BUDGET.accessibility;
	console.log(ok ? '  Budget: met' : '  Budget: NOT MET');
} catch (e) {
	console.error(`\n✗ Bench failed, no figure: ${e instanceof Error ? e.message : e}`);
	ok = false;
} finally {
	await server.stop();
}
process.exit(ok ? 0 : 1);
