// Every page a citizen or staff member reaches fits a 360 px phone: nothing makes the whole page
// scroll sideways (wide tables scroll inside their own region instead).
import { expect, test, type Page } from '@playwright/test';
import { demoStaff, signInAsStaff } from './helpers';

test.skip(({ viewport }) => (viewport?.width ?? 0) > 400, 'phone widths only');

async function overflow(page: Page, path: string) {
	const res = await page.goto(path);
	expect(res?.status(), path).toBeLessThan(400);
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const wide = [...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > width + 1)
			.filter((el) => !el.closest('[data-scroll-region], .overflow-x-auto, .sr-only'))
			.slice(0, 3)
			.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')}`);
		return { scroll: document.documentElement.scrollWidth - width, wide };
	});
}

const citizenPages = [
	'/',
	'/en',
	'/thu-tuc',
	'/thu-tuc?q=xac+nhan+ket+qua',
	'/thu-tuc/xac-nhan-ket-qua-thi-hanh-an',
	'/thu-tuc/xac-nhan-ket-qua-thi-hanh-an/nop',
	'/thu-tuc/xac-nhan-ket-qua-thi-hanh-an/mau-don',
	'/gui-don',
	'/gui-don/don?loai=complaint',
	'/gui-don/don?loai=denunciation',
	'/dat-lich',
	'/tra-cuu',
	'/thong-ke-cong-khai',
	'/bao-ve-du-lieu'
];

test('citizen pages fit a 360 px screen', async ({ page }) => {
	const problems: string[] = [];
	for (const path of citizenPages) {
		const { scroll, wide } = await overflow(page, path);
		if (scroll > 0) problems.push(`${path}: ${scroll}px too wide (${wide.join(', ')})`);
	}
	expect(problems).toEqual([]);
});

const staffPages: Array<[string, string[]]> = [
	[demoStaff.complaintsHN1, ['/staff', '/staff/khieu-nai']],
	[demoStaff.receptionHN1, ['/staff/tiep-cong-dan', '/staff/tiep-cong-dan/lich']],
	[demoStaff.proceduresHN1, ['/staff/thu-tuc', '/staff/thu-tuc/nhap', '/staff/thu-tuc/thong-ke']],
	[
		demoStaff.admin,
		['/staff/thu-tuc/danh-muc', '/staff/thu-tuc/danh-muc/xac-nhan-ket-qua-thi-hanh-an']
	],
	[
		demoStaff.provinceHeadHN,
		['/staff/thong-ke', '/staff/thong-ke/nhap', '/staff/thong-ke/chi-tieu']
	]
];

for (const [who, paths] of staffPages) {
	test(`staff pages fit a 360 px screen (${who})`, async ({ page }) => {
		await signInAsStaff(page, who);
		const problems: string[] = [];
		for (const path of paths) {
			const { scroll, wide } = await overflow(page, path);
			if (scroll > 0) problems.push(`${path}: ${scroll}px too wide (${wide.join(', ')})`);
		}
		expect(problems).toEqual([]);
	});
}
