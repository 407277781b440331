import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The latest apology slip of an application, to print and hand over (RLS-checked reads). */
export const load: PageServerLoad = async ({ params, locals }) => {
	if (!UUID.test(params.id)) error(404, { message: 'application_not_found' });
	const db = locals.supabase;
	const { data: app } = await db
		.from('applications')
		.select(
			'id, tracking_code, applicant_name, received_at, due_date, unit_id, procedure_version_id'
		)
		.eq('id', params.id)
		.maybeSingle();
	if (!app) error(404, { message: 'application_not_found' });
	const [apology, version, unit] = await Promise.all([
		db
			.from('application_apologies')
			.select('issued_on, new_due_date, reason')
			.eq('application_id', app.id)
			.order('recorded_at', { ascending: false })
			.limit(1)
			.maybeSingle(),
		db.from('procedure_versions').select('name_vi').eq('id', app.procedure_version_id).single(),
		db.from('units').select('name, address').eq('id', app.unit_id).single()
	]);
	if (!apology.data) error(404, { message: 'apology_not_found' });
	return {
		app,
		apology: apology.data,
		procedureName: version.data?.name_vi ?? '',
		unit: unit.data ?? { name: '', address: null }
	};
};
