// The office select on a 360 px phone (issue 18.8): twelve full names ("Phòng Thi hành án dân sự
// khu vực 1 – Hà Nội", …) were cut to the same prefix. Offices are grouped by province and each
// option starts with what tells it apart, so every option's text fits the closed select.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

test.skip(({ viewport }) => (viewport?.width ?? 0) > 400, 'phone widths only');

const screenshots = path.join(import.meta.dirname, 'screenshots');

/** Option texts wider than the room inside the closed select (measured in its own font). */
async function cutOptions(page: Page) {
	return page.locator('select[name=unit_id]').evaluate((select: HTMLSelectElement) => {
		const style = getComputedStyle(select);
		const ctx = document.createElement('canvas').getContext('2d')!;
		ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
		const room =
			select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
		return [...select.options]
			.filter((o) => o.value && ctx.measureText(o.text).width > room)
			.map((o) => o.text);
	});
}

for (const [name, url] of [
	['complaint', '/gui-don/don?loai=complaint'],
	['complaint-en', '/en/gui-don/don?loai=complaint'],
	['application', '/thu-tuc/xac-nhan-ket-qua-thi-hanh-an/nop']
] as const) {
	test(`the ${name} office select is grouped by province and readable at 360 px`, async ({
		page
	}) => {
		await page.goto(url);
		const select = page.locator('select[name=unit_id]');
		await expect(select.locator('optgroup[label="Hà Nội"] > option')).toContainText([
			'Thi hành án dân sự TP Hà Nội',
			'Khu vực 1 – Hà Nội',
			'Khu vực 2 – Hà Nội',
			'Khu vực 3 – Hà Nội'
		]);
		expect(await cutOptions(page)).toEqual([]);
		const texts = await select.locator('option').allTextContents();
		expect(new Set(texts).size).toBe(texts.length);
		await select.selectOption({ label: 'Khu vực 1 – Hà Nội' });
		await select.screenshot({ path: path.join(screenshots, `office-select-${name}.png`) });
	});
}

test('on English pages the office name is marked as Vietnamese', async ({ page }) => {
	const name = 'Phòng Thi hành án dân sự khu vực 1 – Hà Nội';
	// The complaint tracking page (KN-HNAA-2222 is a demo letter at HN-KV1).
	await page.goto('/en/tra-cuu');
	await page.getByLabel('Tracking code').fill('KN-HNAA-2222');
	await page.getByLabel('Secret code').fill('THADS234');
	await page.getByRole('button', { name: 'Look up', exact: true }).click();
	await expect(page).toHaveURL(/\/tra-cuu\/KN-HNAA-2222$/);
	await expect(page.getByText(name, { exact: true })).toHaveAttribute('lang', 'vi');
	// The booking details page names the office above the form.
	await page.goto('/en/dat-lich/HN-KV1');
	await page.locator('input[name="gio"]:not([disabled])').first().check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page).toHaveURL(/thong-tin/);
	await expect(page.locator('strong', { hasText: name })).toHaveAttribute('lang', 'vi');
});
