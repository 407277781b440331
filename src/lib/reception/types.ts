/** Row shapes the reception pages use (subset of src/lib/database.types.ts). */
import type { BookingStatus } from './status';
import type { Topic } from './schema';

export interface Office {
	id: string;
	code: string;
	name: string;
	short_name: string | null;
	level: string;
	province_name: string | null;
	address: string | null;
	phone: string | null;
	reception_hours: string | null;
	lat: number | null;
	lng: number | null;
}

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

export interface DeskBooking {
	id: string;
	unit_id: string;
	channel: 'online' | 'walk_in';
	status: BookingStatus;
	day: string;
	starts_at: string | null;
	ends_at: string | null;
	with_head: boolean;
	tracking_code: string | null;
	full_name: string;
	phone: string | null;
	cccd: string | null;
	address: string | null;
	people_count: number;
	representatives: string[];
	topic: Topic;
	case_number: string | null;
	summary: string | null;
	wants_head: boolean;
	queue_no: number | null;
	needs_reschedule: boolean;
	checked_in_at: string | null;
	started_at: string | null;
	finished_at: string | null;
	/** When the desk called this number to the counter (the waiting-room board). */
	called_at?: string | null;
}

export interface Visit {
	id: string;
	unit_id: string;
	booking_id: string | null;
	day: string;
	received_at: string;
	received_by_name: string;
	with_head: boolean;
	/** Null for a sealed visit (a denunciation): the identity is kept apart, for the head only. */
	visitor_name: string | null;
	visitor_phone: string | null;
	visitor_cccd: string | null;
	visitor_address: string | null;
	people_count: number;
	representatives: string[];
	topic: Topic;
	case_number: string | null;
	content: string;
	documents: string;
	outcome: string;
	refusal_reason: string | null;
	forwarded_to: string | null;
	complaint_code: string | null;
	note: string | null;
	identity_sealed: boolean;
}
