import { registerJob } from '$lib/server/jobs';

// Daily: remind assigned officers (or the unit mailbox) of files due within 2 working days or overdue.
registerJob('complaints.reminders', async ({ service }) => {
	const { data, error } = await service.rpc('queue_complaint_reminders');
	if (error) throw new Error(error.message);
	return { queued: data };
});
