// The one-stop application form with real files and one round of errors (issue 18, items 1, 2 and
// the last of 8): on a 360 px phone a citizen attaches a ~6 MB phone photo and a ~9 MB scan, sees
// each upload's progress and gets the receipt; a file over 10 MB (or refused by a proxy with 413) is
// named in the error, never blamed on the network, and not listed among the uploaded files; an
// empty "Tiếp tục" lists every problem at once, in a summary that takes focus and is in view.
import { expect, test, type Page } from '@playwright/test';
import { serviceClient } from './helpers';
import { MB, PHOTO_GPS_MARKER, phonePhoto, scannedPdf } from './files';

const FORM = '/thu-tuc/xac-nhan-ket-qua-thi-hanh-an/nop';
const REQUEST_DOC = 'Đơn đề nghị xác nhận kết quả thi hành án';
const ID_DOC = 'Ảnh hoặc bản sao CCCD/hộ chiếu của người yêu cầu';
const unique = () => Math.random().toString(36).slice(2, 8);

/** Everything but the files and the consent, as a citizen types it. */
async function fillAnswers(page: Page, name = 'Trần Văn Ảnh') {
	await page.getByLabel('Cơ quan nhận hồ sơ').selectOption({ label: 'Khu vực 1 – Hà Nội' });
	await page.getByLabel('Họ và tên').fill(name);
	await page.getByLabel('Số điện thoại di động').fill('0912 345 678');
	await page.getByLabel('Số quyết định thi hành án').fill('125/QĐ-THADS');
	await page
		.getByLabel('Bạn là', { exact: true })
		.selectOption({ label: 'Người được thi hành án' });
}

/** The newest stored attachment named `name`. */
async function stored(name: string) {
	const service = serviceClient();
	const { data } = await service
		.from('attachments')
		.select('path, bucket, size_bytes, mime_type')
		.eq('file_name', name)
		.order('uploaded_at', { ascending: false })
		.limit(1)
		.single();
	expect(data, `attachment ${name} stored`).toBeTruthy();
	const file = await service.storage.from(data!.bucket as string).download(data!.path as string);
	return {
		...(data as { size_bytes: number; mime_type: string }),
		bytes: Buffer.from(await file.data!.arrayBuffer())
	};
}

test('a citizen applies with a 6 MB phone photo and a 9 MB scan, sees each upload progress and gets the receipt', async ({
	page,
	browser
}, info) => {
	test.skip(info.project.use.javaScriptEnabled === false, 'the live uploader needs JavaScript');
	test.setTimeout(120_000);
	const photoName = `cccd-${unique()}.jpg`;
	const scanName = `don-de-nghi-${unique()}.pdf`;
	const photo = await phonePhoto(browser, photoName, 6 * MB);
	expect(photo.buffer.length).toBeGreaterThan(6 * MB - 70_000);
	const scan = scannedPdf(scanName, 9 * MB);

	await page.goto(FORM);
	await fillAnswers(page);

	// Hold the scan's upload on its way to the server: meanwhile the page shows its progress.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/nop/tai-len', async (route) => {
		if (route.request().method() === 'POST') await held;
		await route.continue();
	});
	await page.getByLabel(REQUEST_DOC).setInputFiles(scan);
	await expect(
		page.getByRole('progressbar', { name: new RegExp(`Đang tải lên ${scanName}`) })
	).toBeVisible();
	release();
	const scanItem = page.getByRole('listitem').filter({ hasText: scanName });
	await expect(scanItem.getByText('Đã tải lên')).toBeVisible({ timeout: 30_000 });
	await expect(scanItem).toContainText('9,0 MB');

	await page.getByLabel(ID_DOC).setInputFiles(photo);
	await expect(
		page.getByRole('listitem').filter({ hasText: photoName }).getByText('Đã tải lên')
	).toBeVisible({ timeout: 30_000 });
	// Shrunk on the phone before it left: far less than 6 MB went over the network and was kept.
	const kept = await stored(photoName);
	expect(kept.mime_type).toBe('image/jpeg');
	expect(kept.size_bytes).toBeLessThan(2 * MB);
	expect(kept.bytes.includes(PHOTO_GPS_MARKER)).toBe(false);
	expect((await stored(scanName)).size_bytes).toBe(9 * MB);

	await page.getByLabel(/Tôi đồng ý/).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(
		page.getByRole('heading', { name: 'Kiểm tra lại thông tin trước khi gửi' })
	).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText(`${REQUEST_DOC}: ${scanName}`)).toBeVisible();
	await expect(page.getByText(`${ID_DOC}: ${photoName}`)).toBeVisible();
	await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
	await expect(
		page.getByRole('heading', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' })
	).toBeVisible();
});

