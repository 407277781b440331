// Personal data (issue 12 item 13): an officer opening an application is shown to the citizen,
// who downloads a copy of what is held and asks for erasure (answered with the reason when the
// law does not allow it yet); the notice says who sees what and how long data is kept.
import { expect, test, type Page } from '@playwright/test';
import { demoStaff, expectNoA11yViolations, serviceClient, signInAsStaff } from './helpers';

const CODE = 'HS-HNAB-2222';
const SECRET = 'THADS234';

async function track(page: Page, code: string, secret: string) {
	await page.goto('/tra-cuu');
	await page.getByLabel('Mã tra cứu').fill(code);
	await page.getByLabel('Mã bí mật').fill(secret);
	await page.getByRole('button', { name: 'Tra cứu' }).click();
	await expect(page).toHaveURL(new RegExp(`/tra-cuu/${code}$`));
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('who opened my application, my copy of the data, and an erasure request the law does not allow yet', async ({
	page,
	browser
}, info) => {
	test.setTimeout(90_000);
	const js = info.project.name !== 'nojs';

	// An officer of the unit opens the application and its ID-card document.
	const { data: app } = await serviceClient()
		.from('applications')
		.select('id')
		.eq('tracking_code', CODE)
		.single();
	const staff = await browser.newPage();
	await signInAsStaff(staff, demoStaff.proceduresHN1);
	await staff.goto(`/staff/thu-tuc/${app!.id}`);
	await expect(staff.getByRole('heading', { level: 1 })).toBeVisible();
	await staff.close();

	await track(page, CODE, SECRET);
	const log = page.getByRole('region', { name: 'Ai đã mở hồ sơ của bạn' });
	await expect(log.getByTestId('access-log')).toContainText('Cán bộ một cửa');
	await expect(log.getByTestId('access-log')).not.toContainText('motcua');

	// The copy: a JSON file with the applicant's data and the same log.
	const href = await page
		.getByRole('link', { name: 'Tải về dữ liệu của bạn (JSON)' })
		.getAttribute('href');
	const res = await page.request.get(href!);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-disposition']).toContain('attachment');
	const copy = await res.json();
	expect(copy).toMatchObject({ kind: 'application', code: CODE });
	expect(copy.record.full_name).toBeTruthy();
	expect(copy.access_log.length).toBeGreaterThan(0);

	// Erasure while the file is being processed: refused, with the reason, next to the form.
	await page.getByRole('button', { name: 'Gửi yêu cầu xóa' }).click();
	await expect(page.getByTestId('erasure-answer')).toHaveText(
		/Chưa thể xóa: hồ sơ đang được giải quyết/
	);
	if (js) await expectNoA11yViolations(page);
});

test('the notice says which roles see what, how long data is kept, and the citizen’s rights', async ({
	page
}, info) => {
	test.setTimeout(90_000);
	await page.goto('/bao-ve-du-lieu');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Thông báo về xử lý dữ liệu cá nhân'
	);
	await expect(page.getByText(/danh tính người tố cáo chỉ cán bộ được giao/)).toBeVisible();
	await expect(page.getByText(/kể cả ảnh giấy tờ tùy thân: cán bộ một cửa/)).toBeVisible();
	const schedule = page.getByRole('region', { name: 'Thời hạn lưu giữ sau khi hồ sơ kết thúc' });
	await expect(schedule.getByText('(chưa xác nhận)').first()).toBeVisible();
	await expect(schedule).toContainText('Lịch hẹn tiếp công dân');
	await expect(page.getByText(/Phiên bản thông báo: 2026-12-07/)).toBeVisible();
	await page.goto('/en/bao-ve-du-lieu');
	await expect(page.getByText(/one-stop officers and heads of the unit/)).toBeVisible();
	if (info.project.name !== 'nojs') await expectNoA11yViolations(page);
});
