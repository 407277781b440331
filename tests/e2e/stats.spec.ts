// Leadership statistics: a unit head picks a period and reads the published Gia Lai figures,
// downloads a table; a province head drills down; the public page is aggregate-only and cacheable.
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { demoStaff, expectNoA11yViolations, serviceClient, signInAsStaff } from './helpers';

const screenshots = path.join(import.meta.dirname, 'screenshots');

test.describe('staff statistics', () => {
	test('a unit head picks "3 tháng năm 2024", sees 37,21% and downloads the table as CSV', async ({
		page
	}, info) => {
		await signInAsStaff(page, demoStaff.unitHeadGL1, undefined, '/staff/thong-ke');
		await page.goto('/staff/thong-ke');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Thống kê kết quả thi hành án' })
		).toBeVisible();

		const js = info.project.use.javaScriptEnabled !== false;
		await page.getByLabel('Năm công tác', { exact: true }).selectOption('2024');
		const period = page.getByLabel('Kỳ báo cáo', { exact: true });
		// With JavaScript the list follows the year at once; without it the server moves the period.
		if (js) await expect(period.locator('option', { hasText: '3 tháng năm 2024' })).toBeAttached();
		const wanted = (await period.locator('option').allTextContents()).find((t) =>
			/^3 tháng năm 20\d\d \(01\/10\/20\d\d–31\/12\/20\d\d\)$/.test(t.trim())
		)!;
		await period.selectOption({ label: wanted.trim() });
		await page.getByRole('button', { name: 'Xem số liệu' }).click();
		await page.waitForURL(/ky=lk-20\d\d-3/);

		const cases = page.getByTestId('card-cases');
		await expect(cases).toContainText('37,21%');
		await expect(cases).toContainText('2.413 / 6.485');
		await expect(cases).toContainText('Chỉ tiêu 83,25% — còn thiếu 46,04%');
		await expect(cases).toContainText('tăng 234 việc (10,74%)');
		const money = page.getByTestId('card-money');
		await expect(money).toContainText('13,66%');
		await expect(money).toContainText('174 tỷ 390 triệu 399 nghìn đồng');
		await expect(money).toContainText('còn thiếu 33,09%');
		await expect(page.getByTestId('card-share')).toContainText('54,86%');
		await expect(
			page.getByRole('table', { name: 'Kết quả thi hành án theo đơn vị' })
		).toContainText('6.485');

		const link = page.getByRole('link', {
			name: 'Tải bảng: Kết quả thi hành án theo đơn vị (CSV)'
		});
		if (js) {
			const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
			expect(download.suggestedFilename()).toBe('thong-ke_GL-KV1_lk-2024-3_don-vi.csv');
			const csv = await readFile((await download.path())!, 'utf8');
			expect(csv).toContain('Tổng cộng,1,11821,6485,2413,"37,21","83,25","46,04"');
		} else {
			const res = await page.request.get((await link.getAttribute('href'))!);
			expect(res.headers()['content-type']).toContain('text/csv');
			expect(await res.text()).toContain('"37,21"');
		}
		const xlsx = await page.request.get(
			(await page
				.getByRole('link', { name: /Kết quả thi hành án theo đơn vị \(XLSX\)/ })
				.getAttribute('href'))!
		);
		expect(xlsx.status()).toBe(200);
		expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

		await page.screenshot({
			path: path.join(screenshots, `stats-${info.project.name}.png`),
			fullPage: true
		});
		await expectNoA11yViolations(page);
	});

	test('a province head drills down from the province to an office and back up', async ({
		page
	}) => {
		await signInAsStaff(page, demoStaff.provinceHeadHN, undefined, '/staff/thong-ke');
		await page.goto('/staff/thong-ke?ky=nam-2025');
		const table = page.getByRole('table', { name: 'Kết quả thi hành án theo đơn vị' });
		await expect(table.getByRole('rowheader', { name: 'Tổng cộng' })).toBeVisible();
		await table.getByRole('link', { name: 'Phòng Thi hành án dân sự khu vực 2 – Hà Nội' }).click();
		await expect(
			page.locator('p', { hasText: 'Phòng Thi hành án dân sự khu vực 2 – Hà Nội' }).first()
		).toContainText('Năm công tác 2025');
		await page
			.getByRole('link', { name: /Lên cấp trên: Thi hành án dân sự thành phố Hà Nội/ })
			.click();
		await expect(page.getByText('Xếp hạng đơn vị trực thuộc theo tỷ lệ về việc')).toBeVisible();
		await expect(
			page.getByRole('table', { name: 'Xếp hạng đơn vị theo tỷ lệ về việc', includeHidden: true })
		).toBeAttached();
	});

	test("a province head sets an office's targets for next work year; a bad figure is explained", async ({
		page
	}, info) => {
		await signInAsStaff(page, demoStaff.provinceHeadHN, undefined, '/staff/thong-ke');
		await page.goto('/staff/thong-ke?ky=nam-2025');
		await page.getByRole('link', { name: 'Giao chỉ tiêu' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Giao chỉ tiêu thi hành án' })
		).toBeVisible();
		const year = page.getByLabel('Năm công tác', { exact: true });
		const next = (await year.locator('option').first().getAttribute('value'))!;
		await year.selectOption(next);
		await page.getByRole('button', { name: 'Xem chỉ tiêu' }).click();
		await page.waitForURL(new RegExp(`nam=${next}`));

		const office = page.getByRole('form', { name: 'Phòng Thi hành án dân sự khu vực 2 – Hà Nội' });
		await office.getByLabel('Chỉ tiêu về việc (%)').fill('85,555');
		await office.getByLabel('Chỉ tiêu về tiền (%)').fill('52,75');
		await office.getByRole('button', { name: /^Lưu chỉ tiêu/ }).click();
		await expect(page.getByRole('alert').first()).toContainText('Chỉ tiêu về việc');
		await expect(office.getByLabel('Chỉ tiêu về việc (%)')).toHaveAccessibleDescription(
			/tối đa hai chữ số thập phân/
		);
		// What was typed stays, so only the wrong figure needs retyping.
		await expect(office.getByLabel('Chỉ tiêu về tiền (%)')).toHaveValue('52,75');

		await office.getByLabel('Chỉ tiêu về việc (%)').fill('85,5');
		await office.getByRole('button', { name: /^Lưu chỉ tiêu/ }).click();
		await expect(page.getByText(`Đã lưu chỉ tiêu năm công tác ${next}`)).toBeVisible();
		await expect(page.locator('li', { has: office })).toContainText(
			'Đang giao: về việc 85,50%, về tiền 52,75%'
		);
		if (info.project.name === 'phone') {
			await expectNoA11yViolations(page);
			await page.screenshot({ path: path.join(screenshots, 'stats-targets-phone.png') });
		}
	});

	test('without a period the page opens on the newest approved figures, dates beside the name', async ({
		page
	}, info) => {
		// GL-KV1's newest month is a draft waiting for approval (demo data): the page must not open
		// on it (an empty table) but on the newest approved month, lũy kế.
		const { data: latest, error } = await serviceClient()
			.from('enforcement_reports')
			.select('work_year, month_index')
			.eq('unit_id', '00000000-0000-4000-a000-000000000021')
			.eq('status', 'approved')
			.order('month', { ascending: false })
			.limit(1)
			.single<{ work_year: number; month_index: number }>();
		expect(error).toBeNull();
		await signInAsStaff(page, demoStaff.unitHeadGL1, undefined, '/staff/thong-ke');
		await page.goto('/staff/thong-ke');
		const wanted = `lk-${latest!.work_year}-${latest!.month_index}`;
		const period = page.getByLabel('Kỳ báo cáo', { exact: true });
		await expect(period).toHaveValue(wanted);
		// "1 tháng năm 2027 (01/10/2026–31/10/2026)": the work year starts on 1 October.
		await expect(period.locator('option:checked')).toHaveText(
			new RegExp(
				`^${latest!.month_index} tháng năm ${latest!.work_year} \\(01/10/${latest!.work_year - 1}–\\d\\d/\\d\\d/\\d{4}\\)$`
			)
		);
		const table = page.getByRole('table', { name: 'Kết quả thi hành án theo đơn vị' });
		await expect(table.getByRole('rowheader', { name: 'Tổng cộng' })).toBeVisible();
		await expect(page.getByTestId('card-cases')).toContainText('%');
		if (info.project.name !== 'nojs') {
			await expectNoA11yViolations(page);
			await page.screenshot({
				path: path.join(screenshots, `stats-default-${info.project.name}.png`),
				fullPage: true
			});
		}
	});

	test('another office cannot open a unit it may not see', async ({ page }) => {
		await signInAsStaff(page, demoStaff.unitHeadHN1, undefined, '/staff/thong-ke');
		const res = await page.goto('/staff/thong-ke?don-vi=00000000-0000-4000-a000-000000000021');
		expect(res?.status()).toBe(403);
	});

	test('a period crossing two work years is explained, not mixed', async ({ page }) => {
		await signInAsStaff(page, demoStaff.unitHeadGL1, undefined, '/staff/thong-ke');
		await page.goto('/staff/thong-ke?tu=2024-08&den=2024-11');
		await expect(
			page.getByText('Khoảng tùy chọn phải nằm trong một năm công tác (01/10 – 30/9).')
		).toBeVisible();
	});
});

