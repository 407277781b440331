/**
 * The national procedure code (mã TTHC) of a catalogue procedure and its confirmation (issue 13,
 * part B); the database checks the same (set_procedure_national_code: admins only, format, a
 * confirmed code names its source).
 */
import { z } from 'zod';

const NATIONAL_CODE_RE = /^[0-9A-Za-z][0-9A-Za-z.-]{2,29}$/;

export const nationalCodeSchema = z
	.object({
		national_code: z
			.string()
			.trim()
			.refine((v) => v === '' || NATIONAL_CODE_RE.test(v), 'admin_national_code_err_code'),
		source: z.string().trim().max(500, 'admin_national_code_err_source').optional().default(''),
		confirmed: z
			.union([z.literal('on'), z.literal('')])
			.optional()
			.transform((v) => v === 'on')
	})
	.superRefine((v, ctx) => {
		if (v.confirmed && (v.national_code === '' || v.source.length < 5))
			ctx.addIssue({ code: 'custom', path: ['source'], message: 'admin_national_code_err_source' });
	});
