// Helpers shared by every e2e spec. Locate by role and label, as a user would (STYLE.md, "Tests").
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { readFileSync } from 'node:fs';
import { standinInfoFile } from './serve.js';
import { totpCode } from '../../supabase/local/totp.js';

/** Password of every demo account in supabase/seed.sql. */
export const DEMO_PASSWORD = 'Thads@2026';

/**
 * The authenticator key of the demo unit heads and administrator (supabase/seeds/60_demo_mfa.sql):
 * they sign in with a password and a code (issue 12, item 10).
 */
export const DEMO_TOTP_SECRET = 'THADSDEMOTOTPSECRETKEYAAAAAAAAAA';

/** Keys of authenticators enrolled during this test run, by e-mail. */
const enrolledSecrets = new Map<string, string>();

/** The current 6-digit code for an authenticator key (RFC 6238), as an authenticator app shows it. */
export function currentTotp(secret: string): string {
	return totpCode(secret);
}

/**
 * After the password: enter a code when asked, or set up an authenticator when the account must
 * have one and has none (the key is read from the page, as a person would type it into an app).
 */
export async function completeTwoFactor(page: Page, email: string): Promise<void> {
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
 * `redirectTo` lands on a given staff page afterwards (e.g. '/staff/khieu-nai').
 */
export async function signInAsStaff(
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
