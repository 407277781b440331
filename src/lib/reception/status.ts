/*
 * Booking states and desk transitions, mirrored from public.booking_statuses and the desk
 * functions (20261126000303_reception_desk.sql). The database enforces them; the desk page uses
 * these to decide which buttons to show.
 */
import type { StatusTone } from '$lib/ui/types';
import { Constants } from '$lib/database.types';

/** From the database's enum public.booking_status (the lookup table's codes must be its values). */
export type BookingStatus = (typeof Constants.public.Enums.booking_status)[number];

export type DeskAction = 'check_in' | 'start' | 'record' | 'no_show';

/** What the desk may do with a booking now. */
export function deskActions(
	b: { status: BookingStatus; starts_at: string | null; day: string },
	now = new Date(),
	today?: string
): DeskAction[] {
	const isToday = today === undefined || b.day === today;
	switch (b.status) {
		case 'booked': {
			const acts: DeskAction[] = [];
			if (isToday) acts.push('check_in');
			if (b.starts_at && Date.parse(b.starts_at) <= now.getTime()) acts.push('no_show');
			return acts;
		}
		case 'waiting':
		case 'checked_in':
			return isToday ? ['start', 'record'] : ['record'];
		case 'in_progress':
			return ['record'];
		default:
			return [];
	}
}

export const STATUS_TONE: Record<BookingStatus, StatusTone> = {
	booked: 'neutral',
	waiting: 'warning',
	checked_in: 'info',
	in_progress: 'progress',
	done: 'success',
	no_show: 'error',
	cancelled: 'neutral'
};

/** People waiting at the desk now: arrived or on the waiting list, not yet being received. */
export function waitingCount(list: { status: BookingStatus }[]): number {
	return list.filter((b) => b.status === 'checked_in' || b.status === 'waiting').length;
}
