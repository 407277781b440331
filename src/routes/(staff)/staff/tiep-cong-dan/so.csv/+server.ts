import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { desk, vnToday } from '$lib/reception/server/reception';
import { formatDateTime } from '$lib/i18n/format';
import { outcomeLabel, refusalLabel, topicLabel } from '$lib/reception/messages';
import { toCsv } from '$lib/stats/csv';

/** The reception record (sổ tiếp công dân) of the staff member's unit for a period, as CSV (UTF-8
    with BOM so Excel shows Vietnamese). At most one year per file. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const re = /^\d{4}-\d{2}-\d{2}$/;
	const to = url.searchParams.get('den') ?? vnToday();
	const from = url.searchParams.get('tu') ?? to.slice(0, 8) + '01';
	if (
		!re.test(from) ||
		!re.test(to) ||
		from > to ||
		Date.parse(to) - Date.parse(from) > 366 * 86400000
	)
		error(400, { message: 'invalid_day' });
	const visits = await desk.visits(locals.supabase, locals.staff!.unit_id, from, to);
	const header = [
		'STT',
		'Thời gian tiếp',
		'Người tiếp',
		'Thủ trưởng tiếp',
		'Họ tên công dân',
		'Số CCCD',
		'Địa chỉ',
		'Số người',
		'Người đại diện',
		'Nội dung (loại)',
		'Số vụ việc/quyết định',
		'Nội dung làm việc',
		'Tài liệu nhận',
		'Kết quả',
		'Lý do từ chối',
		'Chuyển đến',
		'Mã đơn',
		'Ghi chú'
	];
	const rows = visits.map((v, i) => [
		i + 1,
		formatDateTime(v.received_at),
		v.received_by_name,
		v.with_head ? 'Có' : '',
		// A denunciation's visitor is sealed: the record (and so this file) holds no identity.
		v.identity_sealed ? 'Người tố cáo (danh tính được bảo mật)' : v.visitor_name,
		v.visitor_cccd,
		v.visitor_address,
		v.people_count,
		(v.representatives ?? []).join('; '),
		topicLabel(v.topic),
		v.case_number,
		v.content,
		v.documents,
		outcomeLabel(v.outcome),
		v.refusal_reason ? refusalLabel(v.refusal_reason) : '',
		v.forwarded_to,
		v.complaint_code,
		v.note
	]);
	// The one CSV writer: it neutralises spreadsheet formulas (CSV injection).
	return new Response(toCsv([header, ...rows]), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="so-tiep-cong-dan_${from}_${to}.csv"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
