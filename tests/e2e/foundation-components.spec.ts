// Every design-system component, in every state shown on /staff/thiet-ke, passes axe
// (STYLE.md: "Every component example gets an axe check").
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { demoStaff, expectNoA11yViolations, signInAsStaff } from './helpers';

test('the component gallery has no serious accessibility problems', async ({ page }, info) => {
	await signInAsStaff(page, demoStaff.admin, undefined, '/staff/thiet-ke');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thành phần giao diện');
	// The error summary takes focus when it appears (JS), so screen readers announce it first.
	if (info.project.use.javaScriptEnabled !== false) {
		await expect(page.getByRole('alert').filter({ hasText: 'Có thông tin cần sửa' })).toBeFocused();
		await page.getByRole('link', { name: 'Nhập họ và tên' }).click();
		await expect(page.getByLabel('Họ và tên')).toBeFocused();
	}
	await expect(page.getByLabel('Họ và tên')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Số điện thoại')).toHaveAttribute('aria-describedby', 'phone-hint');
	await expect(page.getByRole('table', { name: 'Đơn mới tiếp nhận' })).toBeVisible();
	await expectNoA11yViolations(page);
	if (info.project.name === 'phone') {
		await page.screenshot({
			path: path.join(import.meta.dirname, 'screenshots', 'components.png'),
			fullPage: true
		});
	}
});
