import type { SupabaseClient, User } from '@supabase/supabase-js';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		interface Locals {
			/** Per-request client: the anon key, plus the signed-in staff member's JWT when there is one. */
			supabase: SupabaseClient;
			user: User | null;
			staff: { user_id: string; unit_id: string; roles: string[]; full_name: string } | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
