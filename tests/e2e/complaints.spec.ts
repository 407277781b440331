// Complaints end to end at 360×800: a citizen files a complaint with an attachment (JS on and off),
// gets a code and secret, an officer of the unit accepts and resolves it with a decision, the
// citizen sees the decision and who opened the file; an officer of another unit cannot see it
// (page and direct URL); filing offline queues the letter and sends it once when back online.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { demoStaff, expectNoA11yViolations, signInAsStaff } from './helpers';

const screenshots = path.join(import.meta.dirname, 'screenshots');
const UNIT = 'Phòng Thi hành án dân sự khu vực 1 – Hà Nội';
const pdf = (name: string) => ({
	name,
	mimeType: 'application/pdf',
	buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
});
const uniqueName = () => `Nguyễn Thị Thử ${Math.random().toString(36).slice(2, 7).toUpperCase()}`;

async function hydrated(page: Page, js: boolean) {
	// With JavaScript the "representative" section hides until chosen: proof the page is live.
	if (js)
		await expect(page.locator('input[name=represented_full_name]')).toHaveCount(0, {
			timeout: 15_000
		});
}

/** Fills and reviews a complaint; returns at the "check your answers" page. */
async function fillComplaint(page: Page, name: string, js: boolean, shots = false) {
	await page.goto('/gui-don');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Gửi đơn khiếu nại, tố cáo, kiến nghị' })
	).toBeVisible();
	if (js) await expectNoA11yViolations(page);
	if (shots)
		await page.screenshot({
			path: path.join(screenshots, 'complaints-1-start-phone.png'),
			fullPage: true
		});
	await page.getByRole('radio', { name: 'Khiếu nại', exact: true }).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Đơn khiếu nại' })).toBeVisible();
	await hydrated(page, js);

	// An empty form is refused with an error summary, nothing lost.
	await page.getByLabel('Họ và tên').first().fill(name);
	await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại đơn' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Có thông tin cần sửa' })).toBeVisible();
	await expect(page.getByLabel('Họ và tên').first()).toHaveValue(name);
	await hydrated(page, js);

	await page.getByRole('radio', { name: 'Người được thi hành án' }).check();
	await page.getByLabel('Số căn cước (CCCD)').first().fill('001234567890');
	await page.getByLabel('Số điện thoại di động').first().fill('0912345678');
	await page.locator('select[name=filer_province]').selectOption('Hà Nội');
	await page.locator('input[name=filer_ward]').fill('Phường Hoàn Kiếm');
	await page.locator('select[name=unit_id]').selectOption({ label: UNIT });
	await page.getByRole('radio', { name: /Biện pháp cưỡng chế/ }).check();
	await page
		.locator('input[name=learned_on]')
		.fill(new Date(Date.now() + 7 * 3600_000 - 3 * 86_400_000).toISOString().slice(0, 10));
	await page
		.locator('textarea[name=content]')
		.fill(
			'Chấp hành viên kê biên nhầm chiếc xe máy của tôi, không phải tài sản của người phải thi hành án.'
		);
	await page.locator('textarea[name=request]').fill('Hủy quyết định kê biên xe máy');
	await page.locator('input[type=file][name=files]').setInputFiles(pdf('giay-dang-ky-xe.pdf'));
	if (js) await expect(page.getByText('Đã tải lên').first()).toBeVisible({ timeout: 15_000 });
	await page.getByRole('checkbox', { name: /Tôi đồng ý để cơ quan/ }).check();
	if (js) await expectNoA11yViolations(page);
	if (shots)
		await page.screenshot({
			path: path.join(screenshots, 'complaints-2-form-phone.png'),
			fullPage: true
		});
	await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại đơn' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Kiểm tra lại đơn trước khi gửi' })
	).toBeVisible();
	await expect(page.getByText(name)).toBeVisible();
	await expect(page.getByText('giay-dang-ky-xe.pdf')).toBeVisible();
	if (shots)
		await page.screenshot({
			path: path.join(screenshots, 'complaints-3-review-phone.png'),
			fullPage: true
		});
}

