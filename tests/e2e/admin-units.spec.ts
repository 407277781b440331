// The unit directory and the national procedure code (issue 13, part B): an administrator adds a
// khu vực office and confirms its official name with the source; sets a procedure's mã TTHC and
// confirms it. Plain HTML forms (also without JavaScript).
import { expect, test } from '@playwright/test';
import { randomInt } from 'node:crypto';
import { demoStaff, expectNoA11yViolations, signInAsStaff } from './helpers';

test('an administrator adds an office and confirms its name', async ({ page }, info) => {
	test.setTimeout(120_000);
	const code = `E2E-${info.project.name.slice(0, 2).toUpperCase()}${randomInt(10000, 99999)}`;
	await signInAsStaff(page, demoStaff.admin, undefined, '/staff/quan-tri/don-vi');
	await page.goto('/staff/quan-tri/don-vi');
	await expect(page.getByRole('heading', { level: 1, name: 'Danh bạ đơn vị' })).toBeVisible();
	// The demo seed's invented contact data is marked, never presented as real.
	await expect(
		page.getByText('Chưa xác nhận (dữ liệu minh hoạ, không dùng để liên hệ)').first()
	).toBeVisible();

	await page.locator('summary', { hasText: 'Thêm đơn vị' }).click();
	const add = page.locator('form[action="?/save"]').first();
	await add
		.getByLabel('Đơn vị cấp trên')
		.selectOption({ label: 'Thi hành án dân sự tỉnh Gia Lai (GL)' });
	await add.getByLabel('Mã đơn vị').fill(code);
	await add.getByLabel('Tên chính thức', { exact: true }).fill(`Phòng THADS khu vực thử ${code}`);
	await add.getByLabel('Tên đã đối chiếu với văn bản nguồn').check();
	await add.getByRole('button', { name: 'Thêm đơn vị' }).click();
	// Confirming without a source is refused next to the field.
	await expect(page.getByText('Ghi văn bản nguồn trước khi xác nhận tên.')).toBeVisible();
	await page
		.locator('form[action="?/save"]')
		.first()
		.getByLabel(/Văn bản nguồn của tên/)
		.fill('Quyết định kiểm thử 1/QĐ-BTP');
	await page
		.locator('form[action="?/save"]')
		.first()
		.getByRole('button', { name: 'Thêm đơn vị' })
		.click();
	await page.waitForURL(/da-luu=/);
	const id = new URL(page.url()).searchParams.get('da-luu');
	const item = page.locator(`#u-${id}`);
	await expect(item).toContainText(`Phòng THADS khu vực thử ${code}`);
	await expect(item).toContainText('Quyết định kiểm thử 1/QĐ-BTP');
	await expect(item).toContainText('Đã xác nhận');
	if (info.project.use.javaScriptEnabled !== false) await expectNoA11yViolations(page);
});

test('an administrator records a procedure’s national code and confirms it', async ({
	page
}, info) => {
	test.setTimeout(120_000);
	const proc = {
		phone: 'mien-giam-chi-phi-cuong-che',
		desktop: 'mien-giam-phi-thi-hanh-an',
		nojs: 'nhan-tai-san-tru-vao-tien-thi-hanh-an'
	}[info.project.name]!;
	await signInAsStaff(page, demoStaff.admin, undefined, `/staff/thu-tuc/danh-muc/${proc}`);
	await page.goto(`/staff/thu-tuc/danh-muc/${proc}`);
	await page.getByRole('link', { name: 'Sửa mã TTHC và trạng thái xác nhận' }).click();
	await page.getByLabel('Mã thủ tục hành chính (mã TTHC)').fill('2.000999');
	await page.getByLabel(/Nguồn đối chiếu/).fill('Quyết định công bố kiểm thử');
	await page.getByLabel('Đã đối chiếu mã với nguồn').check();
	await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await page.waitForURL(new RegExp(`/staff/thu-tuc/danh-muc/${proc}(#ma-tthc)?$`));
	await expect(page.locator('#ma-tthc')).toContainText('2.000999');
	await expect(page.locator('#ma-tthc')).toContainText('Đã xác nhận');
	// Back to none (other suites read the catalogue).
	await page.getByRole('link', { name: 'Sửa mã TTHC và trạng thái xác nhận' }).click();
	await page.getByLabel('Mã thủ tục hành chính (mã TTHC)').fill('');
	await page.getByLabel('Đã đối chiếu mã với nguồn').uncheck();
	await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await page.waitForURL(new RegExp(`/staff/thu-tuc/danh-muc/${proc}(#ma-tthc)?$`));
	await expect(page.locator('#ma-tthc')).toContainText('Chưa xác nhận');
});
