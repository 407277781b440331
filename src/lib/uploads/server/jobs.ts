import { registerJob } from '$lib/server/jobs';
import { purgeStaleDrafts } from './index';

// Files uploaded to a draft that was never sent: delete after two days (personal data minimisation).
registerJob('uploads.purge_drafts', async ({ service }) => ({
	deleted: await purgeStaleDrafts(service)
}));
