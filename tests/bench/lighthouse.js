// One Lighthouse run of a page on the mobile profile (simulated Slow 4G and a 4× slower CPU, as a
// low-end Android phone), in Debian Chromium. Shared by the bench scripts.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { findChromium } from '../browser.js';

export const CHROMIUM = findChromium() ?? '/usr/bin/chromium';
export const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/**
 * @param {string} url
 * @param {string[]} [categories]
 */
export async function runLighthouse(
	url,
	categories = ['performance', 'accessibility', 'best-practices']
) {
	const chrome = await chromeLauncher.launch({
		chromePath: CHROMIUM,
		chromeFlags: ['--headless=new', ...FLAGS]
	});
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: categories
		});
		if (!result) throw new Error('Lighthouse returned no result');
		const lhr = result.lhr;
		if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
		const score = (/** @type {string} */ id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
		const ms = (/** @type {string} */ id) => lhr.audits[id]?.numericValue ?? NaN;
		const failing = Object.values(lhr.audits)
			.filter(
				(a) =>
					a.score !== null &&
					a.score < 0.9 &&
					a.scoreDisplayMode !== 'informative' &&
					a.scoreDisplayMode !== 'manual' &&
					a.scoreDisplayMode !== 'notApplicable'
			)
			.map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
		return {
			performance: score('performance'),
			accessibility: score('accessibility'),
			bestPractices: score('best-practices'),
			fcp: lhr.audits['first-contentful-paint']?.displayValue,
			lcp: lhr.audits['largest-contentful-paint']?.displayValue,
			tbt: lhr.audits['total-blocking-time']?.displayValue,
			cls: lhr.audits['cumulative-layout-shift']?.displayValue,
			/** Milliseconds: largest contentful paint and time to interactive ("usable"). */
			lcpMs: ms('largest-contentful-paint'),
			ttiMs: ms('interactive'),
			/** Bytes transferred by the page load (Lighthouse's total byte weight). */
			bytes: ms('total-byte-weight'),
			failing
		};
	} finally {
		chrome.kill();
	}
}