test('a file over 10 MB, or one a proxy refuses with 413, is named in the error and not listed as uploaded', async ({
	page,
	context
}, info) => {
	test.skip(info.project.use.javaScriptEnabled === false, 'the live uploader needs JavaScript');
	test.setTimeout(60_000);
	await page.goto(FORM);
	await page.getByLabel(REQUEST_DOC).setInputFiles(scannedPdf('ban-an-day-du.pdf', 11 * MB));
	await expect(page.getByText('Tệp «ban-an-day-du.pdf» lớn hơn 10 MB')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Tệp đã tải lên' })).toHaveCount(0);

	// A proxy in front of the app refusing the body (413, an HTML page): still the size, by name.
	await page.route('**/nop/tai-len', (route) =>
		route.fulfill({ status: 413, contentType: 'text/html', body: '<h1>413</h1>' })
	);
	await page.getByLabel(ID_DOC).setInputFiles(scannedPdf('cccd-to.pdf', 2 * MB));
	await expect(
		page.getByRole('listitem').filter({ hasText: 'Tệp «cccd-to.pdf» lớn hơn 10 MB' })
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Tệp đã tải lên' })).toHaveCount(0);
	await expect(page.getByText(/kiểm tra (kết nối|mạng)/i)).toHaveCount(0);

	// The connection cut while the server reads the body (a proxy's limit), the network being up:
	// said as such, by name, not "check your network".
	await page.unroute('**/nop/tai-len');
	await page.route('**/nop/tai-len', (route) =>
		route.request().method() === 'POST' ? route.abort('connectionreset') : route.continue()
	);
	await page.getByLabel(ID_DOC).setInputFiles(scannedPdf('cccd-mat-truoc.pdf', 2 * MB));
	await expect(
		page
			.getByRole('listitem')
			.filter({ hasText: 'cccd-mat-truoc.pdf' })
			.getByText('Máy chủ ngắt kết nối khi nhận tệp «cccd-mat-truoc.pdf»', { exact: false })
	).toBeVisible();
	await page.unroute('**/nop/tai-len');

	// Really offline: named, and Retry sends it once the network is back.
	await context.setOffline(true);
	await page.getByLabel(ID_DOC).setInputFiles(scannedPdf('cccd-mat-sau.pdf', 2 * MB));
	const item = page.getByRole('listitem').filter({ hasText: 'cccd-mat-sau.pdf' });
	await expect(item.getByText('Chưa gửi được tệp «cccd-mat-sau.pdf» vì mất mạng.')).toBeVisible();
	await context.setOffline(false);
	await item.getByRole('button', { name: 'Thử lại' }).click();
	await expect(item.getByText('Đã tải lên')).toBeVisible({ timeout: 30_000 });
});

test('without JavaScript a file over 10 MB is refused by name and the good file is kept', async ({
	page
}, info) => {
	test.skip(info.project.use.javaScriptEnabled !== false, 'the plain multipart post');
	test.setTimeout(60_000);
	await page.goto(FORM);
	await fillAnswers(page);
	await page.getByLabel(REQUEST_DOC).setInputFiles(scannedPdf('ban-an-day-du.pdf', 11 * MB));
	await page.getByLabel(ID_DOC).setInputFiles(scannedPdf('cccd.pdf', 2 * MB));
	await page.getByLabel(/Tôi đồng ý/).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	const summary = page.getByRole('alert');
	await expect(
		summary.getByRole('link', { name: /Tệp «ban-an-day-du\.pdf» lớn hơn 10 MB/ })
	).toBeVisible();
	await expect(summary).toBeInViewport();
	const uploaded = (name: string) =>
		page.getByRole('listitem').filter({ hasText: name }).filter({ hasText: 'Đã tải lên' });
	await expect(uploaded('cccd.pdf')).toBeVisible();
	await expect(uploaded('ban-an-day-du.pdf')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Tệp đã tải lên' })).toHaveCount(1);
	// Only the missing scan is left to fix: choose it and the form goes through.
	await page.getByLabel(REQUEST_DOC).setInputFiles(scannedPdf('don-de-nghi.pdf', 2 * MB));
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(
		page.getByRole('heading', { name: 'Kiểm tra lại thông tin trước khi gửi' })
	).toBeVisible();
	await expect(page.getByText(`${ID_DOC}: cccd.pdf`)).toBeVisible();
});

test('an empty form lists every problem in one round, each named, in a focused summary in view', async ({
	page
}, info) => {
	const js = info.project.use.javaScriptEnabled !== false;
	await page.goto(FORM);
	if (js) await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Có thông tin cần sửa' });
	await expect(summary).toBeVisible();
	if (js) await expect(summary).toBeFocused();
	await expect(summary).toBeInViewport();
	const expected = [
		'Chọn cơ quan nhận hồ sơ',
		'Hãy nhập họ và tên',
		'Cho chúng tôi số điện thoại hoặc thư điện tử để báo kết quả',
		'Hãy nhập số quyết định thi hành án',
		'Hãy chọn một mục ở câu “Bạn là”',
		`Hãy tải lên đơn đề nghị xác nhận kết quả thi hành án`,
		`Hãy tải lên ảnh hoặc bản sao CCCD/hộ chiếu của người yêu cầu`,
		'Bạn cần đồng ý để chúng tôi xử lý hồ sơ'
	];
	await expect(summary.getByRole('link')).toHaveText(expected);
	// Each line leads to its question.
	await summary.getByRole('link', { name: 'Hãy tải lên đơn đề nghị' }).click();
	await expect(page.getByLabel(REQUEST_DOC)).toBeFocused();

	// Fixing exactly what was listed is enough: no second round of new errors.
	await fillAnswers(page, 'Lê Thị Một Lần');
	await page.getByLabel(REQUEST_DOC).setInputFiles(scannedPdf('don.pdf', 2 * MB));
	await page.getByLabel(ID_DOC).setInputFiles(scannedPdf('cccd.pdf', 2 * MB));
	if (js)
		for (const name of ['don.pdf', 'cccd.pdf'])
			await expect(
				page.getByRole('listitem').filter({ hasText: name }).getByText('Đã tải lên')
			).toBeVisible({ timeout: 30_000 });
	await page.getByLabel(/Tôi đồng ý/).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(
		page.getByRole('heading', { name: 'Kiểm tra lại thông tin trước khi gửi' })
	).toBeVisible();
});

test('screenshots of the form with errors and with uploads, in Vietnamese and English', async ({
	page
}, info) => {
	test.skip(info.project.name !== 'phone', 'phone-sized screenshots, once');
	test.setTimeout(60_000);
	for (const lang of ['vi', 'en'] as const) {
		await page.goto(lang === 'en' ? `/en${FORM}` : FORM);
		await page.waitForLoadState('networkidle');
		await page
			.locator('input[type=file]')
			.first()
			.setInputFiles(scannedPdf('don.pdf', 2 * MB));
		await expect(page.getByRole('listitem').filter({ hasText: 'don.pdf' })).toContainText(
			lang === 'en' ? 'Uploaded' : 'Đã tải lên',
			{ timeout: 30_000 }
		);
		await page
			.locator('input[type=file]')
			.nth(1)
			.setInputFiles(scannedPdf('qua-lon.pdf', 11 * MB));
		await expect(page.getByText('«qua-lon.pdf»')).toBeVisible();
		await page.getByRole('button', { name: lang === 'en' ? 'Continue' : 'Tiếp tục' }).click();
		await expect(page.getByRole('alert').first()).toBeFocused();
		await page.screenshot({ path: `test-results/procform-errors-${lang}.png` });
		await page.screenshot({ path: `test-results/procform-full-${lang}.png`, fullPage: true });
	}
	// Nothing wider than the phone.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
