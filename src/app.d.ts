import type { User } from '@supabase/supabase-js';
import type { Db } from '$lib/server/supabase';
import type { MfaStep, StaffMember } from '$lib/server/auth';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Reference shown to the user for unexpected errors; the details are in the server log. */
			errorId?: string;
		}
		interface Locals {
			/** Per-request client: the anon key, plus the signed-in staff member's JWT when there is one. */
			supabase: Db;
			/** The signed-in Auth user (staff only: citizens never sign in). */
			user: User | null;
			/** The user's row in `public.staff`; null when signed out or not staff. */
			staff: StaffMember | null;
			/**
			 * Signed in with a password but owing a second factor: the step to take, and the staff
			 * row the session will act as once it is taken. `staff` is null until then.
			 */
			mfa: { step: MfaStep; staff: StaffMember } | null;
			/** This request's id (X-Request-Id, the log line): $lib/server/operations.ts. */
			requestId?: string;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
