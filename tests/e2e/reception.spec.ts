// Citizen reception end to end: a citizen books on a 360 px phone (with and without JavaScript),
// the desk checks them in by code at 1280 px, records the visit and registers the petition as a
// complaint. axe runs on every page visited.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import {
	demoStaff,
	expectNoA11yViolations,
	serviceClient,
	signInAsStaff,
	waitForServiceWorker
} from './helpers';

const screenshots = path.join(import.meta.dirname, 'screenshots');
const randomPhone = () => `09${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** Books the first free slot at HN-KV1 through the citizen pages; returns the code and whether the slot is today. */
async function bookAsCitizen(
	page: Page,
	name: string,
	shots = false,
	js = true
): Promise<{ code: string; today: boolean }> {
	// axe needs JavaScript in the page; the no-JS project checks the same pages with it on.
	const a11y = async () => {
		if (js) await expectNoA11yViolations(page);
	};
	await page.goto('/dat-lich');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Đặt lịch tiếp công dân' })
	).toBeVisible();
	await a11y();
	if (shots)
		await page.screenshot({
			path: path.join(screenshots, 'reception-1-offices-phone.png'),
			fullPage: true
		});
	await page.getByLabel('Tìm theo tỉnh, thành phố hoặc xã, phường').fill('ha noi');
	await page.getByRole('button', { name: 'Tìm', exact: true }).click();
	await page
		.getByRole('link', {
			name: 'Đặt lịch tại cơ quan này: Phòng Thi hành án dân sự khu vực 1 – Hà Nội'
		})
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Chọn ngày và giờ' })).toBeVisible();
	await a11y();
	if (shots)
		await page.screenshot({
			path: path.join(screenshots, 'reception-2-slots-phone.png'),
			fullPage: true
		});
	// "Tiếp tục" without a time: the error summary, not the browser's bubble (issue 18.8).
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(
		page.getByRole('alert').getByRole('link', { name: 'Hãy chọn một giờ còn chỗ' })
	).toBeVisible();
	const first = page.locator('input[name="gio"]:not([disabled])').first();
	const startsAt = await first.getAttribute('value');
	await first.check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Thông tin người đến' })).toBeVisible();
	// Empty form: the error summary lists what is missing.
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Có thông tin cần sửa' })).toBeVisible();
	await page.getByLabel('Họ và tên').fill(name);
	await page.getByLabel('Số điện thoại di động').fill(randomPhone());
	if (js) {
		// A group's representatives are asked only of a group (issue 18.8).
		await expect(page.getByLabel(/Người đại diện của đoàn/)).toHaveCount(0);
		await page.getByLabel('Số người cùng đến').fill('5');
		await expect(page.getByLabel(/Người đại diện của đoàn/)).toBeVisible();
	}
	await page.getByLabel('Số người cùng đến').fill('1');
	await page.getByRole('radio', { name: 'Khiếu nại', exact: true }).check();
	await page.getByLabel('Số quyết định hoặc số vụ việc').fill('45/QĐ-THADS');
	await page.getByLabel(/Tôi đồng ý/).check();
	await a11y();
	if (shots)
		await page.screenshot({
			path: path.join(screenshots, 'reception-3-details-phone.png'),
			fullPage: true
		});
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin trước khi đặt lịch' })
	).toBeVisible();
	await expect(page.getByText(name)).toBeVisible();
	await a11y();
	await page.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Đã đặt lịch' })).toBeVisible();
	const code = (await page.getByTestId('booking-code').textContent())!.trim();
	expect(code).toMatch(/^LH-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
	await expect(page.getByTestId('booking-secret')).toHaveText(/^[2-9A-HJ-NP-Z]{8}$/);
	await expect(page.getByRole('link', { name: /Thêm vào lịch/ })).toHaveAttribute(
		'href',
		`/dat-lich/lich-hen/${code}/lich.ics`
	);
	// The receipt (issue 18.6): next steps with the date, an honest SMS line, share/print, copy.
	const next = page.getByRole('region', { name: 'Điều gì xảy ra tiếp theo' });
	await expect(next.getByTestId('next-steps')).toContainText(
		/lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/
	);
	await expect(next.getByTestId('sms-status')).toBeVisible();
	if (js) {
		await expect(page.getByRole('button', { name: 'Chép mã tra cứu' })).toBeVisible();
		await expect(
			page.getByRole('button', { name: /In biên nhận|Chia sẻ hoặc lưu biên nhận/ })
		).toBeVisible();
	}
	await a11y();
	if (shots)
		await page.screenshot({
			path: path.join(screenshots, 'reception-4-confirmation-phone.png'),
			fullPage: true
		});
	const today =
		new Date(Date.parse(startsAt!) + 7 * 3600_000).toISOString().slice(0, 10) === vnToday();
	return { code, today };
}

test('a citizen books on a phone; the desk checks in by code, records the visit and registers the complaint', async ({
	page,
	browser
}, info) => {
	test.skip(
		info.project.name !== 'phone',
		'one journey across two devices; the phone project drives it'
	);
	test.setTimeout(120_000);
	const { code, today } = await bookAsCitizen(page, 'Phạm Thị Thu', true);

	// The confirmation stays on the phone for offline viewing.
	await page.goto('/dat-lich/da-luu');
	await expect(page.getByTestId('booking-code').first()).toHaveText(code);
	// …and opens with no network (the page is prerendered and precached by the service worker).
	await waitForServiceWorker(page);
	await page.context().setOffline(true);
	await page.reload();
	await expect(page.getByTestId('booking-code').first()).toHaveText(code);
	await page.context().setOffline(false);

	const desk = await (
		await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' })
	).newPage();
	await signInAsStaff(desk, demoStaff.receptionHN1, undefined, '/staff/tiep-cong-dan');
	await desk.goto('/staff/tiep-cong-dan');
	await expect(desk.getByRole('heading', { level: 1, name: 'Tiếp công dân' })).toBeVisible();
	await expectNoA11yViolations(desk);

	// A code of another unit is refused at the Gia Lai desk.
	const gl = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
	await signInAsStaff(gl, demoStaff.receptionGL1, undefined, '/staff/tiep-cong-dan');
	await gl.goto('/staff/tiep-cong-dan');
	await gl.getByLabel('Mã lịch hẹn').fill(code);
	await gl.getByRole('button', { name: 'Đón', exact: true }).click();
	await expect(
		gl.getByText('Mã này là lịch hẹn tại cơ quan khác, không phải cơ quan của bạn').first()
	).toBeVisible();

	if (!today) {
		// Late in the day, or on a day off, the first free slot is on a later day; the desk only
		// checks in today's appointments, so the fixture moves this one to now.
		const now = new Date();
		const { error } = await serviceClient()
			.from('bookings')
			.update({
				day: vnToday(),
				starts_at: now.toISOString(),
				ends_at: new Date(now.getTime() + 30 * 60_000).toISOString()
			})
			.eq('tracking_code', code);
		expect(error).toBeNull();
		await desk.reload();
	}
	await desk.getByLabel('Mã lịch hẹn').fill(code.replace(/-/g, '').toLowerCase());
	await desk.getByRole('button', { name: 'Đón', exact: true }).click();
	await expect(desk.getByText(/Đã đón Phạm Thị Thu\. Số thứ tự \d+\./)).toBeVisible();
	await desk.screenshot({
		path: path.join(screenshots, 'reception-5-desk-desktop.png'),
		fullPage: true
	});
	const row = desk.locator(`[data-testid="desk-row"][data-code="${code}"]`);
	await expect(row.getByText('Đã đến', { exact: true })).toBeVisible();
	await row.getByRole('link', { name: 'Ghi sổ: Phạm Thị Thu' }).click();
	await expect(desk.getByRole('heading', { level: 1, name: 'Ghi sổ tiếp công dân' })).toBeVisible();
	await desk
		.getByLabel('Nội dung làm việc')
		.fill(
			'Công dân khiếu nại quyết định kê biên tài sản số 45/QĐ-THADS vì tài sản là của người khác.'
		);
	await desk
		.getByLabel('Tài liệu nhận')
		.fill('Đơn khiếu nại (1 bản); bản sao giấy chứng nhận quyền sử dụng đất');
	await desk.getByRole('radio', { name: /Nhận đơn/ }).check();
	await desk.getByLabel('Yêu cầu của công dân').fill('Hủy quyết định kê biên tài sản');
	await desk.getByLabel(/Công dân đồng ý/).check();
	await expectNoA11yViolations(desk);
	await desk.screenshot({
		path: path.join(screenshots, 'reception-6-record-desktop.png'),
		fullPage: true
	});
	await desk.getByRole('button', { name: 'Lưu vào sổ' }).click();
	const done = desk.getByText(/Đã ghi sổ và vào sổ đơn: mã KN-/);
	await expect(done).toBeVisible();
	const complaintCode = (await done.textContent())!.match(/KN-[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
	// The citizen leaves with the code and its secret (shown once, never put in the URL).
	const handover = desk.getByTestId('petition-secret');
	await expect(handover).toContainText(complaintCode);
	const secret = (await handover.locator('dd').nth(1).textContent())!.trim();
	expect(secret).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
	expect(desk.url()).not.toContain(secret);
	expect(desk.url()).not.toContain(complaintCode);

	// The complaints queue shows it (when the complaints staff pages exist in this build).
	const officer = await (
		await browser.newContext({ viewport: { width: 1280, height: 800 } })
	).newPage();
	await signInAsStaff(officer, demoStaff.complaintsHN1);
	await officer.goto('/staff/khieu-nai');
	await expect(officer.getByText(complaintCode).first()).toBeVisible();
});

test('booking works as plain HTML forms without JavaScript', async ({ page }, info) => {
	test.skip(info.project.name !== 'nojs', 'runs in the no-JavaScript project');
	test.setTimeout(90_000);
	const { code } = await bookAsCitizen(page, 'Võ Văn Không', false, false);
	await cancelWithConfirmation(page, code);
});

/** Cancel asks once (issue 18.8): a confirmation step of its own, focused, "No" keeps it. */
async function cancelWithConfirmation(page: Page, code: string) {
	await page.getByRole('link', { name: 'Hủy lịch hẹn', exact: true }).click();
	const ask = page.getByRole('heading', { name: 'Bạn chắc chắn hủy lịch hẹn?' });
	await expect(ask).toBeFocused();
	await page.getByRole('link', { name: 'Không, giữ lịch hẹn' }).click();
	await expect(page.getByRole('heading', { name: 'Bạn chắc chắn hủy lịch hẹn?' })).toHaveCount(0);
	await expect(page.getByText('Đã đặt lịch', { exact: true }).first()).toBeVisible();
	await page.getByRole('link', { name: 'Hủy lịch hẹn', exact: true }).click();
	await page.getByRole('button', { name: 'Có, hủy lịch hẹn' }).click();
	await expect(page.getByText('Đã hủy lịch hẹn. Cảm ơn bạn đã báo trước.')).toBeVisible();
	await expect(page.getByTestId('booking-code')).toHaveText(code);
}

test('cancelling a booking on a phone asks once, and "No" keeps it', async ({ page }, info) => {
	test.skip(info.project.name !== 'phone', 'the phone project; nojs has its own');
	test.setTimeout(90_000);
	const { code } = await bookAsCitizen(page, 'Đỗ Thị Hủy', false, true);
	await page.goto(`/dat-lich/lich-hen/${code}`);
	await expect(page.getByRole('link', { name: 'Hủy lịch hẹn', exact: true })).toBeVisible();
	await page.screenshot({
		path: path.join(screenshots, 'receipts-booking-manage-vi.png'),
		fullPage: true
	});
	await cancelWithConfirmation(page, code);
	await page.goto(`/en/dat-lich/lich-hen/${code}`);
	await page.screenshot({
		path: path.join(screenshots, 'receipts-booking-cancelled-en.png'),
		fullPage: true
	});
});

test('the desk schedule page and the printable list open for reception staff', async ({
	page
}, info) => {
	test.skip(info.project.name !== 'desktop', 'desk pages at desktop size');
	await signInAsStaff(page, demoStaff.receptionHN1, undefined, '/staff/tiep-cong-dan/lich');
	await page.goto('/staff/tiep-cong-dan/lich');
	await expect(page.getByRole('heading', { level: 1, name: /Lịch tiếp công dân/ })).toBeVisible();
	await expectNoA11yViolations(page);
	await page.screenshot({
		path: path.join(screenshots, 'reception-7-schedule-desktop.png'),
		fullPage: true
	});
	await page.goto('/staff/tiep-cong-dan/in');
	await expect(
		page.getByRole('heading', { level: 1, name: /Danh sách tiếp công dân ngày/ })
	).toBeVisible();
	const csv = await page.request.get(
		`/staff/tiep-cong-dan/so.csv?tu=${vnToday().slice(0, 8)}01&den=${vnToday()}`
	);
	expect(csv.status()).toBe(200);
	expect(await csv.text()).toContain('Họ tên công dân');
});

test('the desk adds a walk-in who agreed orally; the consent is on record with the officer', async ({
	page
}, info) => {
	test.skip(info.project.name === 'phone', 'the desk works at desk size (desktop, and without JS)');
	await signInAsStaff(page, demoStaff.receptionHN1, undefined, '/staff/tiep-cong-dan');
	const name = `Người đến trực tiếp ${Math.random().toString(36).slice(2, 7)}`;
	const form = page.locator('form[action="?/walkin"]');
	await form.getByLabel('Họ và tên').fill(name);
	await form.getByLabel('Bạn đến để').selectOption({ index: 1 });
	await form.getByLabel(/Công dân đã đồng ý \(bằng lời\)/).check();
	await form.getByRole('button', { name: 'Thêm vào danh sách' }).click();
	await expect(page.getByText(new RegExp(`Đã thêm ${name}, số thứ tự`))).toBeVisible();

	const service = serviceClient();
	const { data: booking } = await service
		.from('bookings')
		.select('id')
		.eq('full_name', name)
		.single<{ id: string }>();
	const { data: consents } = await service
		.from('personal_data_consents')
		.select('method, purpose, recorded_by')
		.eq('record_id', booking!.id);
	expect(consents).toEqual([
		expect.objectContaining({ method: 'oral_at_desk', purpose: 'reception_booking' })
	]);
	expect(consents![0]!.recorded_by).toBeTruthy();
});

// ---------------------------------------------------------------------------------------------
// The desk's order, the call-next board and the QR fallback (issues 18.11 and 17.8).
// ---------------------------------------------------------------------------------------------

const HN1 = 'Phòng Thi hành án dân sự khu vực 1 – Hà Nội';
const tag = () => Math.random().toString(36).slice(2, 7);
/** Today at hh:mm in Vietnam, as an instant. */
const todayAt = (hhmm: string) => new Date(`${vnToday()}T${hhmm}:00+07:00`).toISOString();

/**
 * A booking at HN-KV1 today at `hhmm`, written directly (the public booking function limits how
 * many bookings one client makes, and only offers future slots).
 */
async function bookingToday(name: string, hhmm: string): Promise<string> {
	const service = serviceClient();
	const { data: unit } = await service
		.from('units')
		.select('id')
		.eq('name', HN1)
		.is('valid_to', null)
		.single<{ id: string }>();
	const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // the tracking alphabet: no 0 O 1 I L
	const part = () =>
		Array.from({ length: 4 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
	const code = `LH-${part()}-${part()}`;
	const startsAt = todayAt(hhmm);
	const { error } = await service.from('bookings').insert({
		unit_id: unit!.id,
		channel: 'online',
		status: 'booked',
		day: vnToday(),
		starts_at: startsAt,
		ends_at: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
		tracking_code: code,
		full_name: name,
		phone: randomPhone(),
		topic: 'khieu_nai'
	});
	expect(error).toBeNull();
	return code;
}

async function checkIn(page: Page, code: string, name: string) {
	await page.getByLabel('Mã lịch hẹn').fill(code);
	await page.getByRole('button', { name: 'Đón', exact: true }).click();
	await expect(page.getByText(new RegExp(`Đã đón ${name}\\. Số thứ tự \\d+\\.`))).toBeVisible();
}

async function addWalkIn(page: Page, name: string) {
	const form = page.locator('form[action="?/walkin"]');
	await form.getByLabel('Họ và tên').fill(name);
	await form.getByLabel('Bạn đến để').selectOption({ index: 1 });
	await form.getByRole('button', { name: 'Thêm vào danh sách' }).click();
	await expect(page.getByText(new RegExp(`Đã thêm ${name}, số thứ tự`))).toBeVisible();
}

test('the desk lists people by arrival: a walk-in who came later sits below, those not here after', async ({
	page
}, info) => {
	test.skip(info.project.name === 'nojs', 'desk order is checked on phone and desktop');
	const t = tag();
	const early = `Người hẹn 10 giờ đến sớm ${t}`;
	const absent = `Người hẹn 8 giờ chưa đến ${t}`;
	const walkIn = `Người đến trực tiếp 9 giờ ${t}`;
	const earlyCode = await bookingToday(early, '10:00');
	const absentCode = await bookingToday(absent, '08:00');

	await signInAsStaff(page, demoStaff.receptionHN1, undefined, '/staff/tiep-cong-dan');
	await page.goto('/staff/tiep-cong-dan');
	await checkIn(page, earlyCode, early);
	await addWalkIn(page, walkIn);
	// The walk-in holds an earlier slot (09:00) than the booked visitor (10:00) who came first: the
	// old order by slot put the walk-in above.
	const { error } = await serviceClient()
		.from('bookings')
		.update({
			starts_at: todayAt('09:00'),
			ends_at: todayAt('09:30'),
			status: 'checked_in'
		})
		.eq('full_name', walkIn);
	expect(error).toBeNull();
	await page.reload();

	const names = await page.getByTestId('desk-row').locator('th').allTextContents();
	const at = (n: string) => names.findIndex((x) => x.includes(n));
	expect(at(early)).toBeGreaterThanOrEqual(0);
	expect(at(early)).toBeLessThan(at(walkIn));
	expect(at(walkIn)).toBeLessThan(at(absent));
	await expect(
		page.locator(`[data-testid="desk-row"][data-code="${absentCode}"]`).getByText('Đã đặt lịch')
	).toBeVisible();
	await expectNoA11yViolations(page);
});

test('call next: the board shows numbers only, the officer calls the next one, the screen follows', async ({
	page
}, info) => {
	const js = info.project.name !== 'nojs';
	const name = `Người chờ gọi số ${tag()}`;
	await signInAsStaff(page, demoStaff.receptionHN1, undefined, '/staff/tiep-cong-dan');
	await page.goto('/staff/tiep-cong-dan');
	await addWalkIn(page, name);
	await page.getByRole('link', { name: 'Gọi số (màn hình phòng chờ)' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Gọi số tiếp công dân' })).toBeVisible();

	// The waiting-room screen (a second window of the desk's session).
	const screen = await page.context().newPage();
	await screen.goto('/staff/tiep-cong-dan/goi-so?man-hinh=1');
	await expect(screen.getByRole('button', { name: 'Gọi số tiếp theo' })).toHaveCount(0);
	if (!js) expect(await screen.content()).toMatch(/<meta http-equiv="refresh" content="10"/);

	const next = page.getByTestId('board-next').getByRole('listitem').first();
	const wanted = (await next.textContent())!.trim();
	await page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
	await expect(page.getByTestId('board-current')).toHaveText(wanted);
	// No personal data on the board: no name, no code.
	await expect(page.locator('main')).not.toContainText(name);
	await expect(page.locator('main')).not.toContainText(/LH-/);
	if (js) {
		// The screen polls every 10 s without reloading the page.
		await expect(screen.getByTestId('board-current')).toHaveText(wanted, { timeout: 20_000 });
		await expectNoA11yViolations(screen);
		await expectNoA11yViolations(page);
	} else {
		await screen.reload();
		await expect(screen.getByTestId('board-current')).toHaveText(wanted);
	}
	await screen.screenshot({
		path: path.join(screenshots, `reception-board-screen-${info.project.name}.png`),
		fullPage: true
	});
	await page.screenshot({
		path: path.join(screenshots, `reception-board-officer-${info.project.name}.png`),
		fullPage: true
	});

	// Each call is audited.
	const { data: audit } = await serviceClient()
		.from('audit_events')
		.select('action, after')
		.eq('action', 'call')
		.order('id', { ascending: false })
		.limit(5);
	expect((audit ?? []).map((a) => String((a.after as { queue_no: number }).queue_no))).toContain(
		wanted
	);
});

test('QR at the desk without BarcodeDetector: the ZXing fallback reads a photo of the code', async ({
	page
}, info) => {
	test.skip(info.project.name !== 'desktop', 'the desk PC (Windows desktop Chrome) case');
	// Windows desktop Chrome has no BarcodeDetector: take it away before any script runs.
	await page.addInitScript(() => {
		delete (window as unknown as { BarcodeDetector?: unknown }).BarcodeDetector;
	});
	const wasm: string[] = [];
	page.on('request', (r) => {
		if (/\.wasm(\?|$)/.test(r.url())) wasm.push(r.url());
	});
	const name = `Người mang mã QR ${tag()}`;
	const code = await bookingToday(name, '15:00');

	// A photo of the QR code as the citizen's confirmation shows it.
	const { encode } = await import('uqr');
	const { data, size } = encode(code, { border: 4, ecc: 'M' });
	let d = '';
	data.forEach((row, y) => row.forEach((on, x) => (d += on ? `M${x} ${y}h1v1h-1z` : '')));
	const shot = await page.context().newPage();
	await shot.setContent(
		`<svg id="qr" xmlns="http://www.w3.org/2000/svg" width="${size * 8}" height="${size * 8}" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
	);
	const png = await shot.locator('#qr').screenshot();
	await shot.close();

	await signInAsStaff(page, demoStaff.receptionHN1, undefined, '/staff/tiep-cong-dan');
	await page.goto('/staff/tiep-cong-dan');
	expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
	await page
		.getByLabel('Hoặc đọc mã QR từ ảnh chụp')
		.setInputFiles({ name: 'ma-qr.png', mimeType: 'image/png', buffer: png });
	await expect(page.getByText(new RegExp(`Đã đón ${name}\\. Số thứ tự \\d+\\.`))).toBeVisible();
	// The WebAssembly came from the app itself, never from a CDN (the office network is closed).
	expect(wasm.length).toBeGreaterThan(0);
	for (const url of wasm) expect(new URL(url).origin).toBe(new URL(page.url()).origin);
	// WebAssembly may be compiled on staff pages only; citizen pages keep the strict policy.
	const csp = async (url: string) =>
		(await page.request.get(url)).headers()['content-security-policy'] ?? '';
	expect(await csp('/staff/tiep-cong-dan')).toContain("'wasm-unsafe-eval'");
	expect(await csp('/tra-cuu')).toMatch(/script-src 'self'/);
	expect(await csp('/tra-cuu')).not.toContain('wasm-unsafe-eval');
});
