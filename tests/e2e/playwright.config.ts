import { defineConfig, devices } from '@playwright/test';
import path from 'node:path';
import { findChromium } from '../browser.js';

// `npm run test:e2e` = playwright test -c tests/e2e/playwright.config.ts
// The built app (run `npx vite build` first; `npm test` does) on a fresh stand-in database.
// Set E2E_PORT to run next to another suite (the stand-in takes E2E_PORT + 1).
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;
const root = path.resolve(import.meta.dirname, '..', '..');

const launchOptions = {
	// Debian's Chromium where it is installed (see ARCHITECTURE.md and tests/browser.js).
	executablePath: findChromium() ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run'
	]
};

export default defineConfig({
	testDir: '.',
	testMatch: '**/*.spec.ts',
	outputDir: path.join(root, 'test-results'),
	// One worker: two cores are shared, and the stand-in serialises PGlite queries anyway.
	workers: 1,
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	// No silent retry: a test that fails once is a finding. (With no retries nothing can be
	// "flaky"; the flag keeps CI strict should someone add retries to a project.)
	retries: 0,
	failOnFlakyTests: !!process.env.CI,
	timeout: 30_000,
	expect: { timeout: 7_000 },
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions
	},
	projects: [
		{
			// Each demo staff account signs in once through the form; the specs reuse the sessions
			// (helpers.ts, signInAsStaff) instead of meeting the sign-in throttle.
			name: 'setup',
			testMatch: /auth\.setup\.ts$/,
			use: { ...devices['Desktop Chrome'], launchOptions }
		},
		{
			name: 'phone',
			dependencies: ['setup'],
			use: {
				...devices['Desktop Chrome'],
				viewport: { width: 360, height: 800 },
				isMobile: false,
				hasTouch: true,
				launchOptions
			}
		},
		{
			name: 'desktop',
			dependencies: ['setup'],
			use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions }
		},
		{
			// Every citizen form must work as plain HTML (STYLE.md, "Forms").
			name: 'nojs',
			dependencies: ['setup'],
			use: {
				...devices['Desktop Chrome'],
				viewport: { width: 360, height: 800 },
				javaScriptEnabled: false,
				launchOptions
			}
		}
	],
	webServer: {
		command: 'node tests/e2e/serve.js',
		cwd: root,
		url: `${baseURL}/ngoai-tuyen`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
