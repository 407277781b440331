// The catalogue editor without JSON, with maker-checker publishing (issue 18 item 12): an admin adds
// a document and a form field as rows, sees the citizen's form previewed, sends the edit for
// approval; the admin cannot approve it; the province head publishes it; the citizen's procedure
// page then lists the new document. Works with and without JavaScript.
import { expect, test, type Page } from '@playwright/test';
import { demoStaff, expectNoA11yViolations, signInAsStaff, signOut } from './helpers';

const CODE = 'dinh-gia-lai-tai-san';
const EDITOR = `/staff/thu-tuc/danh-muc/${CODE}`;

async function noSideScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		page.viewportSize()!.width
	);
}

test('an editor adds a document and a field as rows, a second person publishes, citizens see it', async ({
	page
}, info) => {
	// Two people sign in and the page is checked for accessibility twice: a long journey.
	test.setTimeout(60_000);
	const js = info.project.use.javaScriptEnabled !== false;
	// Each project run adds its own rows to the same procedure: names that say which run.
	const tag = `${info.project.name} ${Date.now().toString(36)}`;
	const docVi = `Giấy ủy quyền có công chứng ${tag}`;
	const fieldVi = `Số văn bản ủy quyền ${tag}`;

	await signInAsStaff(page, demoStaff.admin, undefined, EDITOR);
	await page.goto(EDITOR);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// No JSON box any more.
	await expect(page.getByLabel(/JSON/)).toHaveCount(0);
	const days = page.getByLabel('Thời hạn giải quyết (ngày làm việc)');
	const next = Number(await days.inputValue()) + 1;
	await days.fill(String(next));

	// A document row: add, fill, and move it up one place.
	const docNames = page.getByLabel('Tên giấy tờ (tiếng Việt)');
	const before = await docNames.count();
	await page.getByRole('button', { name: '+ Thêm giấy tờ' }).click();
	await expect(docNames).toHaveCount(before + 1);
	// With JavaScript the row is added in place and focus moves into it.
	if (js) await expect(docNames.last()).toBeFocused();
	await docNames.last().fill(docVi);
	await page
		.getByLabel('Tên giấy tờ (tiếng Anh)')
		.last()
		.fill(`Notarised power of attorney ${tag}`);
	await page.getByLabel('Số bản').last().fill('2');
	await page.getByLabel('Loại bản').last().selectOption({ label: 'Bản sao có chứng thực' });

	// A field row, and an empty one whose error shows next to it.
	const questions = page.getByLabel('Câu hỏi (tiếng Việt)', { exact: true });
	const fieldsBefore = await questions.count();
	await page.getByRole('button', { name: '+ Thêm trường' }).click();
	await questions.last().fill(fieldVi);
	await page
		.getByLabel('Câu hỏi (tiếng Anh)', { exact: true })
		.last()
		.fill(`Power of attorney no. ${tag}`);
	await page.getByRole('button', { name: '+ Thêm trường' }).click();
	await expect(questions).toHaveCount(fieldsBefore + 2);

	await page.getByRole('button', { name: 'Gửi duyệt' }).click();
	const empty = `Trường ${fieldsBefore + 2}`;
	await expect(
		page
			.getByRole('alert')
			.getByRole('link', { name: `${empty}: Bạn cần điền thông tin này` })
			.first()
	).toBeVisible();
	await expect(questions.last()).toHaveAttribute('aria-invalid', 'true');
	// What was typed stays.
	await expect(docNames.nth(before)).toHaveValue(docVi);
	await expect(days).toHaveValue(String(next));
	await page.getByRole('button', { name: `Xóa trường ${fieldsBefore + 2}` }).click();
	await expect(questions).toHaveCount(fieldsBefore + 1);

	await page.getByRole('button', { name: `Chuyển giấy tờ ${before + 1} lên trên` }).click();
	await expect(docNames.nth(before - 1)).toHaveValue(docVi);
	if (js) await expect(docNames.nth(before - 1)).toBeFocused();

	// The preview of the citizen's form follows the rows (locked: nothing there is sent).
	const preview = page.getByTestId('preview-form');
	await expect(preview.getByLabel(new RegExp(fieldVi))).toBeDisabled();
	await expect(page.getByTestId('preview-documents').getByText(docVi)).toBeVisible();
	await noSideScroll(page);
	if (js) await expectNoA11yViolations(page);
	if (process.env.SHOTS_DIR) {
		// What a person sees at this size: the rows being edited, then the preview.
		await docNames.nth(before - 1).scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${process.env.SHOTS_DIR}/rows-${info.project.name}.png` });
		await page.locator('#h-preview').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${process.env.SHOTS_DIR}/preview-${info.project.name}.png` });
	}

	await page.getByRole('button', { name: 'Gửi duyệt' }).click();
	await expect(page.getByText('Đã gửi duyệt')).toBeVisible();
	const draft = page.locator('section[aria-labelledby="h-draft"]');
	await expect(draft.getByText(docVi)).toBeVisible();
	// The maker may not approve their own edit: no button, and the page says why.
	await expect(draft.getByText(/Bạn là người gửi bản này/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Duyệt và công bố' })).toHaveCount(0);

	// Not published yet.
	await page.goto(`/thu-tuc/${CODE}`);
	await expect(page.getByText(docVi)).toHaveCount(0);

	// A second person: the head of the Hà Nội unit (a province) approves.
	await page.goto(EDITOR);
	await signOut(page);
	await signInAsStaff(page, demoStaff.provinceHeadHN, undefined, EDITOR);
	await page.goto(EDITOR);
	await expect(draft.getByText(docVi)).toBeVisible();
	// Marked as new (the maker's editor may also carry an earlier returned edit: look at ours).
	await expect(
		draft.getByRole('listitem').filter({ hasText: docVi }).getByText('(mới)')
	).toBeVisible();
	// Heads approve; they do not edit.
	await expect(page.getByRole('button', { name: 'Gửi duyệt' })).toHaveCount(0);
	if (js) await expectNoA11yViolations(page);
	if (process.env.SHOTS_DIR) {
		await draft.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${process.env.SHOTS_DIR}/approve-${info.project.name}.png` });
	}
	await page.getByRole('button', { name: 'Duyệt và công bố' }).click();
	await expect(page.getByText(/Đã công bố phiên bản \d+/)).toBeVisible();
	await expect(
		page
			.locator('section[aria-labelledby="h-history"]')
			.getByText(`Giải quyết trong ${next} ngày làm việc`)
	).toBeVisible();

	await page.goto(`/thu-tuc/${CODE}`);
	await expect(page.getByText(docVi)).toBeVisible();
	await expect(page.getByText(`Giải quyết trong ${next} ngày làm việc`).first()).toBeVisible();
});

test('an approver returns an edit with a reason, and its maker finds it filled in to correct', async ({
	page
}, info) => {
	test.setTimeout(60_000); // two people sign in
	const tag = `${info.project.name} ${Date.now().toString(36)}`;
	const docVi = `Bản kê tài sản ${tag}`;
	await signInAsStaff(page, demoStaff.admin, undefined, EDITOR);
	await page.goto(EDITOR);
	await page.getByRole('button', { name: '+ Thêm giấy tờ' }).click();
	await page.getByLabel('Tên giấy tờ (tiếng Việt)').last().fill(docVi);
	await page.getByLabel('Tên giấy tờ (tiếng Anh)').last().fill(`List of assets ${tag}`);
	await page.getByRole('button', { name: 'Gửi duyệt' }).click();
	await expect(page.getByText('Đã gửi duyệt')).toBeVisible();

	await signOut(page);
	await signInAsStaff(page, demoStaff.provinceHeadHN, undefined, EDITOR);
	await page.goto(EDITOR);
	// A reason is required.
	await page.getByRole('button', { name: 'Trả lại để sửa' }).click();
	await expect(page.getByText('Ghi lý do trả lại (từ 3 đến 1000 ký tự)').first()).toBeVisible();
	await page.getByLabel('Lý do trả lại').fill('Tên giấy tờ chưa đúng văn bản gốc');
	await page.getByRole('button', { name: 'Trả lại để sửa' }).click();
	await expect(page.getByText('Đã trả lại bản sửa đổi cho người gửi')).toBeVisible();

	await signOut(page);
	await signInAsStaff(page, demoStaff.admin, undefined, EDITOR);
	await page.goto(EDITOR);
	await expect(page.getByText('Bản sửa đổi của bạn đã bị trả lại')).toBeVisible();
	await expect(page.getByText('Tên giấy tờ chưa đúng văn bản gốc')).toBeVisible();
	await expect(page.getByLabel('Tên giấy tờ (tiếng Việt)').last()).toHaveValue(docVi);
	await page.goto(`/thu-tuc/${CODE}`);
	await expect(page.getByText(docVi)).toHaveCount(0);
});

test('a unit head of a khu vực office cannot open the catalogue editor', async ({ page }) => {
	await signInAsStaff(page, demoStaff.unitHeadHN1, undefined, '/staff');
	const res = await page.goto(EDITOR);
	expect(res?.status()).toBe(403);
});
