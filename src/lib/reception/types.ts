/** Row shapes the reception pages use: generated rows (src/lib/database.types.ts), narrowed; interfaces only for jsonb results. */
import type { Tables } from '$lib/database.types';
import type { BookingStatus } from './status';
import type { Topic } from './schema';

/** An office as the pages show it (a current unit that receives citizens). */
export type Office = Pick<
	Tables<'units'>,
	| 'id'
	| 'code'
	| 'name'
	| 'short_name'
	| 'level'
	| 'province_name'
	| 'address'
	| 'phone'
	| 'reception_hours'
	| 'lat'
	| 'lng'
>;

/** What get_booking_by_code returns: the citizen's view of a booking. */
export interface BookingView {
	code: string;
	status: BookingStatus;
	unit_id: string;
	unit_name: string;
	unit_address: string | null;
	unit_phone: string | null;
	unit_lat: number | null;
	unit_lng: number | null;
	day: string;
	starts_at: string | null;
	ends_at: string | null;
	with_head: boolean;
	full_name: string;
	phone_masked: string | null;
	people_count: number;
	representatives: string[];
	topic: Topic;
	case_number: string | null;
	wants_head: boolean;
	needs_reschedule: boolean;
	queue_no: number | null;
	created_at: string;
	cancelled_at: string | null;
	can_change: boolean;
}

/**
 * A booking at the desk: the generated row, with the text columns narrowed to their lists
 * (status from the enum public.booking_status, topic from the schema) and the jsonb list typed.
 */
export type DeskBooking = Omit<
	Pick<
		Tables<'bookings'>,
		| 'id'
		| 'unit_id'
		| 'channel'
		| 'status'
		| 'day'
		| 'starts_at'
		| 'ends_at'
		| 'with_head'
		| 'tracking_code'
		| 'full_name'
		| 'phone'
		| 'cccd'
		| 'address'
		| 'people_count'
		| 'representatives'
		| 'topic'
		| 'case_number'
		| 'summary'
		| 'wants_head'
		| 'queue_no'
		| 'needs_reschedule'
		| 'checked_in_at'
		| 'started_at'
		| 'finished_at'
	>,
	'channel' | 'status' | 'topic' | 'representatives'
> & {
	channel: 'online' | 'walk_in';
	status: BookingStatus;
	topic: Topic;
	representatives: string[];
	/** When the desk called this number to the counter (the waiting-room board). */
	called_at?: string | null;
};

/** A row of the reception record (sổ tiếp công dân); null identity for a sealed visit. */
export type Visit = Omit<Tables<'reception_visits'>, 'topic' | 'representatives'> & {
	topic: Topic;
	representatives: string[];
};
