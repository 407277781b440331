// JavaScript budget of every main citizen page (issue 5: ≤ 60 KB gzip a page), counted as
// page-js.js counts it: every script of a cold load at 360×800 until the network is idle.
//
//   npx node tests/bench/citizen-js.bench.js   (builds first when build/ is missing; BENCH_PORT, default 4288)
//   BENCH_PAGES=/a,/b to measure other pages; BENCH_VERBOSE=1 lists every script with its size.
//
// Exits 1 when a page is over budget or fails to load (no figure from a broken run).
import './node22.js';
import { chromium } from '@playwright/test';
import { serve } from '../e2e/serve.js';
import { ensureBuild } from './ensure-build.js';
import { pageJs } from './page-js.js';
import { findChromium } from '../browser.js';

const BUDGET_KB = 60;
const PAGES = process.env.BENCH_PAGES?.split(',') ?? [
	'/',
	'/en',
	'/gui-don',
	'/gui-don/don?loai=complaint',
	'/thu-tuc',
	'/thu-tuc/xac-nhan-ket-qua-thi-hanh-an',
	'/thu-tuc/xac-nhan-ket-qua-thi-hanh-an/nop',
	'/thu-tuc/ho-so',
	'/dat-lich',
	'/dat-lich/lich-hen',
	'/tra-cuu',
	'/thong-ke-cong-khai',
	'/bao-ve-du-lieu',
	'/ngoai-tuyen'
];

ensureBuild();

const server = await serve({ port: Number(process.env.BENCH_PORT ?? 4288), quiet: true });
const browser = await chromium.launch({
	executablePath: findChromium() ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
let ok = true;
try {
	console.log(`\nCitizen pages — JavaScript per cold load (gzip), budget ≤ ${BUDGET_KB} KB`);
	for (const p of PAGES) {
		const js = await pageJs(browser, server.url + p);
		const within = js.bytes <= BUDGET_KB * 1024;
		ok &&= within;
		console.log(
			`  ${p.padEnd(44)} ${kb(js.bytes).padStart(8)} in ${String(js.files.length).padStart(2)} files ${within ? '' : '← OVER'}`
		);
		if (process.env.BENCH_VERBOSE)
			for (const f of js.files)
				console.log(`      ${kb(f.gzip).padStart(8)}  ${f.url.replace(server.url, '')}`);
	}
	console.log(ok ? '  Budget: met' : '  Budget: NOT MET');
} catch (e) {
	console.error(`\n✗ Bench failed, no figure: ${e instanceof Error ? e.message : e}`);
	ok = false;
} finally {
	await browser.close();
	await server.stop();
}
process.exit(ok ? 0 : 1);
