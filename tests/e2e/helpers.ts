// Helpers shared by every e2e spec. Locate by role and label, as a user would (STYLE.md, "Tests").
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { standinInfoFile } from './serve.js';
import { totpCode } from '../../supabase/local/totp.js';

/** Password of every demo account in supabase/seed.sql. */
export const DEMO_PASSWORD = 'Thads@2026';

/**
 * The authenticator key of the demo unit heads and administrator (supabase/seeds/60_demo_mfa.sql):
 * they sign in with a password and a code (issue 12, item 10).
 */
const DEMO_TOTP_SECRET = 'THADSDEMOTOTPSECRETKEYAAAAAAAAAA';

/**
 * Where each demo account's signed-in session is kept for the run (a Playwright `storageState`
 * file holding only the two session cookies), written by the setup project (auth.setup.ts).
 * Under test-results/, which Playwright empties at the start of every run: a new run has a new
 * database, so yesterday's sessions mean nothing.
 */
const AUTH_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results', '.auth');
const SESSION_COOKIES = ['thads-access-token', 'thads-refresh-token'];

/** The storageState file of one account (the same format as Playwright's `storageState`). */
function storageStateFile(email: string): string {
	return path.join(AUTH_DIR, `${email}.json`);
}

/** Keys of authenticators enrolled during this test run, by e-mail (kept in a file, so a setup
 * project's enrolment is known to the specs' workers). */
const SECRETS_FILE = path.join(AUTH_DIR, 'authenticators.json');
const enrolledSecrets = {
	get(email: string): string | undefined {
		if (!existsSync(SECRETS_FILE)) return undefined;
		return (JSON.parse(readFileSync(SECRETS_FILE, 'utf8')) as Record<string, string>)[email];
	},
	set(email: string, secret: string): void {
		mkdirSync(AUTH_DIR, { recursive: true });
		const all = existsSync(SECRETS_FILE)
			? (JSON.parse(readFileSync(SECRETS_FILE, 'utf8')) as Record<string, string>)
			: {};
		writeFileSync(SECRETS_FILE, JSON.stringify({ ...all, [email]: secret }));
	}
};

/** The current 6-digit code for an authenticator key (RFC 6238), as an authenticator app shows it. */
export function currentTotp(secret: string): string {
	return totpCode(secret);
}

/**
 * After the password: enter a code when asked, or set up an authenticator when the account must
 * have one and has none (the key is read from the page, as a person would type it into an app).
 */
async function completeTwoFactor(page: Page, email: string): Promise<void> {
	if (page.url().includes('/xac-thuc-hai-buoc')) {
		await page.getByRole('button', { name: /Bắt đầu thiết lập|Start setting up/ }).click();
		const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
		enrolledSecrets.set(email, secret);
		await page.getByLabel(/Mã xác thực|Verification code/).fill(currentTotp(secret));
		await page.getByRole('button', { name: /Xác nhận và bật|Confirm and turn on/ }).click();
	} else if (page.url().includes('/ma-xac-thuc')) {
		const secret = enrolledSecrets.get(email) ?? DEMO_TOTP_SECRET;
		await page.getByLabel(/Mã xác thực|Verification code/).fill(currentTotp(secret));
		await page.getByRole('button', { name: /^(Xác nhận|Verify)$/ }).click();
	}
}

/** Demo staff accounts (supabase/seed.sql header). */
export const demoStaff = {
	admin: 'admin@thads.local',
	provinceHeadHN: 'lanhdao.hn@thads.local',
	receptionHN1: 'tiepdan.hn1@thads.local',
	complaintsHN1: 'khieunai.hn1@thads.local',
	proceduresHN1: 'motcua.hn1@thads.local',
	unitHeadHN1: 'truongphong.hn1@thads.local',
	receptionGL1: 'tiepdan.gl1@thads.local',
	complaintsGL1: 'khieunai.gl1@thads.local',
	proceduresGL1: 'motcua.gl1@thads.local',
	unitHeadGL1: 'truongphong.gl1@thads.local'
} as const;

/**
 * Sign in through the real form (works with JavaScript on or off) and wait for the staff area.
 * `redirectTo` lands on a given staff page afterwards (e.g. '/staff/khieu-nai'). Only specs about
 * the sign-in page itself need this; the others use signInAsStaff.
 */
