/**
 * The words of every outbox message, per template and language: a subject and plain-text body
 * for e-mail (and push), a short text for SMS and Zalo. Citizens' messages are short, in plain
 * Vietnamese (or English when the filing was in English), carry the tracking link, and never the
 * receipt secret — an SMS is read on a shared phone, stored by the operator and shown on the lock
 * screen. SMS text is unaccented ASCII: brandname SMS in Vietnam is sent "không dấu" (160
 * characters a part instead of 70) and some phones still garble Unicode SMS.
 */

type Lang = 'vi' | 'en';

export interface MessageInput {
	template: string;
	channel: string;
	payload: Record<string, unknown>;
	lang?: string | null;
}

export interface RenderedMessage {
	subject: string;
	/** Plain-text body (e-mail, push body, dev mailbox). */
	text: string;
	/** Short text for SMS / Zalo fallback (ASCII, no secret). */
	short: string;
	/** The tracking or staff link the message points to, if any. */
	link: string | null;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** dd/mm/yyyy from an ISO date or timestamp (Vietnam time for timestamps). */
function formatDate(v: unknown): string {
	const s = str(v);
	if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
		const [y, m, d] = s.split('-');
		return `${d}/${m}/${y}`;
	}
	const t = new Date(s);
	if (Number.isNaN(t.getTime())) return s;
	return new Intl.DateTimeFormat('vi-VN', {
		timeZone: 'Asia/Ho_Chi_Minh',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).format(t);
}

/** HH:MM dd/mm/yyyy in Vietnam time. */
function formatDateTime(v: unknown): string {
	const t = new Date(str(v));
	if (Number.isNaN(t.getTime())) return str(v);
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Asia/Ho_Chi_Minh',
		hour: '2-digit',
		minute: '2-digit',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hourCycle: 'h23'
	}).formatToParts(t);
	const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
	return `${p('hour')}:${p('minute')} ${p('day')}/${p('month')}/${p('year')}`;
}

/** Vietnamese without diacritics (đ → d), for SMS. */
export function unaccent(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D');
}

/** The public tracking link for a code (KN-, TC-, LH-, HS-). */
function trackingLink(origin: string, code: string, lang: Lang): string {
	const base = origin.replace(/\/+$/, '');
	return `${base}${lang === 'en' ? '/en' : ''}/tra-cuu?ma=${encodeURIComponent(code)}`;
}

type Words = { subject: string; lines: string[]; short: string };
type Build = (p: Record<string, unknown>, lang: Lang) => Words;

const kindVi: Record<string, string> = {
	complaint: 'khiếu nại',
	denunciation: 'tố cáo',
	petition: 'kiến nghị, phản ánh',
	application: 'hồ sơ thủ tục'
};
const kindEn: Record<string, string> = {
	complaint: 'complaint',
	denunciation: 'denunciation',
	petition: 'petition',
	application: 'application'
};

