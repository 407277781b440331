// Real files on every citizen upload path (ARCHITECTURE.md rule 10): a 9 MB phone photo and a 2 MB
// scan go through the complaint uploader and the application form, on a 360 px phone with and
// without JavaScript. Stored photos keep no EXIF position; a file over 10 MB is named in the error.
// (Every other upload path — staff decisions, results, supplements, appeals, the offline outbox —
// sends 2 MB scans in its own journey spec.)
import { expect, test } from '@playwright/test';
import { serviceClient } from './helpers';
import { MB, PHOTO_GPS_MARKER, phonePhoto, scannedPdf } from './files';

test.beforeEach(({ page }, info) => {
	void page;
	test.skip(info.project.name === 'desktop', 'phone-sized journeys: the phone and no-JS projects');
});

/** The stored attachment named `name` (the newest) and its bytes. */
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
	const bytes = Buffer.from(await file.data!.arrayBuffer());
	return { ...(data as { size_bytes: number; mime_type: string }), bytes };
}

const unique = () => Math.random().toString(36).slice(2, 8);

test('a 9 MB phone photo and a 2 MB scan are accepted as complaint evidence, without the GPS position', async ({
	page,
	browser
}, info) => {
	test.setTimeout(90_000);
	const js = info.project.use.javaScriptEnabled !== false;
	const photoName = `xe-may-${unique()}.jpg`;
	const scanName = `giay-dang-ky-${unique()}.pdf`;
	const photo = await phonePhoto(browser, photoName);
	expect(photo.buffer.length).toBeGreaterThan(9 * MB - 70_000);

	await page.goto('/gui-don');
	await page.getByRole('radio', { name: 'Khiếu nại', exact: true }).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Đơn khiếu nại' })).toBeVisible();
	const input = page.locator('input[type=file][name=files]');
	if (js) {
		// The uploader sends each file as soon as it is picked, shrinking photos on the phone.
		await input.setInputFiles([photo, scannedPdf(scanName)]);
		for (const name of [photoName, scanName])
			await expect(
				page.getByRole('listitem').filter({ hasText: name }).getByText('Đã tải lên')
			).toBeVisible({ timeout: 30_000 });
		const shrunk = await stored(photoName);
		expect(shrunk.mime_type).toBe('image/jpeg');
		expect(shrunk.size_bytes).toBeLessThan(2 * MB);
		expect(shrunk.bytes.includes(PHOTO_GPS_MARKER)).toBe(false);
		expect((await stored(scanName)).size_bytes).toBe(2 * MB);
	} else {
		// Without JavaScript the files go with the form; an incomplete form keeps them stored.
		await input.setInputFiles([photo, scannedPdf(scanName)]);
		await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại đơn' }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'Có thông tin cần sửa' })).toBeVisible();
		const kept = await stored(photoName);
		// The original bytes, minus the metadata: nothing said where the photo was taken.
		expect(kept.size_bytes).toBeGreaterThan(100_000);
		expect(kept.bytes.includes(PHOTO_GPS_MARKER)).toBe(false);
		expect(kept.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
		expect((await stored(scanName)).size_bytes).toBe(2 * MB);
	}
});

test('a file over 10 MB is refused by name, never as a network problem', async ({ page }, info) => {
	test.skip(info.project.use.javaScriptEnabled === false, 'the live uploader needs JavaScript');
	await page.goto('/gui-don');
	await page.getByRole('radio', { name: 'Khiếu nại', exact: true }).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await page
		.locator('input[type=file][name=files]')
		.setInputFiles(scannedPdf('ban-an-day-du.pdf', 11 * MB));
	await expect(page.getByText('Tệp «ban-an-day-du.pdf» lớn hơn 10 MB.')).toBeVisible();
	// A refused file is an error to fix, not listed among the files uploaded.
	await expect(page.getByRole('heading', { name: 'Tệp đã tải lên' })).toHaveCount(0);
	await expect(page.getByText(/kiểm tra (kết nối|mạng)/i)).toHaveCount(0);
});

test('an application carries a 9 MB phone photo of the ID card and a 2 MB scan', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	const photoName = `cccd-${unique()}.jpg`;
	const photo = await phonePhoto(browser, photoName);
	await page.goto('/thu-tuc/xac-nhan-ket-qua-thi-hanh-an/nop');
	await page.getByLabel('Cơ quan nhận hồ sơ').selectOption({ label: 'Khu vực 1 – Hà Nội' });
	await page.getByLabel('Họ và tên').fill('Trần Văn Ảnh');
	await page.getByLabel('Số điện thoại di động').fill('0912 345 678');
	await page.getByLabel('Số quyết định thi hành án').fill('125/QĐ-THADS');
	await page
		.getByLabel('Bạn là', { exact: true })
		.selectOption({ label: 'Người được thi hành án' });
	await page
		.getByLabel('Đơn đề nghị xác nhận kết quả thi hành án')
		.setInputFiles(scannedPdf('don-de-nghi.pdf'));
	await page.getByLabel('Ảnh hoặc bản sao CCCD/hộ chiếu của người yêu cầu').setInputFiles(photo);
	await page.getByLabel(/Tôi đồng ý/).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(
		page.getByRole('heading', { name: 'Kiểm tra lại thông tin trước khi gửi' })
	).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText(photoName)).toBeVisible();
	await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
	await expect(
		page.getByRole('heading', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' })
	).toBeVisible();
	const kept = await stored(photoName);
	expect(kept.bytes.includes(PHOTO_GPS_MARKER)).toBe(false);
});
