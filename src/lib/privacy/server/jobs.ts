import { registerJob } from '$lib/server/jobs';
import { removeQueuedObjects } from './index';

// Daily: apply the confirmed retention rules (anonymise / delete closed files, SQL), then remove
// from Storage the files whose attachments rows went (SQL cannot delete Storage objects soundly).
registerJob('privacy.retention', async ({ service }) => {
	const { data, error } = await service.rpc('apply_retention', {});
	if (error) throw new Error(error.message);
	const storage = await removeQueuedObjects(service);
	return { rules: data, storage };
});
