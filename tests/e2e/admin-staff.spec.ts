// Staff accounts (issue 13, part B): an administrator invites a new officer by e-mail with a role
// and a unit; the officer sets a password with the e-mailed code and signs in; the administrator
// deactivates the account and the officer's session ends at once. Plain HTML forms (also without
// JavaScript).
import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { standinInfoFile } from './serve.js';
import { demoStaff, expectNoA11yViolations, signInAsStaff } from './helpers';

async function codeFor(email: string): Promise<string> {
	const info = JSON.parse(readFileSync(standinInfoFile(), 'utf8')) as {
		url: string;
		serviceKey: string;
	};
	const res = await fetch(`${info.url}/__standin/mailbox?recipient=${encodeURIComponent(email)}`, {
		headers: { apikey: info.serviceKey, authorization: `Bearer ${info.serviceKey}` }
	});
	const mails = (await res.json()) as { body: string }[];
	return /(\d{6})/.exec(mails[0]?.body ?? '')?.[1] ?? '';
}

test('invite an officer, who sets a password and signs in; deactivation ends the session', async ({
	page,
	browser
}, info) => {
	test.setTimeout(180_000);
	const tag = `${info.project.name}-${randomUUID().slice(0, 6)}`;
	const email = `canbo-${tag}@example.test`;
	const name = `Cán bộ thử ${tag}`;
	await signInAsStaff(page, demoStaff.admin, undefined, '/staff/quan-tri/can-bo');
	await page.goto('/staff/quan-tri/can-bo');
	await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản cán bộ' })).toBeVisible();

	await page.locator('summary', { hasText: 'Mời cán bộ mới' }).click();
	const invite = page.locator('form[action="?/invite"]');
	await invite.getByLabel('Thư điện tử công vụ').fill(email);
	await invite.getByLabel('Họ và tên').fill(name);
	await invite
		.getByLabel('Đơn vị', { exact: true })
		.selectOption({ label: 'Phòng Thi hành án dân sự khu vực 1 – Hà Nội (HN-KV1)' });
	// No role chosen: refused next to the roles.
	await invite.getByRole('button', { name: 'Gửi lời mời' }).click();
	await expect(page.getByText('Chọn ít nhất một vai trò.')).toBeVisible();
	await page.locator('form[action="?/invite"]').getByLabel('Tiếp công dân').check();
	await page
		.locator('form[action="?/invite"]')
		.getByRole('button', { name: 'Gửi lời mời' })
		.click();
	await page.waitForURL(/da-moi=/);
	await expect(page.getByText(`Đã gửi lời mời tới ${email}`)).toBeVisible();
	const row = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });
	await expect(row).toContainText('Đang hoạt động');
	await expect(row).toContainText('Tiếp công dân');
	if (info.project.use.javaScriptEnabled !== false) await expectNoA11yViolations(page);

	// The officer, in their own browser.
	const ctx = await browser.newContext({
		javaScriptEnabled: info.project.use.javaScriptEnabled !== false,
		baseURL: info.project.use.baseURL
	});
	const officer = await ctx.newPage();
	await officer.goto(`/staff/dang-nhap/dat-mat-khau?loai=moi&email=${encodeURIComponent(email)}`);
	await officer.getByLabel('Mã 6 chữ số').fill(await codeFor(email));
	await officer.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('Mat-khau-e2e-2026');
	await officer.getByLabel('Nhập lại mật khẩu mới').fill('Mat-khau-e2e-2026');
	await officer.getByRole('button', { name: 'Đặt mật khẩu' }).click();
	await expect(officer.getByText('Đã đặt mật khẩu. Vui lòng đăng nhập.')).toBeVisible();
	await signInAsStaff(officer, email, 'Mat-khau-e2e-2026');
	await officer.goto('/staff/tiep-cong-dan');
	await expect(officer).toHaveURL(/\/staff\/tiep-cong-dan/);

	// The administrator deactivates the account: the officer's next request finds no session.
	await page.reload();
	await row.locator('summary').click();
	await row.getByRole('button', { name: 'Khoá tài khoản (kết thúc mọi phiên)' }).click();
	await page.waitForURL(/da-khoa=/);
	await expect(row).toContainText('Đã khoá');
	await officer.goto('/staff/tiep-cong-dan');
	await expect(officer).toHaveURL(/\/staff\/dang-nhap/);
	await ctx.close();
});

test('officers cannot open staff accounts', async ({ page }) => {
	await signInAsStaff(page, demoStaff.receptionHN1);
	const res = await page.goto('/staff/quan-tri/can-bo');
	expect(res?.status()).toBe(403);
});
