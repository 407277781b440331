// Complaint filing on a phone (issue 5): JavaScript shipped by the citizen pages /gui-don and the
// form /gui-don/don (gzip, budget ≤ 60 KB each), and time to interactive of the form on a
// throttled mobile profile (Slow 4G: 150 ms RTT, 1.6 Mbps down, 750 kbps up; CPU 4× slower), in
// Debian Chromium at 360×800. "Interactive" = the page has hydrated: the JavaScript-only
// behaviour is live (the representative section, shown to no-JS users, has been hidden).
//
//   npx node tests/bench/complaints.bench.js  (builds first when build/ is missing; BENCH_PORT, default 4283)
//   BENCH_PAGES=/a,/b to measure other pages; BENCH_VERBOSE=1 lists every script with its size.
//
// Budget: ≤ 60 KB gzip JavaScript per page, time to interactive ≤ 5 s (median of 3 cold loads).
import './node22.js';
import { chromium } from '@playwright/test';
import { serve } from '../e2e/serve.js';
import { ensureBuild } from './ensure-build.js';
import { pageJs } from './page-js.js';
import { findChromium } from '../browser.js';

const CHROMIUM = findChromium() ?? '/usr/bin/chromium';
const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run'
];
const BUDGET = { jsGzipKB: 60, ttiMs: 5000 };
const PAGES = process.env.BENCH_PAGES?.split(',') ?? [
	'/gui-don',
	'/gui-don/don?loai=complaint',
	'/gui-don/don?loai=denunciation',
	'/gui-don/don?loai=petition'
];

ensureBuild();

const server = await serve({ port: Number(process.env.BENCH_PORT ?? 4283), quiet: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

/** One cold load of the form under Slow 4G + 4× CPU: ms until hydrated, and FCP. */
async function timeToInteractive() {
	const context = await browser.newContext({
		viewport: { width: 360, height: 800 },
		serviceWorkers: 'block'
	});
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 150,
		downloadThroughput: (1.6 * 1024 * 1024) / 8,
		uploadThroughput: (750 * 1024) / 8
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	const started = Date.now();
	const response = await page.goto(server.url + '/gui-don/don?loai=complaint', {
		waitUntil: 'commit'
	});
	if (!response?.ok()) throw new Error(`The form answered HTTP ${response?.status()}`);
	await page
		.locator('input[name=represented_full_name]')
		.waitFor({ state: 'detached', timeout: 60_000 });
	const tti = Date.now() - started;
	const fcp = await page.evaluate(
		() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null
	);
	await context.close();
	return { tti, fcp };
}

let ok = true;
try {
	const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
	console.log(`\nComplaint filing — ${server.target} stand-in, 360×800`);
	for (const p of PAGES) {
		const js = await pageJs(browser, server.url + p);
		const within = js.bytes <= BUDGET.jsGzipKB * 1024;
		ok &&= within;
		console.log(
			`  ${p.padEnd(30)} JavaScript ${kb(js.bytes)} gzip in ${js.files.length} files (budget ≤ ${BUDGET.jsGzipKB} KB) ${within ? '' : '← OVER'}`
		);
		if (process.env.BENCH_VERBOSE)
			for (const f of js.files)
				console.log(`      ${kb(f.gzip).padStart(8)}  ${f.url.replace(server.url, '')}`);
	}
	const runs = [];
	for (let i = 0; i < 3; i++) runs.push(await timeToInteractive());
	const ttis = runs.map((r) => r.tti).sort((a, b) => a - b);
	const median = ttis[1] ?? 0;
	ok &&= median <= BUDGET.ttiMs;
	console.log(
		`  Form on Slow 4G + 4× CPU: time to interactive ${ttis.map((t) => `${(t / 1000).toFixed(2)} s`).join(' / ')} (median ${(median / 1000).toFixed(2)} s, budget ≤ ${BUDGET.ttiMs / 1000} s)`
	);
	console.log(
		`                            first contentful paint ${runs.map((r) => (r.fcp ? `${(r.fcp / 1000).toFixed(2)} s` : '—')).join(' / ')}`
	);
	console.log(ok ? '  Budget: met' : '  Budget: NOT MET');
} catch (e) {
	console.error(`\n✗ Bench failed, no figure: ${e instanceof Error ? e.message : e}`);
	ok = false;
} finally {
	await browser.close();
	await server.stop();
}
process.exit(ok ? 0 : 1);
