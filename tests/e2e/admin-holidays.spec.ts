// Holidays kept by the agency (issue 13, part B): an administrator adds a day with the decision
// cited and confirmed, edits it and removes it (plain HTML forms, also without JavaScript); other
// staff cannot open the screen.
import { expect, test } from '@playwright/test';
import { demoStaff, expectNoA11yViolations, signInAsStaff } from './helpers';

test('an administrator adds, edits and removes a holiday of a year', async ({ page }, info) => {
	test.setTimeout(120_000);
	// Each project (run in parallel on one database) works in its own year.
	const year = { phone: 2096, desktop: 2097, nojs: 2098 }[info.project.name] ?? 2099;
	const day = `${year}-03-14`;
	await signInAsStaff(page, demoStaff.admin, undefined, '/staff/quan-tri');
	await page.goto('/staff/quan-tri');
	await page.getByRole('link', { name: 'Ngày nghỉ lễ và ngày làm bù' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: /Ngày nghỉ lễ và ngày làm bù \d{4}/ })
	).toBeVisible();
	await page.goto(`/staff/quan-tri/ngay-nghi?nam=${year}`);
	await expect(page.getByText(`Chưa có ngày nghỉ nào cho năm ${year}.`)).toBeVisible();

	await page.locator('summary', { hasText: 'Thêm ngày nghỉ hoặc ngày làm bù' }).click();
	const add = page.locator('form[action="?/save"]').first();
	await add.getByLabel('Ngày', { exact: true }).fill(day);
	await add.getByLabel('Tên ngày nghỉ').fill('Nghỉ bù kiểm thử');
	await add.getByLabel('Đã đối chiếu với văn bản thông báo').check();
	// Confirming without citing the decision is refused next to the field.
	await add.getByRole('button', { name: 'Thêm ngày' }).click();
	const again = page.locator('form[action="?/save"]').first();
	await expect(again.getByText('Ghi văn bản thông báo trước khi xác nhận.')).toBeVisible();
	await again.getByLabel(/Văn bản thông báo/).fill('Thông báo kiểm thử 1/TB-BNV');
	await again.getByRole('button', { name: 'Thêm ngày' }).click();
	await page.waitForURL(/da-luu=/);
	await expect(page.getByText('Đã lưu.')).toBeVisible();
	const item = page.locator(`#d-${day}`);
	await expect(item).toContainText('Nghỉ bù kiểm thử');
	await expect(item).toContainText('Thông báo kiểm thử 1/TB-BNV');
	await expect(item).toContainText('Đã xác nhận');
	if (info.project.use.javaScriptEnabled !== false) await expectNoA11yViolations(page);

	await item.locator('summary').click();
	await item.getByLabel('Tên ngày nghỉ').fill('Nghỉ bù kiểm thử (đã sửa)');
	await item.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await page.waitForURL(/da-luu=/);
	await expect(page.locator(`#d-${day}`)).toContainText('Nghỉ bù kiểm thử (đã sửa)');

	// Saving closes the panel (fresh data, fresh element): wait for that, then open it again.
	await expect(page.locator(`#d-${day} details`)).not.toHaveAttribute('open');
	await page.locator(`#d-${day} summary`).click();
	await page
		.locator(`#d-${day}`)
		.getByRole('button', { name: /^Xoá ngày/ })
		.click();
	await page.waitForURL(/da-xoa=/);
	await expect(page.locator(`#d-${day}`)).toHaveCount(0);
	await expect(page.getByText(`Chưa có ngày nghỉ nào cho năm ${year}.`)).toBeVisible();
});

test('other staff cannot open the holiday screen', async ({ page }) => {
	await signInAsStaff(page, demoStaff.receptionHN1);
	const res = await page.goto('/staff/quan-tri/ngay-nghi');
	expect(res?.status()).toBe(403);
	await expect(page.getByRole('link', { name: 'Quản trị danh mục' })).toHaveCount(0);
});
