import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as catalogue from '$lib/procedures/server/catalogue';
import { isOnline, takesPaper } from '$lib/procedures/types';

export const load: PageServerLoad = async ({ params }) => {
	const procedure = await catalogue.get(params.code);
	if (!procedure) error(404, { message: 'procedure_not_found' });
	return {
		procedure,
		online: isOnline(procedure),
		paper: takesPaper(procedure),
		// Complaints and denunciations are filed online through /gui-don, not the one-stop form.
		letter: procedure.topic_code === 'khieu_nai_to_cao'
	};
};
