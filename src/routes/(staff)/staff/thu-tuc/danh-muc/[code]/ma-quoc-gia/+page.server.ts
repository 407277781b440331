/** The national procedure code (mã TTHC) and its confirmation, per procedure (issue 13, part B). */
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import { nationalCodeSchema } from '$lib/admin/national-code';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { data, error: e } = await locals.supabase
		.from('procedures')
		.select('code, national_code, national_code_confirmed, national_code_source')
		.eq('code', params.code)
		.maybeSingle();
	if (e) throw e;
	if (!data) error(404, { message: 'procedure_not_found' });
	return { procedure: data };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const form = Object.fromEntries(await request.formData()) as Record<string, string>;
		const parsed = nationalCodeSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, {
				values: form,
				errors: parsed.error.issues.map((i) => ({
					field: String(i.path[0] ?? ''),
					reason: i.message
				}))
			});
		const v = parsed.data;
		const { error: e } = await locals.supabase.rpc('set_procedure_national_code', {
			p_code: params.code,
			p_national_code: v.national_code,
			p_confirmed: v.confirmed,
			p_source: v.source
		});
		if (e)
			return fail(e.message === 'not_allowed' ? 403 : 400, {
				values: form,
				errors: [
					{
						field:
							e.message === 'national_code_invalid'
								? 'national_code'
								: e.message === 'source_required'
									? 'source'
									: '',
						reason:
							e.message === 'not_allowed'
								? 'admin_err_not_allowed'
								: e.message === 'national_code_invalid'
									? 'admin_national_code_err_code'
									: e.message === 'source_required'
										? 'admin_national_code_err_source'
										: 'admin_err_generic'
					}
				]
			});
		redirect(303, `${localizeHref(`/staff/thu-tuc/danh-muc/${params.code}`)}#ma-tthc`);
	}
};
