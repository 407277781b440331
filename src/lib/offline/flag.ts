/**
 * Marks in localStorage, readable without loading the offline code, so pages load it only when
 * there is something to show:
 * - "something is in the outbox on this device": set on enqueue, cleared when the last entry is
 *   removed. No-op in the service worker (no localStorage there): the service worker only changes
 *   entries' states, never their number;
 * - "a draft of form <id> is saved": set by drafts.save, cleared by drafts.clear.
 */
const FLAG = 'thads.outbox';
const DRAFT = 'thads.draft:';

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

export function hasDraft(id: string): boolean {
	try {
		return localStorage.getItem(DRAFT + id) === '1';
	} catch {
		return false;
	}
}

export function markDraft(id: string, on: boolean): void {
	try {
		if (on) localStorage.setItem(DRAFT + id, '1');
		else localStorage.removeItem(DRAFT + id);
	} catch {
		// No storage: the page then loads the draft code at the first keystroke.
	}
}
