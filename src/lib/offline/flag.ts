/**
 * "Something is in the outbox on this device": a localStorage mark, readable without loading the
 * outbox code, so pages load the outbox (and its status list) only when there is something to
 * show. Set on enqueue, cleared when the last entry is removed. No-op in the service worker (no
 * localStorage there): the service worker only changes entries' states, never their number.
 */
const FLAG = 'thads.outbox';

export function hasQueued(): boolean {
	try {
		return localStorage.getItem(FLAG) === '1';
	} catch {
		return false;
	}
}

export function markQueued(on: boolean): void {
	try {
		if (on) localStorage.setItem(FLAG, '1');
		else localStorage.removeItem(FLAG);
	} catch {
		// No storage (service worker, private mode): pages then check the outbox itself.
	}
}