async function readCode(page: Page) {
	await expect(page.getByRole('heading', { name: 'Đã gửi đơn thành công' })).toBeVisible({
		timeout: 15_000
	});
	const code = (await page.getByTestId('tracking-code').textContent())!.trim();
	const secret = (await page.getByTestId('tracking-secret').textContent())!.trim();
	expect(code).toMatch(/^KN-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
	expect(secret).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
	return { code, secret };
}

async function track(page: Page, code: string, secret: string) {
	await page.goto('/tra-cuu');
	await page.getByLabel('Mã tra cứu').fill(code);
	await page.getByLabel('Mật mã').fill(secret);
	await page.getByRole('button', { name: 'Tra cứu' }).click();
	await expect(page.getByRole('heading', { level: 1, name: code })).toBeVisible();
}

test('a citizen files a complaint, the unit accepts and resolves it, another unit cannot see it', async ({
	page,
	browser
}, info) => {
	test.setTimeout(120_000);
	const js = info.project.name !== 'nojs';
	const shots = info.project.name === 'phone';
	const name = uniqueName();
	await fillComplaint(page, name, js, shots);
	await page.getByRole('button', { name: 'Gửi đơn' }).click();
	const { code, secret } = await readCode(page);
	await expect(
		page.getByText(
			/Cơ quan phải thụ lý hoặc trả lời bạn bằng văn bản chậm nhất ngày \d\d\/\d\d\/\d{4}/
		)
	).toBeVisible();
	if (js) await expectNoA11yViolations(page);
	if (shots)
		await page.screenshot({
			path: path.join(screenshots, 'complaints-4-done-phone.png'),
			fullPage: true
		});

	// The receipt prints with a QR code.
	await page.getByRole('link', { name: 'In biên nhận' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Biên nhận đơn/ })).toBeVisible();
	await expect(page.locator('svg').last()).toBeVisible();

	// A wrong secret gives the generic not-found.
	await page.goto('/tra-cuu');
	await page.getByLabel('Mã tra cứu').fill(code);
	await page.getByLabel('Mật mã').fill('AAAAAAAA');
	await page.getByRole('button', { name: 'Tra cứu' }).click();
	await expect(page.getByText(/Không tìm thấy hồ sơ với mã và mật mã này/)).toBeVisible();

	// The officer of HN-KV1 (desktop) finds it, accepts and resolves it with a decision.
	const staffCtx = await browser.newContext({
		viewport: { width: 1280, height: 800 },
		locale: 'vi-VN'
	});
	const officer = await staffCtx.newPage();
	await signInAsStaff(officer, demoStaff.complaintsHN1, undefined, '/staff/khieu-nai');
	await officer.getByLabel('Tìm theo mã, họ tên hoặc số căn cước').fill(code);
	await officer.getByRole('button', { name: 'Lọc' }).click();
	await officer.getByRole('link', { name: code }).click();
	await expect(officer.getByRole('heading', { level: 1, name: code })).toBeVisible();
	await expect(officer.getByText(name)).toBeVisible();
	await officer.getByRole('button', { name: 'Thụ lý' }).click();
	await expect(officer.getByText('Đã thụ lý').first()).toBeVisible();
	// Resolving needs the decision document: the database refuses without it.
	await officer.getByRole('radio', { name: 'Khiếu nại đúng', exact: true }).check();
	await officer
		.getByLabel('Tóm tắt kết quả, công dân sẽ thấy')
		.fill('Hủy quyết định kê biên xe máy; trả lại xe cho bà.');
	await officer.getByRole('button', { name: 'Giải quyết' }).click();
	await expect(officer.getByText('Cần tải lên văn bản quyết định giải quyết.')).toBeVisible();
	await officer.getByRole('radio', { name: 'Khiếu nại đúng', exact: true }).check();
	await officer
		.getByLabel('Tóm tắt kết quả, công dân sẽ thấy')
		.fill('Hủy quyết định kê biên xe máy; trả lại xe cho bà.');
	await officer.getByLabel(/Văn bản quyết định/).setInputFiles(pdf('quyet-dinh-giai-quyet.pdf'));
	await officer.getByRole('button', { name: 'Giải quyết' }).click();
	await expect(officer.getByText('Đã giải quyết').first()).toBeVisible();
	await expectNoA11yViolations(officer);
	if (shots)
		await officer.screenshot({
			path: path.join(screenshots, 'complaints-6-officer-desktop.png'),
			fullPage: true
		});
	const detailUrl = officer.url();
	await staffCtx.close();

	// The citizen sees the decision and that the unit's complaint officer opened the file.
	await track(page, code, secret);
	await expect(page.getByText('Đã giải quyết').first()).toBeVisible();
	await expect(page.getByText('Khiếu nại đúng').first()).toBeVisible();
	await expect(page.getByTestId('decision-link')).toBeVisible();
	await expect(page.getByTestId('access-log')).toContainText('Cán bộ xử lý đơn');
	await expect(page.getByTestId('access-log')).not.toContainText('Lê Minh Tuấn');
	if (js) await expectNoA11yViolations(page);
	if (shots)
		await page.screenshot({
			path: path.join(screenshots, 'complaints-5-tracking-phone.png'),
			fullPage: true
		});

	// An officer of Gia Lai sees neither the row nor the page.
	const otherCtx = await browser.newContext({
		viewport: { width: 1280, height: 800 },
		locale: 'vi-VN'
	});
	const other = await otherCtx.newPage();
	await signInAsStaff(other, demoStaff.complaintsGL1, undefined, '/staff/khieu-nai?trang_thai=all');
	await expect(other.getByRole('link', { name: code })).toHaveCount(0);
	const res = await other.goto(new URL(detailUrl).pathname);
	expect(res?.status()).toBe(404);
	await otherCtx.close();
});