export async function signInThroughForm(
	page: Page,
	email: string,
	password: string = DEMO_PASSWORD,
	redirectTo?: string
): Promise<void> {
	const query = redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : '';
	await page.goto(`/staff/dang-nhap${query}`);
	await page.getByLabel('Thư điện tử công vụ').fill(email);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL(
		(url) =>
			/^\/(en\/)?staff/.test(url.pathname) &&
			(!url.pathname.includes('dang-nhap') || /ma-xac-thuc|xac-thuc-hai-buoc/.test(url.pathname))
	);
	await completeTwoFactor(page, email);
	await page.waitForURL(
		(url) => /^\/(en\/)?staff/.test(url.pathname) && !url.pathname.includes('dang-nhap')
	);
}

/** Keep the page's session cookies as this account's storageState file. */
export async function saveSession(page: Page, email: string): Promise<void> {
	const cookies = (await page.context().cookies()).filter((c) => SESSION_COOKIES.includes(c.name));
	expect(cookies.map((c) => c.name).sort(), `session cookies of ${email}`).toEqual(
		[...SESSION_COOKIES].sort()
	);
	mkdirSync(AUTH_DIR, { recursive: true });
	writeFileSync(storageStateFile(email), JSON.stringify({ cookies, origins: [] }));
}

/**
 * Be signed in as a staff member, then open `redirectTo` (default: the staff home page).
 * A demo account uses the session the setup project kept (auth.setup.ts), so the specs do not
 * meet the sign-in throttle; when that session has ended (a spec signed the account out, which
 * ends all its sessions, or another page rotated its refresh token) it signs in through the form
 * again and keeps the new session. Other passwords always go through the form.
 */
export async function signInAsStaff(
	page: Page,
	email: string,
	password: string = DEMO_PASSWORD,
	redirectTo?: string
): Promise<void> {
	const file = storageStateFile(email);
	const keep = password === DEMO_PASSWORD;
	if (keep && existsSync(file)) {
		const { cookies } = JSON.parse(readFileSync(file, 'utf8')) as {
			cookies: Parameters<ReturnType<Page['context']>['addCookies']>[0];
		};
		await page.context().addCookies(cookies);
		await page.goto(redirectTo ?? '/staff');
		if (!new URL(page.url()).pathname.includes('/dang-nhap')) {
			// The server may have refreshed the tokens: keep the ones now valid.
			await saveSession(page, email);
			return;
		}
		for (const name of SESSION_COOKIES) await page.context().clearCookies({ name });
	}
	await signInThroughForm(page, email, password, redirectTo);
	if (keep) await saveSession(page, email);
}

/** Sign out with the header button. */
export async function signOut(page: Page): Promise<void> {
	await page.getByRole('button', { name: /Đăng xuất|Sign out/ }).click();
	await page.waitForURL(/dang-nhap/);
}

/**
 * Run axe (WCAG 2.0–2.2 A/AA rules) on the current page and fail on serious or critical violations,
 * listing each with the offending elements so the failure message says what to fix.
 */
export async function expectNoA11yViolations(
	page: Page,
	options: { exclude?: string[]; disableRules?: string[] } = {}
): Promise<void> {
	// axe runs inside the page, which needs JavaScript: the no-JS project checks the same pages'
	// behaviour, and the JS projects check their accessibility.
	if (test.info().project.use.javaScriptEnabled === false) return;
	let builder = new AxeBuilder({ page }).withTags([
		'wcag2a',
		'wcag2aa',
		'wcag21a',
		'wcag21aa',
		'wcag22aa',
		'best-practice'
	]);
	for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
	if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
	const { violations } = await builder.analyze();
	const serious = violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`
		);
	expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Wait until a service worker controls the page (first visit: after install + clients.claim()). */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (navigator.serviceWorker.controller) return;
		await new Promise<void>((resolve) =>
			navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true })
		);
	});
}

/**
 * A service-role client on the suite's stand-in, for arranging what no page can (e.g. moving an
 * appointment to today so the desk can check it in whatever the hour the suite runs).
 */
export function serviceClient(): SupabaseClient {
	const info = JSON.parse(readFileSync(standinInfoFile(), 'utf8')) as {
		url: string;
		serviceKey: string;
	};
	return createClient(info.url, info.serviceKey, { auth: { persistSession: false } });
}

/** Type an ISO date into a day / month / year date input (`DateParts`). */
export async function fillDate(page: Page, name: string, iso: string): Promise<void> {
	const [year = '', month = '', day = ''] = iso.split('-');
	await page.locator(`input[name=${name}_day]`).fill(String(Number(day)));
	await page.locator(`input[name=${name}_month]`).fill(String(Number(month)));
	await page.locator(`input[name=${name}_year]`).fill(year);
}

/** Vietnam's date `days` days ago, as ISO (the tests run on UTC machines). */
export function vnDaysAgo(days: number): string {
	return new Date(Date.now() + 7 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}
