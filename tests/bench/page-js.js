// JavaScript a citizen page costs, as the budget of issue 5 counts it: every script a cold load
// fetches until the network is idle (code imported after hydration counts too), in gzip bytes
// (level 9) whatever the server negotiated. Throws when the load fails — the page answers with an
// error status, a script does not load, or the page throws — so no figure comes from a broken run.

import { gzipSync } from 'node:zlib';

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {string} url
 * @returns {Promise<{ bytes: number, files: { url: string, gzip: number, raw: number }[] }>}
 */
export async function pageJs(browser, url) {
	const context = await browser.newContext({
		viewport: { width: 360, height: 800 },
		serviceWorkers: 'block'
	});
	try {
		const page = await context.newPage();
		/** @type {Set<string>} */
		const scripts = new Set();
		/** @type {string[]} */
		const problems = [];
		page.on('request', (r) => {
			if (r.resourceType() === 'script') scripts.add(r.url());
		});
		page.on('requestfailed', (r) => {
			if (r.resourceType() === 'script') problems.push(`${r.url()}: ${r.failure()?.errorText}`);
		});
		page.on('response', (r) => {
			if (r.request().resourceType() === 'script' && !r.ok())
				problems.push(`${r.url()}: HTTP ${r.status()}`);
		});
		page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
		const response = await page.goto(url, { waitUntil: 'networkidle' });
		if (!response?.ok()) problems.unshift(`${url}: HTTP ${response?.status() ?? 'no response'}`);
		if (problems.length) throw new Error(`Page load failed:\n  ${problems.join('\n  ')}`);
		const files = [];
		for (const s of scripts) {
			const res = await fetch(s);
			if (!res.ok) throw new Error(`${s}: HTTP ${res.status} when fetched again`);
			const body = Buffer.from(await res.arrayBuffer());
			files.push({ url: s, gzip: gzipSync(body, { level: 9 }).length, raw: body.length });
		}
		files.sort((a, b) => b.gzip - a.gzip);
		return { bytes: files.reduce((n, f) => n + f.gzip, 0), files };
	} finally {
		await context.close();
	}
}