test('filing offline waits in the outbox and is sent once when back online', async ({
	page,
	context
}, info) => {
	test.skip(info.project.name !== 'phone', 'needs JavaScript; one run is enough');
	test.setTimeout(90_000);
	const name = uniqueName();
	await fillComplaint(page, name, true);
	await context.setOffline(true);
	await page.getByRole('button', { name: 'Gửi đơn' }).click();
	await expect(page.getByText(/Máy đang mất mạng/)).toBeVisible();
	await context.setOffline(false);
	// The `online` event replays the same idempotency key.
	const { code } = await readCode(page);

	const staffCtx = await page
		.context()
		.browser()!
		.newContext({ viewport: { width: 1280, height: 800 } });
	const officer = await staffCtx.newPage();
	await signInAsStaff(
		officer,
		demoStaff.complaintsHN1,
		undefined,
		`/staff/khieu-nai?q=${encodeURIComponent(name)}`
	);
	await expect(officer.getByRole('link', { name: /^KN-/ })).toHaveCount(1);
	await expect(officer.getByRole('link', { name: code })).toBeVisible();
	await staffCtx.close();
});

test('a letter sent in the background after the page was closed shows its code on the next visit', async ({
	page,
	context
}, info) => {
	test.skip(info.project.name !== 'phone', 'needs JavaScript; one run is enough');
	test.setTimeout(90_000);
	await fillComplaint(page, uniqueName(), true);
	await context.setOffline(true);
	await page.getByRole('button', { name: 'Gửi đơn' }).click();
	await expect(page.getByText(/Máy đang mất mạng/)).toBeVisible();
	// The citizen leaves while offline; later, online again, they open the filing page.
	await page.goto('about:blank');
	await context.setOffline(false);
	await page.goto('/gui-don');
	await expect(page.getByText('Đã gửi', { exact: true })).toBeVisible({ timeout: 15_000 });
	await expect(page.getByTestId('tracking-code')).toHaveText(/^KN-/);
	await expect(page.getByTestId('tracking-secret')).toHaveText(/^[2-9A-HJ-NP-Z]{8}$/);
});
