/** One staff opening of a file, as the citizen sees it (unit and role, never the name). */
export interface AccessLogEntry {
	opened_at: string;
	unit_name: string | null;
	role: string | null;
	what: 'file' | 'identity' | 'document' | 'identity_document' | string;
}

/** The answer to a citizen's erasure request (request_erasure_by_code). */
export interface ErasureAnswer {
	status: 'recorded' | 'refused' | 'already_requested' | 'error';
	reason?: 'file_open' | 'legal_hold' | 'already_erased';
	hold_until?: string;
}
