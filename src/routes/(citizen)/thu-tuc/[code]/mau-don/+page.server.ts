import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as catalogue from '$lib/procedures/server/catalogue';

/** A blank, printable application form generated from the procedure's current version. */
export const load: PageServerLoad = async ({ params }) => {
	const procedure = await catalogue.get(params.code);
	if (!procedure) error(404, { message: 'procedure_not_found' });
	return { procedure };
};