/** Citizen-facing templates: [vi, en]. `code` and the link are added by render(). */
const citizen: Record<string, Build> = {
	complaint_received: (p, l) =>
		l === 'en'
			? {
					subject: `We received your ${kindEn[str(p.kind)] ?? 'filing'} ${str(p.code)}`,
					lines: [
						`Your filing ${str(p.code)} was received${p.unit_name ? ` by ${str(p.unit_name)}` : ''}.`,
						p.accept_due ? `A decision on accepting it is due by ${formatDate(p.accept_due)}.` : ''
					],
					short: `THADS: received ${str(p.code)}.`
				}
			: {
					subject: `Đã nhận đơn ${kindVi[str(p.kind)] ?? ''} ${str(p.code)}`.replace(/\s+/g, ' '),
					lines: [
						`Cơ quan thi hành án dân sự đã nhận đơn ${str(p.code)}${p.unit_name ? ` (${str(p.unit_name)})` : ''}.`,
						p.accept_due ? `Hạn xem xét thụ lý: ${formatDate(p.accept_due)}.` : ''
					],
					short: `THADS: Da nhan don ${str(p.code)}.`
				},
	complaint_accepted: (p, l) =>
		l === 'en'
			? {
					subject: `Your filing ${str(p.code)} was accepted`,
					lines: [
						`Your filing ${str(p.code)} was accepted for handling.`,
						p.resolve_due ? `It is due to be resolved by ${formatDate(p.resolve_due)}.` : ''
					],
					short: `THADS: ${str(p.code)} accepted.`
				}
			: {
					subject: `Đơn ${str(p.code)} đã được thụ lý`,
					lines: [
						`Đơn ${str(p.code)} đã được thụ lý giải quyết.`,
						p.resolve_due ? `Hạn giải quyết: ${formatDate(p.resolve_due)}.` : ''
					],
					short: `THADS: Don ${str(p.code)} da duoc thu ly.`
				},
	complaint_resolved: (p, l) =>
		l === 'en'
			? {
					subject: `A decision was made on ${str(p.code)}`,
					lines: [`A decision was made on your filing ${str(p.code)}. See the result online.`],
					short: `THADS: decision made on ${str(p.code)}.`
				}
			: {
					subject: `Đơn ${str(p.code)} đã có kết quả giải quyết`,
					lines: [
						`Đơn ${str(p.code)} đã có kết quả giải quyết. Xem kết quả tại đường dẫn dưới đây.`
					],
					short: `THADS: Don ${str(p.code)} da co ket qua giai quyet.`
				},
	complaint_info_requested: (p, l) =>
		l === 'en'
			? {
					subject: `More information needed for ${str(p.code)}`,
					lines: [
						`The office needs more information about ${str(p.code)}. See what is needed online.`
					],
					short: `THADS: more information needed for ${str(p.code)}.`
				}
			: {
					subject: `Cần bổ sung thông tin cho đơn ${str(p.code)}`,
					lines: [
						`Cơ quan cần bạn bổ sung thông tin cho đơn ${str(p.code)}. Xem chi tiết tại đường dẫn dưới đây.`
					],
					short: `THADS: Can bo sung thong tin cho don ${str(p.code)}.`
				},
	complaint_returned: (p, l) =>
		l === 'en'
			? {
					subject: `Your filing ${str(p.code)} was not accepted`,
					lines: [`Your filing ${str(p.code)} was returned. See the reasons online.`],
					short: `THADS: ${str(p.code)} returned, see reasons online.`
				}
			: {
					subject: `Đơn ${str(p.code)} không được thụ lý`,
					lines: [`Đơn ${str(p.code)} không được thụ lý. Xem lý do tại đường dẫn dưới đây.`],
					short: `THADS: Don ${str(p.code)} khong duoc thu ly, xem ly do tren cong.`
				},
	complaint_forwarded: (p, l) =>
		l === 'en'
			? {
					subject: `Your filing ${str(p.code)} was forwarded`,
					lines: [`Your filing ${str(p.code)} was forwarded to the office that handles it.`],
					short: `THADS: ${str(p.code)} forwarded.`
				}
			: {
					subject: `Đơn ${str(p.code)} đã được chuyển`,
					lines: [`Đơn ${str(p.code)} đã được chuyển đến cơ quan có thẩm quyền giải quyết.`],
					short: `THADS: Don ${str(p.code)} da duoc chuyen co quan co tham quyen.`
				},
	complaint_guided: (p, l) =>
		l === 'en'
			? {
					subject: `Where to file ${str(p.code)}`,
					lines: [`Your filing ${str(p.code)} is for another authority. See where to file online.`],
					short: `THADS: see where to file ${str(p.code)}.`
				}
			: {
					subject: `Hướng dẫn nơi gửi đơn ${str(p.code)}`,
					lines: [
						`Đơn ${str(p.code)} thuộc thẩm quyền cơ quan khác. Xem hướng dẫn tại đường dẫn dưới đây.`
					],
					short: `THADS: Xem huong dan noi gui don ${str(p.code)}.`
				},
	complaint_extended: (p, l) =>
		l === 'en'
			? {
					subject: `More time for ${str(p.code)}`,
					lines: [`The time to resolve ${str(p.code)} was extended.`],
					short: `THADS: time extended for ${str(p.code)}.`
				}
			: {
					subject: `Gia hạn giải quyết đơn ${str(p.code)}`,
					lines: [`Thời hạn giải quyết đơn ${str(p.code)} đã được gia hạn.`],
					short: `THADS: Don ${str(p.code)} duoc gia han giai quyet.`
				},
	reception_booking_confirmed: (p, l) =>
		l === 'en'
			? {
					subject: `Appointment ${str(p.code)} at ${formatDateTime(p.starts_at)}`,
					lines: [
						`Your appointment is booked: ${formatDateTime(p.starts_at)}, ${str(p.unit_name)}.`,
						p.unit_address ? `Address: ${str(p.unit_address)}.` : '',
						'Bring your ID card (CCCD).'
					],
					short: `THADS: booked ${formatDateTime(p.starts_at)}, ${unaccent(str(p.unit_name))}.`
				}
			: {
					subject: `Lịch hẹn ${str(p.code)} lúc ${formatDateTime(p.starts_at)}`,
					lines: [
						`Bạn đã đặt lịch tiếp công dân lúc ${formatDateTime(p.starts_at)} tại ${str(p.unit_name)}.`,
						p.unit_address ? `Địa chỉ: ${str(p.unit_address)}.` : '',
						'Vui lòng mang theo CCCD.'
					],
					short: `THADS: Lich hen ${formatDateTime(p.starts_at)} tai ${unaccent(str(p.unit_name))}.`
				},
	reception_booking_reminder: (p, l) =>
		l === 'en'
			? {
					subject: `Reminder: appointment ${p.when === 'soon' ? 'today' : 'tomorrow'} at ${formatDateTime(p.starts_at)}`,
					lines: [
						`Reminder: your appointment is at ${formatDateTime(p.starts_at)}, ${str(p.unit_name)}.`,
						p.unit_address ? `Address: ${str(p.unit_address)}.` : '',
						'Bring your ID card (CCCD). Cannot come? Cancel or move it online.'
					],
					short: `THADS: reminder, appointment ${formatDateTime(p.starts_at)}.`
				}
			: {
					subject: `Nhắc lịch hẹn ${p.when === 'soon' ? 'hôm nay' : 'ngày mai'} lúc ${formatDateTime(p.starts_at)}`,
					lines: [
						`Nhắc lịch: bạn có lịch tiếp công dân lúc ${formatDateTime(p.starts_at)} tại ${str(p.unit_name)}.`,
						p.unit_address ? `Địa chỉ: ${str(p.unit_address)}.` : '',
						'Vui lòng mang theo CCCD. Không đến được? Hủy hoặc đổi lịch tại đường dẫn dưới đây.'
					],
					short: `THADS: Nhac lich hen ${formatDateTime(p.starts_at)} tai ${unaccent(str(p.unit_name))}.`
				},
	reception_booking_rescheduled: (p, l) =>
		l === 'en'
			? {
					subject: `Appointment ${str(p.code)} moved to ${formatDateTime(p.starts_at)}`,
					lines: [
						`Your appointment was moved to ${formatDateTime(p.starts_at)}, ${str(p.unit_name)}.`
					],
					short: `THADS: appointment moved to ${formatDateTime(p.starts_at)}.`
				}
			: {
					subject: `Lịch hẹn ${str(p.code)} đổi sang ${formatDateTime(p.starts_at)}`,
					lines: [
						`Lịch hẹn của bạn đã đổi sang ${formatDateTime(p.starts_at)} tại ${str(p.unit_name)}.`
					],
					short: `THADS: Lich hen doi sang ${formatDateTime(p.starts_at)}.`
				},
	reception_booking_cancelled: (p, l) =>
		l === 'en'
			? {
					subject: `Appointment ${str(p.code)} cancelled`,
					lines: [`Your appointment ${str(p.code)} was cancelled.`],
					short: `THADS: appointment ${str(p.code)} cancelled.`
				}
			: {
					subject: `Lịch hẹn ${str(p.code)} đã hủy`,
					lines: [`Lịch hẹn ${str(p.code)} đã được hủy.`],
					short: `THADS: Lich hen ${str(p.code)} da huy.`
				},
	reception_booking_affected: (p, l) =>
		l === 'en'
			? {
					subject: `Appointment ${str(p.code)}: please choose a new time`,
					lines: [
						`The office cannot receive you at ${formatDateTime(p.starts_at)}. Please choose a new time online.`
					],
					short: `THADS: please choose a new time for ${str(p.code)}.`
				}
			: {
					subject: `Lịch hẹn ${str(p.code)}: vui lòng chọn giờ khác`,
					lines: [
						`Cơ quan không thể tiếp bạn lúc ${formatDateTime(p.starts_at)}. Vui lòng chọn giờ khác tại đường dẫn dưới đây.`
					],
					short: `THADS: Vui long chon gio khac cho lich hen ${str(p.code)}.`
				},
	application_received: (p, l) =>
		l === 'en'
			? {
					subject: `Application ${str(p.code)} received`,
					lines: [
						`Your application ${str(p.code)} was received.`,
						p.due_date ? `Expected by ${formatDate(p.due_date)}.` : ''
					],
					short: `THADS: application ${str(p.code)} received.`
				}
			: {
					subject: `Đã nhận hồ sơ ${str(p.code)}`,
					lines: [
						`Cơ quan đã nhận hồ sơ ${str(p.code)}${p.procedure ? ` (${str(p.procedure)})` : ''}.`,
						p.due_date ? `Hẹn trả kết quả: ${formatDate(p.due_date)}.` : ''
					],
					short: `THADS: Da nhan ho so ${str(p.code)}.`
				},
	application_accepted: (p, l) =>
		l === 'en'
			? {
					subject: `Application ${str(p.code)} is being processed`,
					lines: [`Your application ${str(p.code)} is complete and being processed.`],
					short: `THADS: ${str(p.code)} being processed.`
				}
			: {
					subject: `Hồ sơ ${str(p.code)} đang được giải quyết`,
					lines: [`Hồ sơ ${str(p.code)} đã đủ giấy tờ và đang được giải quyết.`],
					short: `THADS: Ho so ${str(p.code)} dang duoc giai quyet.`
				},
	application_documents_requested: (p, l) =>
		l === 'en'
			? {
					subject: `Application ${str(p.code)}: documents needed`,
					lines: [
						`More documents are needed for ${str(p.code)}: ${str(p.what)}.`,
						p.due_by ? `Please send them by ${formatDate(p.due_by)}.` : ''
					],
					short: `THADS: documents needed for ${str(p.code)}, see online.`
				}
			: {
					subject: `Hồ sơ ${str(p.code)}: cần bổ sung giấy tờ`,
					lines: [
						`Hồ sơ ${str(p.code)} cần bổ sung: ${str(p.what)}.`,
						p.due_by ? `Hạn bổ sung: ${formatDate(p.due_by)}.` : ''
					],
					short: `THADS: Ho so ${str(p.code)} can bo sung giay to, xem chi tiet tren cong.`
				},
	application_refused: (p, l) =>
		l === 'en'
			? {
					subject: `Application ${str(p.code)} refused`,
					lines: [`Your application ${str(p.code)} was refused. See the reasons online.`],
					short: `THADS: ${str(p.code)} refused, see reasons online.`
				}
			: {
					subject: `Hồ sơ ${str(p.code)} không được giải quyết`,
					lines: [`Hồ sơ ${str(p.code)} không được giải quyết. Xem lý do tại đường dẫn dưới đây.`],
					short: `THADS: Ho so ${str(p.code)} khong duoc giai quyet, xem ly do tren cong.`
				},
	application_result_ready: (p, l) =>
		l === 'en'
			? {
					subject: `Result ready: ${str(p.code)}`,
					lines: [`The result of ${str(p.code)} is ready.`],
					short: `THADS: result of ${str(p.code)} ready.`
				}
			: {
					subject: `Hồ sơ ${str(p.code)} đã có kết quả`,
					lines: [
						`Hồ sơ ${str(p.code)} đã có kết quả. Vui lòng đến nhận hoặc xem hướng dẫn tại đường dẫn dưới đây.`
					],
					short: `THADS: Ho so ${str(p.code)} da co ket qua.`
				},
	application_apology: (p, l) =>
		l === 'en'
			? {
					subject: `Application ${str(p.code)} is late`,
					lines: [
						`We are sorry: ${str(p.code)} is late.`,
						p.new_due ? `New date: ${formatDate(p.new_due)}.` : ''
					],
					short: `THADS: ${str(p.code)} is late, new date online.`
				}
			: {
					subject: `Xin lỗi vì hồ sơ ${str(p.code)} bị chậm`,
					lines: [
						`Cơ quan xin lỗi vì hồ sơ ${str(p.code)} giải quyết chậm.`,
						p.new_due ? `Hẹn trả kết quả mới: ${formatDate(p.new_due)}.` : ''
					],
					short: `THADS: Xin loi vi ho so ${str(p.code)} bi cham, xem hen moi tren cong.`
				}
};

