/** What get_application_apology_by_code returns (20261207033000). Client-safe type only. */
export interface ApplicationLateness {
	code: string;
	due_date: string;
	is_late: boolean;
	/** Working days past the due date while the result is still owed; null when not late. */
	days_late: number | null;
	procedure_name_vi: string;
	procedure_name_en: string;
	applicant_name: string;
	received_at: string;
	unit_name: string;
	unit_address: string | null;
	/** Only a confirmed number (units.contact_confirmed). */
	unit_phone: string | null;
	apology: {
		issued_on: string;
		new_due_date: string;
		reason: string;
		before_due: boolean | null;
		/** The new date has passed too and the result is still owed. */
		new_date_passed: boolean;
	} | null;
}
