/**
 * The countdown next to a deadline, in working days counted by the database (holidays and
 * make-up days included): "còn 3 ngày làm việc", "đến hạn hôm nay", "quá hạn 2 ngày làm việc".
 */
import { m } from '$lib/paraglide/messages.js';

type CountdownTone = 'neutral' | 'warning' | 'error';

/** Warning from three working days left (the badge rule of the queue). */
export function countdown(daysLeft: number | null | undefined) {
	if (daysLeft === null || daysLeft === undefined) return null;
	if (daysLeft < 0)
		return {
			tone: 'error' as CountdownTone,
			text: m.complaints_staff_days_overdue({ days: -daysLeft })
		};
	if (daysLeft === 0)
		return { tone: 'warning' as CountdownTone, text: m.complaints_staff_days_today() };
	return {
		tone: (daysLeft <= 3 ? 'warning' : 'neutral') as CountdownTone,
		text: m.complaints_staff_days_left({ days: daysLeft })
	};
}