/** Staff-facing templates (Vietnamese: staff work in Vietnamese). */
const staff: Record<string, (p: Record<string, unknown>) => Words> = {
	complaint_new_for_unit: (p) => ({
		subject: `Đơn mới ${str(p.code)}`,
		lines: [
			`Đơn ${kindVi[str(p.kind)] ?? ''} mới: ${str(p.code)}.`,
			p.accept_due ? `Hạn xem xét thụ lý: ${formatDate(p.accept_due)}.` : ''
		],
		short: `THADS: Don moi ${str(p.code)}.`
	}),
	complaint_due_soon: (p) => ({
		subject: `Sắp đến hạn: ${str(p.code)} (${formatDate(p.due)})`,
		lines: [`Đơn ${str(p.code)} đến hạn ngày ${formatDate(p.due)}.`],
		short: `THADS: ${str(p.code)} den han ${formatDate(p.due)}.`
	}),
	complaint_overdue: (p) => ({
		subject: `Quá hạn: ${str(p.code)} (${formatDate(p.due)})`,
		lines: [`Đơn ${str(p.code)} đã quá hạn từ ngày ${formatDate(p.due)}.`],
		short: `THADS: ${str(p.code)} qua han ${formatDate(p.due)}.`
	}),
	staff_daily_digest: (p) => {
		const items = Array.isArray(p.items) ? (p.items as Record<string, unknown>[]) : [];
		return {
			subject: `Việc đến hạn ngày ${formatDate(p.date)}: ${items.length} hồ sơ${Number(p.overdue) > 0 ? `, ${str(p.overdue)} quá hạn` : ''}`,
			lines: [
				`Chào ${str(p.name)},`,
				`Các hồ sơ được giao đã quá hạn, đến hạn hôm nay hoặc trong 2 ngày làm việc tới (${formatDate(p.date)}):`,
				...items.map(
					(i) =>
						`- ${str(i.code)} (${kindVi[str(i.kind)] ?? str(i.kind)}): hạn ${formatDate(i.due)}${i.overdue ? ' — QUÁ HẠN' : i.soon ? ' — sắp đến hạn' : ''}`
				)
			],
			short: `THADS: ${items.length} ho so den han hom nay.`
		};
	}
};

