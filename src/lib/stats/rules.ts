/**
 * Deadline rules as the agency maintains them (issue 13, part B): the forms' schemas. The database
 * checks again (add_deadline_rule_version, confirm_deadline_rule: admins only, never backwards).
 */
import { z } from 'zod';

export const confirmRuleSchema = z.object({
	rule_id: z.coerce.number().int().positive(),
	source: z.string().trim().min(5, 'stats_rules_err_source').max(500, 'stats_rules_err_source')
});

export const newVersionSchema = z.object({
	rule_id: z.coerce.number().int().positive(),
	valid_from: z.iso.date('stats_rules_err_date'),
	length_days: z.coerce
		.number()
		.int()
		.min(1, 'stats_rules_err_length')
		.max(365, 'stats_rules_err_length'),
	day_unit: z.enum(['calendar', 'working'], { error: 'stats_rules_err_unit' }),
	article: z.string().trim().max(300).optional().default(''),
	legal_basis: z
		.string()
		.trim()
		.min(5, 'stats_rules_err_source')
		.max(500, 'stats_rules_err_source'),
	source_url: z.string().trim().max(500).optional().default('')
});

export interface RuleRow {
	id: number;
	kind: string;
	instance: number | null;
	subject: string;
	purpose: string;
	start_event: string;
	length_days: number;
	day_unit: 'calendar' | 'working';
	law: string | null;
	article: string | null;
	legal_basis: string;
	source_url: string | null;
	note: string | null;
	is_checked: boolean;
	confirmed_at: string | null;
	valid_from: string;
	valid_to: string | null;
}
