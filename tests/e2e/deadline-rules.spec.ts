// Deadline rules in the agency's hands (issue 13, part B): every rule shows its law, article,
// validity and whether it was confirmed; the administrator confirms one against the law (plain
// HTML form, also without JavaScript) and the page then shows it confirmed.
import { expect, test } from '@playwright/test';
import { demoStaff, expectNoA11yViolations, signInAsStaff } from './helpers';

test('an administrator confirms an unconfirmed time limit with its source', async ({
	page
}, info) => {
	test.setTimeout(120_000);
	await signInAsStaff(page, demoStaff.admin, undefined, '/staff/thong-ke/quy-tac');
	await page.goto('/staff/thong-ke/quy-tac');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Thời hạn theo luật (quy tắc tính hạn)' })
	).toBeVisible();
	// The 2008 law's confirmed filing window and the 2025 law's unconfirmed rules are both listed.
	await expect(page.getByText('Đã xác nhận theo văn bản luật').first()).toBeVisible();
	// Each project (run in parallel on one database) confirms its own rule.
	const heading = {
		phone: 'Kiến nghị, phản ánh · Thụ lý',
		desktop: 'Kiến nghị, phản ánh · Giải quyết',
		nojs: 'Tố cáo · Chuyển đơn'
	}[info.project.name]!;
	const row = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) })
		.first();
	await row.locator('summary', { hasText: 'Xác nhận hoặc thêm phiên bản mới' }).click();
	await row
		.getByLabel('Nguồn đối chiếu (văn bản, điều, khoản)')
		.fill(`Quy chế tiếp nhận kiến nghị, phản ánh (kiểm thử ${info.project.name})`);
	await row.getByRole('button', { name: 'Xác nhận thời hạn này' }).click();
	await page.waitForURL(/da-luu=/);
	await expect(page.getByText('Đã lưu.')).toBeVisible();
	const id = new URL(page.url()).searchParams.get('da-luu');
	await expect(page.locator(`#r-${id}`)).toContainText('Đã xác nhận theo văn bản luật');
	await expect(page.locator(`#r-${id}`)).toContainText(`kiểm thử ${info.project.name}`);
	if (info.project.use.javaScriptEnabled !== false) await expectNoA11yViolations(page);
});

test('other staff read the rules but cannot change them', async ({ page }) => {
	await signInAsStaff(page, demoStaff.unitHeadGL1, undefined, '/staff/thong-ke/quy-tac');
	await page.goto('/staff/thong-ke/quy-tac');
	await expect(page.getByText('Chưa xác nhận').first()).toBeVisible();
	await expect(
		page.locator('summary', { hasText: 'Xác nhận hoặc thêm phiên bản mới' })
	).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Xác nhận thời hạn này' })).toHaveCount(0);
});