/** Payload keys never shown in a message (defence in depth: payloads carry none today). */
const SECRET_KEYS = /secret|password|otp|token/i;

/** Whether a template is addressed to staff (no tracking link, no opt-out footer). */
export function isStaffTemplate(template: string): boolean {
	return template in staff;
}

/**
 * Render a message. `origin`: the public URL of the app (links). `optOutUrl`: a link that stops
 * further messages to this recipient (citizens' e-mail only).
 */
export function renderMessage(
	m: MessageInput,
	origin: string,
	optOutUrl: string | null = null
): RenderedMessage {
	const lang: Lang = m.lang === 'en' ? 'en' : 'vi';
	const payload = Object.fromEntries(
		Object.entries(m.payload ?? {}).filter(([k]) => !SECRET_KEYS.test(k))
	);
	const code = str(payload.code);
	if (staff[m.template]) {
		const w = staff[m.template]!(payload);
		const link = `${origin.replace(/\/+$/, '')}/staff`;
		const text = [...w.lines.filter(Boolean), '', link].join('\n');
		return { subject: w.subject, text, short: unaccent(w.short), link };
	}
	const build = citizen[m.template];
	const w: Words = build
		? build(payload, lang)
		: {
				subject: lang === 'en' ? `Update on ${code}` : `Cập nhật về ${code}`,
				lines: [lang === 'en' ? `There is news about ${code}.` : `Có thông tin mới về ${code}.`],
				short: lang === 'en' ? `THADS: news about ${code}.` : `THADS: Co thong tin moi ve ${code}.`
			};
	const link = code ? trackingLink(origin, code, lang) : null;
	const footer =
		lang === 'en'
			? [
					'This message was sent by the civil judgment enforcement office. Do not reply.',
					optOutUrl ? `Stop these messages: ${optOutUrl}` : ''
				]
			: [
					'Tin nhắn tự động của cơ quan thi hành án dân sự, vui lòng không trả lời.',
					optOutUrl ? `Không muốn nhận tin: ${optOutUrl}` : ''
				];
	const text = [
		...w.lines.filter(Boolean),
		...(link ? ['', lang === 'en' ? `Track it: ${link}` : `Tra cứu: ${link}`] : []),
		'',
		...footer.filter(Boolean)
	].join('\n');
	const short = unaccent(
		link ? `${w.short} ${lang === 'en' ? 'Track' : 'Tra cuu'}: ${link}` : w.short
	);
	return { subject: w.subject, text, short, link };
}
