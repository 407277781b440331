// One-stop procedures, end to end: a citizen finds a procedure by typing without diacritics,
// applies with two documents, is asked for one more, adds it and downloads the result; the
// one-stop officer's side runs in a second browser context of the same test.
import { expect, test, type Page } from '@playwright/test';
import { demoStaff, expectNoA11yViolations, signInAsStaff } from './helpers';
import { scannedPdf } from './files';

/** axe needs JavaScript in the page; the no-JS project checks behaviour only. */
async function a11y(page: Page, js: boolean) {
	if (js) await expectNoA11yViolations(page);
}

async function openApplication(staff: Page, code: string) {
	await staff.goto('/staff/thu-tuc?xem=tat-ca');
	await staff.getByRole('link', { name: code, exact: true }).click();
	await expect(staff.getByRole('heading', { level: 1, name: code })).toBeVisible();
}

test('a citizen applies online, adds a requested document and downloads the result', async ({
	page,
	browser
}, info) => {
	test.setTimeout(120_000);
	const js = info.project.use.javaScriptEnabled !== false;

	// Find the procedure without typing diacritics.
	await page.goto('/thu-tuc');
	await a11y(page, js);
	await page.getByRole('searchbox', { name: 'Tìm thủ tục' }).fill('xac nhan ket qua');
	await page.getByRole('button', { name: 'Tìm' }).click();
	await expect(page.getByRole('heading', { name: /Có 1 thủ tục phù hợp/ })).toBeVisible();
	await page.getByRole('link', { name: /Xác nhận kết quả thi hành án/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xác nhận kết quả thi hành án');
	await expect(page.getByText('Giải quyết trong 5 ngày làm việc')).toBeVisible();
	await a11y(page, js);

	// Apply with two documents.
	await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
	await page.getByLabel('Cơ quan nhận hồ sơ').selectOption({ label: 'Khu vực 1 – Hà Nội' });
	await page.getByLabel('Họ và tên').fill('Nguyễn Thị Mai');
	await page.getByLabel('Số điện thoại di động').fill('0912 345 678');
	await page.getByLabel('Số quyết định thi hành án').fill('125/QĐ-THADS');
	await page
		.getByLabel('Bạn là', { exact: true })
		.selectOption({ label: 'Người được thi hành án' });
	await page
		.getByLabel('Đơn đề nghị xác nhận kết quả thi hành án')
		.setInputFiles(scannedPdf('don-de-nghi.pdf'));
	await page
		.getByLabel('Ảnh hoặc bản sao CCCD/hộ chiếu của người yêu cầu')
		.setInputFiles(scannedPdf('cccd.pdf'));
	await page.getByLabel(/Tôi đồng ý/).check();
	await a11y(page, js);
	await page.getByRole('button', { name: 'Tiếp tục' }).click();

	await expect(
		page.getByRole('heading', { name: 'Kiểm tra lại thông tin trước khi gửi' })
	).toBeVisible();
	await expect(page.getByText('don-de-nghi.pdf')).toBeVisible();
	await expect(page.getByText('cccd.pdf')).toBeVisible();
	await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();

	await expect(
		page.getByRole('heading', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' })
	).toBeVisible();
	const code = (await page.getByTestId('tracking-code').innerText()).trim();
	const secret = (await page.getByTestId('tracking-secret').innerText()).trim();
	expect(code).toMatch(/^HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
	expect(secret).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
	await expect(page.locator('dt:text-is("Ngày hẹn trả kết quả") + dd')).toHaveText(
		/\d{2}\/\d{2}\/\d{4}/
	);
	await a11y(page, js);

	// The officer checks it, accepts it and asks for one more document.
	const staffContext = await browser.newContext({ javaScriptEnabled: js });
	const staff = await staffContext.newPage();
	await signInAsStaff(staff, demoStaff.proceduresHN1, undefined, '/staff/thu-tuc');
	await openApplication(staff, code);
	await expect(staff.getByRole('link', { name: 'don-de-nghi.pdf' })).toBeVisible();
	await staff.getByRole('button', { name: 'Bắt đầu kiểm tra hồ sơ' }).click();
	await staff.getByRole('button', { name: 'Tiếp nhận hồ sơ đầy đủ' }).click();
	await expect(staff.getByText('Đang giải quyết').first()).toBeVisible();
	await staff
		.getByLabel('Giấy tờ cần bổ sung và lý do')
		.fill('Giấy ủy quyền có công chứng của người được thi hành án');
	await staff.getByRole('button', { name: 'Yêu cầu bổ sung giấy tờ' }).click();
	await expect(staff.getByText('Chờ bổ sung').first()).toBeVisible();

	// The citizen sees what is asked and by when, and adds it.
	await page.goto(`/thu-tuc/ho-so/${code}`);
	await expect(page.getByText('Bạn cần bổ sung giấy tờ')).toBeVisible();
	await expect(
		page
			.getByRole('alert')
			.or(page.locator('.border-warning'))
			.getByText('Giấy ủy quyền có công chứng')
			.first()
	).toBeVisible();
	await expect(page.getByText(/Hạn bổ sung: \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
	await a11y(page, js);
	await page.getByLabel('Tải lên giấy tờ bổ sung').setInputFiles(scannedPdf('giay-uy-quyen.pdf'));
	await page.getByRole('button', { name: 'Gửi giấy tờ bổ sung' }).click();
	await expect(page.getByText('Đã nhận giấy tờ bổ sung')).toBeVisible();
	await expect(page.getByText('Đang giải quyết').first()).toBeVisible();

	// The officer records the result and returns it online.
	await openApplication(staff, code);
	await expect(staff.getByRole('link', { name: 'giay-uy-quyen.pdf' })).toBeVisible();
	await staff
		.getByLabel('Văn bản kết quả (PDF hoặc ảnh)')
		.setInputFiles(scannedPdf('giay-xac-nhan.pdf'));
	await staff.getByRole('button', { name: 'Ghi nhận kết quả' }).click();
	await expect(staff.getByText('Có kết quả').first()).toBeVisible();
	await staff.getByRole('button', { name: 'Trả kết quả' }).click();
	await expect(staff.getByText('Đã trả kết quả').first()).toBeVisible();
	await staffContext.close();

	// The citizen downloads the result and rates the service.
	await page.goto(`/thu-tuc/ho-so/${code}`);
	await expect(page.getByText('Đã có kết quả giải quyết')).toBeVisible();
	// The link goes through the app (code + secret checked) to a short-lived signed Storage URL.
	const href = await page.getByRole('link', { name: 'Tải kết quả' }).getAttribute('href');
	const res = await page.request.get(href!, { maxRedirects: 0 });
	expect(res.status()).toBe(303);
	const signed = res.headers()['location']!;
	expect(signed).toContain('/storage/v1/object/sign/attachments/');
	const file = await page.request.get(signed);
	expect(file.headers()['content-type']).toBe('application/pdf');
	expect((await file.body()).toString()).toContain('giay-xac-nhan.pdf');
	await page.getByLabel('5 – Rất hài lòng').check();
	await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
	await expect(page.getByText('Cảm ơn bạn đã đánh giá')).toBeVisible();

	// The secret still works from another device (no cookie): the lookup form.
	const other = await browser.newPage();
	await other.goto('/thu-tuc/ho-so');
	await other.getByLabel('Mã tra cứu').fill(code.toLowerCase().replace(/-/g, ' '));
	await other.getByLabel('Mã bí mật').fill(secret);
	await other.getByRole('button', { name: 'Xem hồ sơ' }).click();
	await expect(other.getByText('Đã trả kết quả').first()).toBeVisible();
	await other.close();
});

test('the application form explains what is wrong, field by field, and keeps the files', async ({
	page
}, info) => {
	const js = info.project.use.javaScriptEnabled !== false;
	await page.goto('/thu-tuc/mien-giam-phi-thi-hanh-an/nop');
	await page.getByLabel('Họ và tên').fill('A');
	await page.getByLabel('Số điện thoại di động').fill('12345');
	await page
		.getByLabel('Đơn đề nghị miễn, giảm phí thi hành án')
		.setInputFiles(scannedPdf('don.pdf'));
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	const summary = page.getByRole('alert');
	await expect(summary.getByRole('heading', { name: 'Có thông tin cần sửa' })).toBeVisible();
	// With JavaScript the summary takes focus (and so comes into view) once errors appear.
	if (js) await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: 'Chọn cơ quan nhận hồ sơ' })).toBeVisible();
	// One specific line per question, never "Bạn cần điền thông tin này" three times.
	await expect(summary.getByRole('link', { name: 'Hãy nhập họ và tên' })).toBeVisible();
	await expect(
		summary.getByRole('link', { name: 'Hãy nhập số quyết định thi hành án' })
	).toBeVisible();
	await expect(
		summary.getByRole('link', { name: 'Hãy chọn một mục ở câu “Bạn là”' })
	).toBeVisible();
	await expect(
		summary.getByRole('link', { name: 'Hãy chọn một mục ở câu “Diện đề nghị”' })
	).toBeVisible();
	await expect(summary.getByText('Bạn cần điền thông tin này')).toHaveCount(0);
	await expect(summary.getByRole('link', { name: /Số điện thoại gồm 10 chữ số/ })).toBeVisible();
	await expect(
		summary.getByRole('link', { name: 'Bạn cần đồng ý để chúng tôi xử lý hồ sơ' })
	).toBeVisible();
	await expect(page.getByLabel('Số điện thoại di động')).toHaveAttribute('aria-invalid', 'true');
	// The file is listed as uploaded (the application form's uploader, with or without JavaScript).
	await expect(
		page.getByRole('listitem').filter({ hasText: 'don.pdf' }).getByText('Đã tải lên')
	).toBeVisible();
	await a11y(page, js);
});

test('the application form keeps a draft on the device and restores it', async ({ page }, info) => {
	test.skip(info.project.use.javaScriptEnabled === false, 'drafts need JavaScript (IndexedDB)');
	await page.goto('/thu-tuc/xac-nhan-ket-qua-thi-hanh-an/nop');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Họ và tên').fill('Phạm Văn Đức');
	await page.getByLabel('Số quyết định thi hành án').fill('77/QĐ-THADS');
	// Wait for the autosave to have written what was typed last (it is debounced).
	await expect
		.poll(() =>
			page.evaluate(
				() =>
					new Promise<string | undefined>((resolve) => {
						const open = indexedDB.open('thads-offline');
						// Not created yet: abort, or this read would create it without the app's stores.
						open.onupgradeneeded = () => open.transaction?.abort();
						open.onerror = () => resolve(undefined);
						open.onsuccess = () => {
							const db = open.result;
							if (!db.objectStoreNames.contains('drafts')) return resolve(undefined);
							const get = db
								.transaction('drafts')
								.objectStore('drafts')
								.get('procedures:xac-nhan-ket-qua-thi-hanh-an');
							get.onsuccess = () =>
								resolve(
									(get.result as { values?: Record<string, string> } | undefined)?.values
										? Object.values(get.result.values).join('|')
										: undefined
								);
							get.onerror = () => resolve(undefined);
						};
					})
			)
		)
		.toContain('77/QĐ-THADS');
	// Coming back later (a new navigation: no browser form restoration).
	await page.goto('/thu-tuc');
	await page.goto('/thu-tuc/xac-nhan-ket-qua-thi-hanh-an/nop');
	await expect(page.getByRole('status').filter({ hasText: 'bản nháp' })).toBeVisible();
	await expect(page.getByLabel('Họ và tên')).toHaveValue('Phạm Văn Đức');
	await expect(page.getByLabel('Số quyết định thi hành án')).toHaveValue('77/QĐ-THADS');
});

// Publishing a new version (rows instead of JSON, a second person's approval) is in
// catalogue-editor.spec.ts.

test('only admins reach the catalogue editor', async ({ page }) => {
	await signInAsStaff(page, demoStaff.proceduresHN1, undefined, '/staff/thu-tuc');
	await expect(page.getByRole('link', { name: 'Sửa danh mục thủ tục' })).toHaveCount(0);
	const res = await page.goto('/staff/thu-tuc/danh-muc/dinh-gia-lai-tai-san');
	expect(res?.status()).toBe(403);
});

test('a procedure taking paper applications offers a printable blank form', async ({
	page
}, info) => {
	const js = info.project.use.javaScriptEnabled !== false;
	await page.goto('/thu-tuc/yeu-cau-thi-hanh-an');
	await page.getByRole('link', { name: 'Tải mẫu đơn / In mẫu đơn' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Đơn yêu cầu thi hành án' })
	).toBeVisible();
	await expect(page.getByText('Mẫu số D04-THADS', { exact: false }).first()).toBeVisible();
	await expect(page.getByText('Số bản án, quyết định:')).toBeVisible();
	await expect(page.getByText('NGƯỜI LÀM ĐƠN', { exact: true })).toBeVisible();
	if (js) await expect(page.getByRole('button', { name: 'In mẫu đơn' })).toBeVisible();
	else await expect(page.getByText(/Dùng chức năng In của trình duyệt/)).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		page.viewportSize()!.width
	);
	await a11y(page, js);
	// Printed, the form stands alone: no site header, navigation or buttons.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('banner')).toBeHidden();
	await expect(page.getByText('NGƯỜI LÀM ĐƠN', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'In mẫu đơn' })).toBeHidden();
});

test('the one-stop inbox fits the screen: on a phone one card per application, no sideways scroll', async ({
	page
}) => {
	// One paper application entered at the desk, so the list is never empty.
	await signInAsStaff(page, demoStaff.proceduresHN1, undefined, '/staff/thu-tuc');
	await page.goto('/staff/thu-tuc/nhap?thu-tuc=xac-nhan-ket-qua-thi-hanh-an');
	await page
		.getByLabel('Họ và tên')
		.fill('Công ty TNHH Thương mại Dịch vụ Xuất nhập khẩu Hoàng Long');
	await page.getByLabel('Số điện thoại di động').fill('0912 345 679');
	await page.getByLabel('Số quyết định thi hành án').fill('88/QĐ-THADS');
	await page
		.getByLabel('Bạn là', { exact: true })
		.selectOption({ label: 'Người được thi hành án' });
	await page.getByRole('button', { name: 'Lưu và in giấy tiếp nhận' }).click();
	await expect(
		page.getByRole('heading', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' })
	).toBeVisible();

	await page.goto('/staff/thu-tuc?xem=tat-ca');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Hồ sơ thủ tục một cửa' })
	).toBeVisible();
	// Neither the page nor the table's own box may need horizontal scrolling.
	const widths = await page.locator('table').evaluate((t) => ({
		table: t.scrollWidth,
		box: t.parentElement!.clientWidth,
		page: document.documentElement.scrollWidth
	}));
	expect(widths.table).toBeLessThanOrEqual(widths.box);
	expect(widths.page).toBeLessThanOrEqual(page.viewportSize()!.width);
	await expectNoA11yViolations(page);

	// The unit's counting for this month includes the paper application just entered.
	await page.getByRole('link', { name: 'Thống kê hồ sơ' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Thống kê hồ sơ thủ tục' })
	).toBeVisible();
	const unit = page.getByRole('region', { name: 'Phòng Thi hành án dân sự khu vực 1 – Hà Nội' });
	await expect(unit.locator('dt:text-is("Tại bộ phận một cửa") + dd')).toHaveText(/^[1-9]/);
	await expect(unit.getByText('Tỷ lệ đúng hạn')).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		page.viewportSize()!.width
	);
	await expectNoA11yViolations(page);
});
