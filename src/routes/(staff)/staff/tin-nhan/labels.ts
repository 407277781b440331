/** Staff-facing names of the message templates (Vietnamese: staff work in Vietnamese). */
const names: Record<string, string> = {
	complaint_received: 'Xác nhận đã nhận đơn',
	complaint_accepted: 'Thông báo thụ lý',
	complaint_resolved: 'Thông báo kết quả giải quyết',
	complaint_info_requested: 'Đề nghị bổ sung thông tin',
	complaint_returned: 'Trả lại đơn',
	complaint_forwarded: 'Chuyển đơn',
	complaint_guided: 'Hướng dẫn nơi gửi đơn',
	complaint_extended: 'Gia hạn giải quyết',
	complaint_new_for_unit: 'Đơn mới (gửi đơn vị)',
	complaint_due_soon: 'Nhắc sắp đến hạn',
	complaint_overdue: 'Nhắc quá hạn',
	reception_booking_confirmed: 'Xác nhận lịch hẹn',
	reception_booking_reminder: 'Nhắc lịch hẹn',
	reception_booking_rescheduled: 'Đổi lịch hẹn',
	reception_booking_cancelled: 'Hủy lịch hẹn',
	reception_booking_affected: 'Đề nghị chọn giờ khác',
	application_received: 'Xác nhận đã nhận hồ sơ',
	application_accepted: 'Hồ sơ đang giải quyết',
	application_documents_requested: 'Yêu cầu bổ sung giấy tờ',
	application_refused: 'Từ chối hồ sơ',
	application_result_ready: 'Có kết quả',
	application_apology: 'Thư xin lỗi (chậm hạn)',
	staff_daily_digest: 'Bản tin việc đến hạn'
};

export function renderLabel(template: string): string {
	return names[template] ?? template;
}