test('the public statistics page shows per-province aggregates and is cacheable', async ({
	page
}) => {
	const res = await page.goto('/thong-ke-cong-khai?ky=lk-2024-3');
	expect(res?.headers()['cache-control']).toContain('public');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Công khai kết quả thi hành án dân sự' })
	).toBeVisible();
	const table = page.getByRole('table');
	await expect(table.getByRole('rowheader', { name: 'Gia Lai' })).toBeVisible();
	await expect(table).not.toContainText('@');
	await expectNoA11yViolations(page);
});

test.describe('entering figures', () => {
	const header =
		'ma_don_vi,thang,viec_chuyen_sang,viec_thu_ly_moi,viec_uy_thac,viec_co_dieu_kien,viec_chua_co_dieu_kien,viec_xong,viec_dinh_chi,viec_hoan,viec_dang_thi_hanh,tien_chuyen_sang,tien_thu_ly_moi,tien_uy_thac,tien_co_dieu_kien,tien_chua_co_dieu_kien,tien_xong,tien_dinh_chi,tien_hoan,tien_dang_thi_hanh';
	const good =
		'GL-KV1,2026-11,2000,300,0,1300,1000,500,0,0,800,400000000000,60000000000,0,200000000000,260000000000,30000000000,0,0,170000000000';

	test('a file with one bad row is refused whole, with every problem listed', async ({ page }) => {
		await signInAsStaff(page, demoStaff.unitHeadGL1, undefined, '/staff/thong-ke/nhap-tep');
		await page.goto('/staff/thong-ke/nhap-tep');
		await expect(page.getByRole('link', { name: 'Tải mẫu CSV' })).toBeVisible();
		const bad = [
			header,
			good,
			'XX-9,2026-11,1,0,0,1,0,1,0,0,0,0,0,0,0,0,0,0,0,0',
			'GL-KV1,2026-11,2000,300,0,1300,1000,abc,0,0,800,400000000000,60000000000,0,200000000000,260000000000,-1,0,0,170000000000'
		].join('\n');
		await page
			.getByLabel('Tệp số liệu (CSV hoặc XLSX, tối đa 2 MB)')
			.setInputFiles({ name: 'so-lieu.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
		await page.getByRole('button', { name: 'Kiểm tra và nhập' }).click();
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Tệp bị từ chối');
		await expect(alert).toContainText('mã đơn vị không tồn tại');
		await expect(alert).toContainText('phải là số nguyên không âm');
		await expect(alert).toContainText('không được âm');
		await expect(alert.getByRole('row', { name: /^4 viec_xong/ })).toBeVisible();
		await expectNoA11yViolations(page);
	});

	test('a good file becomes a draft that the unit head approves and locks', async ({
		page
	}, info) => {
		// Changes the shared database (the month is locked afterwards): run it once, not per project.
		test.skip(info.project.name !== 'desktop', 'stateful: runs in the desktop project only');
		await signInAsStaff(page, demoStaff.unitHeadGL1, undefined, '/staff/thong-ke/nhap-tep');
		await page.goto('/staff/thong-ke/nhap-tep');
		await page.getByLabel('Tệp số liệu (CSV hoặc XLSX, tối đa 2 MB)').setInputFiles({
			name: 'so-lieu.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(`${header}\n${good}\n`)
		});
		await page.getByRole('button', { name: 'Kiểm tra và nhập' }).click();
		await expect(page.getByText('Đã nhập 1 dòng thành bản nháp chờ duyệt.')).toBeVisible();

		await page.goto('/staff/thong-ke/nhap');
		await expect(page.getByText('38,46% (500/1.300)')).toBeVisible();
		await page.getByRole('button', { name: 'Duyệt và khóa tháng 11/2026' }).click();
		await expect(page.getByText('Không có bản nháp nào chờ duyệt.')).toBeVisible();
		await expectNoA11yViolations(page);
	});
});
