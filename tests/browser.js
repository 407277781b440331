// Which Chromium the end-to-end tests and benches drive, and getting one on a bare machine.
//
// Debian's `chromium` is the browser of choice (ARCHITECTURE.md): Playwright's own download is
// refused on most machines here. `npm test` calls ensureChromium() before its first step, so a
// machine without a browser either gets one (apt-get as root or with password-less sudo; else
// Playwright's download where the network allows it) or stops at once with the one line to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Playwright's downloaded Chromium, when `npx playwright install chromium` has run. */
function playwrightChromium() {
	try {
		const { chromium } = createRequire(import.meta.url)('playwright-core');
		const file = chromium.executablePath();
		return file && existsSync(file) ? file : null;
	} catch {
		return null;
	}
}

/**
 * The browser to launch: CHROMIUM_PATH when set, else the system's Chromium, else Playwright's.
 * @returns {string | null}
 */
export function findChromium() {
	const chosen = process.env.CHROMIUM_PATH;
	if (chosen) return existsSync(chosen) ? chosen : null;
	return SYSTEM_PATHS.find((file) => existsSync(file)) ?? playwrightChromium();
}

/** @param {string} command @param {string[]} args */
const run = (command, args, quiet = false) =>
	spawnSync(command, args, {
		stdio: quiet ? 'ignore' : 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	}).status === 0;

/** Root, or sudo without a password: the two ways apt-get may be run unattended. */
function aptPrefix() {
	if (!existsSync('/usr/bin/apt-get')) return null;
	if (process.getuid?.() === 0) return [];
	return run('sudo', ['-n', 'true'], true) ? ['sudo', '-n'] : null;
}

/**
 * A Chromium to test with, installing one when it may; null (after one line on stderr saying
 * what to run) when none can be had.
 * @returns {string | null}
 */
export function ensureChromium() {
	const found = findChromium();
	if (found || process.env.CHROMIUM_PATH) {
		if (!found) console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
		return found;
	}
	const apt = aptPrefix();
	if (apt) {
		console.log("No Chromium found: installing Debian's chromium (apt-get install chromium)…");
		const [command = 'apt-get', ...rest] = apt.length ? apt : ['apt-get'];
		const pre = apt.length ? [...rest, 'apt-get'] : [];
		run(command, [...pre, 'update', '-qq']);
		run(command, [...pre, 'install', '-y', '-qq', 'chromium']);
	} else {
		console.log('No Chromium found and apt-get needs a password: trying Playwright’s download…');
		const pkg = createRequire(import.meta.url).resolve('playwright-core/package.json');
		const cli = path.join(path.dirname(pkg), 'cli.js');
		run(process.execPath, [cli, 'install', 'chromium']);
	}
	const installed = findChromium();
	if (!installed)
		console.error(
			'No Chromium for the end-to-end tests: run `sudo apt-get install -y chromium` ' +
				'(or set CHROMIUM_PATH to a Chromium binary), then `npm test` again.'
		);
	return installed;
}
