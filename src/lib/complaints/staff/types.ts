/** Shapes of the staff complaint functions' jsonb results (shared by server and pages). */

interface StaffComplaint {
	id: string;
	tracking_code: string | null;
	kind: string;
	instance: number;
	status: string;
	subject: string;
	unit_id: string;
	in_competence: boolean | null;
	identity_sealed: boolean;
	assigned_to: string | null;
	received_at: string;
	accept_due: string | null;
	resolve_due: string | null;
	accept_extended: boolean;
	extensions: number;
	decision_number: string | null;
	decision_date: string | null;
	enforcement_officer: string | null;
	case_number: string | null;
	learned_on: string | null;
	content: string;
	request: string;
	info_request: string | null;
	outcome: string | null;
	outcome_summary: string | null;
	decision_attachment_id: string | null;
	parent_id: string | null;
}

interface Deadline {
	due: string;
	/** Working days from today (negative when passed); null when this deadline no longer runs. */
	days_left: number | null;
}

export type Party = Record<string, string | null> & { id: string; role: string; full_name: string };

export interface StaffFile {
	today: string;
	complaint: StaffComplaint;
	deadlines: { accept: Deadline | null; resolve: Deadline | null };
	parties: Party[];
	events: {
		id: number;
		occurred_at: string;
		event: string;
		status_after: string;
		citizen_visible: boolean;
		public_note: string | null;
		data: Record<string, unknown> | null;
		actor_id: string | null;
		actor_role: string | null;
		actor_unit_id: string | null;
	}[];
	notes: { id: number; created_at: string; author_id: string; body: string }[];
	access: {
		opened_at: string;
		user_id: string;
		unit_id: string | null;
		role: string | null;
		what: string;
	}[];
	files: {
		id: string;
		file_name: string;
		mime_type: string;
		size_bytes: number;
		uploaded_at: string;
		uploaded_by: string | null;
		is_internal: boolean;
	}[];
	exclusions: { officer_id: string; created_at: string }[];
	rules: {
		purpose: string;
		length_days: number;
		day_unit: 'calendar' | 'working';
		law: string | null;
		article: string | null;
		is_checked: boolean;
		act_on: string;
	}[];
	duplicates: { id: string; code: string | null; reason: 'cccd' | 'phone' }[];
	people: { user_id: string; full_name: string; roles: string[]; unit_id: string }[];
	units: {
		id: string;
		name: string;
		short_name: string | null;
		parent_id: string | null;
		valid_to: string | null;
	}[];
}
