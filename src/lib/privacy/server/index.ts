import type { Db } from '$lib/server/supabase';
import { createAnonClient } from '$lib/server/supabase';
import type { AccessLogEntry, ErasureAnswer } from '../types';

/**
 * Removes the Storage objects queued by the retention job and erasure (private.storage_deletions)
 * through the Storage API, then confirms them; an object that fails stays queued for the next run.
 */
export async function removeQueuedObjects(
	service: Db,
	limit = 500
): Promise<{ removed: number; failed: number }> {
	const { data, error } = await service.rpc('list_storage_deletions', { p_limit: limit });
	if (error) throw new Error(error.message);
	const rows = (data ?? []) as { id: number; bucket: string; path: string }[];
	const byBucket = new Map<string, { id: number; path: string }[]>();
	for (const r of rows) byBucket.set(r.bucket, [...(byBucket.get(r.bucket) ?? []), r]);
	const done: number[] = [];
	let failed = 0;
	for (const [bucket, items] of byBucket) {
		// remove() answers without error for paths that no longer exist: that is success too.
		const res = await service.storage.from(bucket).remove(items.map((i) => i.path));
		if (res.error) failed += items.length;
		else done.push(...items.map((i) => i.id));
	}
	if (done.length) {
		const confirm = await service.rpc('confirm_storage_deletions', { p_ids: done });
		if (confirm.error) throw new Error(confirm.error.message);
	}
	return { removed: done.length, failed };
}

/** "Who opened my file" for a code + secret (any kind); [] when the code does not resolve. */
export async function accessLogByCode(code: string, secret: string): Promise<AccessLogEntry[]> {
	const { data, error } = await createAnonClient().rpc('get_access_log_by_code', { code, secret });
	if (error) throw new Error(error.message);
	return (data ?? []) as AccessLogEntry[];
}

/** Everything held about the citizen in this file (JSON); null when the code does not resolve. */
export async function myDataByCode(code: string, secret: string): Promise<unknown> {
	const { data, error } = await createAnonClient().rpc('get_my_data_by_code', { code, secret });
	if (error) throw new Error(error.message);
	return data ?? null;
}

/** Records an erasure request where the law allows it; otherwise the answer says why not. */
export async function requestErasure(
	code: string,
	secret: string,
	reason: string | null
): Promise<ErasureAnswer | null> {
	const { data, error } = await createAnonClient().rpc('request_erasure_by_code', {
		code,
		secret,
		reason
	});
	if (error) return { status: 'error' };
	return (data ?? null) as ErasureAnswer | null;
}
