import type { PageServerLoad } from './$types';

const VIEWS = ['mo', 'sap-han', 'qua-han', 'xong', 'tat-ca'] as const;
type View = (typeof VIEWS)[number];

/** Inbox of the unit(s) the officer may see, with due-soon and overdue lists. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const v = url.searchParams.get('xem');
	const view: View = (VIEWS as readonly string[]).includes(v ?? '') ? (v as View) : 'mo';
	const cols =
		'id, code, status, status_category, status_label_vi, status_label_en, channel, applicant_name, received_at, due_date, procedure_name_vi, procedure_name_en, is_overdue, is_due_soon, assigned_to';
	let q = locals.supabase.from('application_inbox').select(cols);
	if (view === 'mo') q = q.in('status_category', ['new', 'open', 'waiting']);
	if (view === 'sap-han') q = q.eq('is_due_soon', true);
	if (view === 'qua-han') q = q.eq('is_overdue', true);
	if (view === 'xong') q = q.in('status_category', ['done', 'closed']);
	const { data, error } = await q.order('due_date', { ascending: true }).limit(200);
	if (error) throw error;

	const count = async (f: (b: ReturnType<typeof base>) => ReturnType<typeof base>) => {
		const { count } = await f(base());
		return count ?? 0;
	};
	const base = () =>
		locals.supabase.from('application_inbox').select('id', { count: 'exact', head: true });
	const [open, dueSoon, overdue] = await Promise.all([
		count((b) => b.in('status_category', ['new', 'open', 'waiting'])),
		count((b) => b.eq('is_due_soon', true)),
		count((b) => b.eq('is_overdue', true))
	]);
	// application_inbox is a view: the generator cannot see that these come from NOT NULL columns.
	const rows = (data ?? []).map((r) => ({
		...r,
		received_at: r.received_at!,
		due_date: r.due_date!,
		status_label_vi: r.status_label_vi!,
		status_label_en: r.status_label_en!
	}));
	return { view, rows, counts: { open, dueSoon, overdue } };
};
