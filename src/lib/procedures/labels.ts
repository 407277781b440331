import { m } from '$lib/paraglide/messages.js';

const EVENTS: Record<string, () => string> = {
	submitted: m.procedures_event_submitted,
	checking: m.procedures_event_checking,
	accepted: m.procedures_event_accepted,
	documents_requested: m.procedures_event_documents_requested,
	documents_added: m.procedures_event_documents_added,
	result_ready: m.procedures_event_result_ready,
	returned: m.procedures_event_returned,
	refused: m.procedures_event_refused,
	apology: m.procedures_event_apology,
	assigned: m.procedures_event_assigned
};

/** The sentence for an application_events.kind (the kind itself when unknown). */
export function eventLabel(kind: string): string {
	return EVENTS[kind]?.() ?? kind;
}
