/**
 * The filing form's state (runes), shared by the page and its fieldsets: what the server sent
 * back, the live hints, the draft autosaved on the device, the offline review and the send through
 * the outbox. Without JavaScript none of this runs: the page is plain HTML POSTs (+page.server.ts).
 *
 * The heavy modules load on demand, never with the page (citizen JavaScript budget): the zod schema
 * and error texts on the first field left or on a check without network, the draft store after the
 * page is interactive, the outbox only when the citizen sends.
 */
import { tick } from 'svelte';
import { goto } from '$app/navigation';
import { localizeHref } from '$lib/paraglide/runtime';
import type { SubmitFunction } from '@sveltejs/kit';
import type { ActionData, PageData } from './$types';

const loadDrafts = () => import('$lib/offline/drafts');
const loadOutbox = () => import('$lib/offline/outbox');
const loadChecks = () =>
	Promise.all([
		import('$lib/complaints/schema'),
		import('$lib/complaints/labels'),
		import('$lib/messages/schema')
	]);

export type UploadedFile = { id: string; file_name: string; mime_type: string; size_bytes: number };
type Kind = PageData['kind'];

/** A fetch that failed without an answer (no network, dropped signal), not a server error. */
const isNetworkFailure = (e: unknown) =>
	!navigator.onLine ||
	(e instanceof TypeError && /fetch|network|load failed/i.test(e.message ?? ''));

export class ComplaintForm {
	#data: () => PageData;
	#form: () => ActionData;

	/** Set after hydration: the JS-only parts (conditional sections, uploads) then show. */
	enhanced = $state(false);
	viaRep = $state(false);
	isGroup = $state(false);
	coCount = $state(3);
	formEl: HTMLFormElement | undefined = $state();
	draftNote = $state('');
	sendState = $state<'idle' | 'waiting' | 'sending'>('idle');
	restoredFiles = $state<UploadedFile[]>([]);
	/** Hints shown when a touched field is left (never the summary: they must not steal focus). */
	liveErrors = $state<Record<string, string>>({});
	touched: Record<string, boolean> = {};
	/** The whole form checked on the phone when there is no network (same schema as the server). */
	offlineErrors = $state<Record<string, string> | null>(null);
	/**
	 * The review built on the phone when there is no network; the form stays mounted under it.
	 * Raw (not deeply reactive): its values go into IndexedDB as they are.
	 */
	offlineReview = $state.raw<{
		values: Record<string, string>;
		files: { id: string; file_name: string }[];
	} | null>(null);
	/** Back from a server-built review without network: the form again, with the review's values. */
	editValues = $state.raw<Record<string, string> | null>(null);

	constructor(data: () => PageData, form: () => ActionData) {
		this.#data = data;
		this.#form = form;
		$effect.pre(() => {
			const v = this.values;
			this.viaRep = v.via_representative === 'yes';
			this.isGroup = v.is_group === 'yes';
			this.coCount = Number(v.co_count) || 3;
		});
	}

	get data() {
		return this.#data();
	}
	get form() {
		return this.#form();
	}
	get t() {
		return this.data.t;
	}
	get labels() {
		return this.data.labels;
	}

	// Plain getters over the props and the state above: reactive where they are read, and cheap.
	get values(): Record<string, string> {
		return this.editValues ?? this.form?.values ?? {};
	}
	get kind(): Kind {
		return (this.values.kind as Kind) || this.data.kind;
	}
	/** Which step shows: the server's review (no-JS path, online), the phone's, or the form. */
	get step(): 'form' | 'review' | 'offline-review' {
		if (this.offlineReview) return 'offline-review';
		return this.form?.review && !this.editValues ? 'review' : 'form';
	}
	/** Texts, not keys: the server translates its verdict; the phone translates its own. */
	get serverErrors(): Record<string, string> {
		if (this.editValues) return {};
		return (this.form as { errorTexts?: Record<string, string> } | null)?.errorTexts ?? {};
	}
	/** The summary lists a whole verdict — the server's, or the phone's when offline. */
	get verdict() {
		return this.offlineErrors ?? this.serverErrors;
	}
	get errors(): Record<string, string> {
		return { ...this.verdict, ...this.liveErrors };
	}
	get summary() {
		return Object.entries(this.verdict).map(([id, message]) => ({
			id: id === 'co_filers' ? 'co_full_name_0' : id,
			message
		}));
	}
	get draftKey() {
		return this.values.draft_key || this.data.draftKey;
	}
	get idemKey() {
		return this.values.idempotency_key || this.data.idempotencyKey;
	}
	get draftId() {
		return `complaint-${this.kind}`;
	}
	get title() {
		return this.labels.title[this.kind] ?? this.kind;
	}

	err = (name: string) => this.errors[name] ?? null;

	/** A date's boxes as sent back, or its ISO value (older drafts). */
	dateValues = (name: string) =>
		`${name}_day` in this.values
			? {
					day: this.values[`${name}_day`],
					month: this.values[`${name}_month`],
					year: this.values[`${name}_year`]
				}
			: { value: this.values[name] };

	/** The form's fields with the draft key, as the server would read them. */
	#fields() {
		const fd = new FormData(this.formEl);
		fd.set('draft_key', this.draftKey);
		return fd;
	}

	/** Live hint for the fields touched so far (after the first one is left). */
	async validateLive(name?: string) {
		if (!this.formEl) return;
		if (name) this.touched[name] = true;
		const [{ inputFromForm, validateComplaint }, { tf }] = await loadChecks();
		const r = validateComplaint(inputFromForm(this.#fields()));
		const next: Record<string, string> = {};
		if (!r.ok) for (const [k, v] of Object.entries(r.errors)) if (this.touched[k]) next[k] = tf(v);
		this.liveErrors = next;
	}

	/**
	 * "Tiếp tục" without network: the same check as the server's review action, on the phone, and
	 * the same review page built from the typed values. Every problem at once, as online.
	 */
	async reviewOffline(fd: FormData) {
		const [
			{ inputFromForm, validateComplaint, valuesFromForm },
			{ te, tf },
			{ messageChoiceFromForm }
		] = await loadChecks();
		fd.set('draft_key', this.draftKey);
		const v = validateComplaint(inputFromForm(fd));
		if (!v.ok) {
			this.liveErrors = {};
			this.offlineErrors = Object.fromEntries(
				Object.entries(v.errors).map(([k, key]) => [
					k,
					key.startsWith('complaints_error_') ? te(key) : tf(key)
				])
			);
			return;
		}
		const values = valuesFromForm(fd);
		// As the server's review does: the message choice as one field, the dates the boxes make.
		values.messages = messageChoiceFromForm(fd);
		delete values.msg_channel;
		delete values.msg_lang;
		delete values.msg_shown;
		delete values.file_ids;
		values.learned_on = v.data.learned_on ?? '';
		values.decision_date = v.data.decision_date ?? '';
		this.offlineErrors = null;
		this.offlineReview = { values, files: this.#uploadedNames() };
		await tick();
		scrollTo(0, 0);
		document.getElementById('review-title')?.focus();
	}

	/**
	 * Files already uploaded (they are on the server under the draft key): their names, read from
	 * the uploader's list, since the list itself needs the network.
	 */
	#uploadedNames() {
		const inputs = this.formEl?.querySelectorAll<HTMLInputElement>('input[name=file_ids]') ?? [];
		return Array.from(inputs, (i) => ({
			id: i.value,
			file_name: i.closest('li')?.querySelector('span')?.firstChild?.textContent?.trim() ?? ''
		})).filter((f) => f.file_name);
	}

	/** "Sửa đơn" without network: back to the form, everything typed kept. */
	async editOffline(values: Record<string, string>) {
		if (this.offlineReview) this.offlineReview = null;
		else this.editValues = { ...values };
		await tick();
		this.formEl?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
	}

	/** The form's `use:enhance`: without network (or when it drops mid-request), check here. */
	enhance: SubmitFunction = ({ formData, cancel }) => {
		if (!navigator.onLine) {
			cancel();
			void this.reviewOffline(formData);
			return;
		}
		this.offlineErrors = null;
		return async ({ result, update }) => {
			if (result.type === 'error' && isNetworkFailure(result.error))
				return this.reviewOffline(formData);
			this.editValues = null;
			await update({ reset: false });
		};
	};

	/** The form is in the page: restore a saved draft, then autosave and hint on leaving a field. */
	mount(formEl: HTMLFormElement) {
		let stop = () => {};
		void (async () => {
			const drafts = await loadDrafts();
			if (!this.form?.values) {
				const d = await drafts.load(this.draftId).catch(() => null);
				if (d && Object.keys(d.values).length > 3) {
					this.viaRep = d.values.via_representative === 'yes';
					this.isGroup = d.values.is_group === 'yes';
					this.coCount = Number(d.values.co_count) || 3;
					await tick();
					drafts.restore(formEl, d.values);
					this.draftNote = this.t.complaints_draft_restored;
					if (d.values.draft_key) {
						const res = await fetch(
							`${localizeHref('/gui-don/tai-len')}?draft_key=${encodeURIComponent(d.values.draft_key)}`
						).catch(() => null);
						if (res?.ok) this.restoredFiles = await res.json();
					}
				}
			}
			stop = drafts.autosave(formEl, this.draftId, (d) => {
				this.draftNote = this.t.complaints_draft_saved.replace(
					'{time}',
					new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit' }).format(
						Date.parse(d.savedAt)
					)
				);
			});
		})();
		const onBlur = (e: FocusEvent) => {
			const el = e.target as HTMLInputElement;
			if (!el?.name || el.type === 'file') return;
			// A date's three boxes are one answer: judge it when focus leaves the last of them.
			const date = /^(.*)_(day|month|year)$/.exec(el.name)?.[1];
			const next = (e.relatedTarget as HTMLInputElement | null)?.name ?? '';
			if (date && next.startsWith(`${date}_`)) return;
			void this.validateLive(date ?? el.name);
		};
		formEl.addEventListener('focusout', onBlur);
		return () => {
			stop();
			formEl.removeEventListener('focusout', onBlur);
		};
	}

	async clearDraft() {
		const drafts = await loadDrafts();
		await drafts.clear(this.draftId);
		location.href = localizeHref(`/gui-don/don?loai=${this.kind}`);
	}

	/** Final send with JS: through the outbox, so a dropped connection only delays it. */
	sendViaOutbox = async (values: Record<string, string>) => {
		// A plain copy: IndexedDB cannot store a reactive proxy (DataCloneError).
		const reviewValues = { ...values };
		this.sendState = 'sending';
		const [drafts, outbox] = await Promise.all([loadDrafts(), loadOutbox()]);
		const entry = await outbox
			.enqueue({
				key: reviewValues.idempotency_key!,
				url: localizeHref('/gui-don/gui'),
				body: { values: reviewValues },
				kind: 'complaint'
			})
			.catch(() => null);
		if (!entry) {
			// No storage on this device (private mode): online, the page posts the review form
			// itself; offline it stays here, the draft kept, and the citizen can send later.
			this.sendState = 'idle';
			return !navigator.onLine;
		}
		const done = async (key: string) => {
			await drafts.clear(`complaint-${reviewValues.kind}`);
			await outbox.remove(key);
			await goto(localizeHref('/gui-don/xac-nhan'));
		};
		const sent = await outbox.send(entry);
		if (sent.state === 'sent') {
			await done(sent.key);
			return true;
		}
		if (sent.state === 'failed') {
			await outbox.remove(sent.key);
			return false; // let the server render the refusal
		}
		this.sendState = 'waiting';
		const retry = async () => {
			const again = await outbox.send(sent);
			if (again.state === 'sent') {
				window.removeEventListener('online', retry);
				await done(again.key);
			} else if (again.state === 'sending' && again.claim) {
				// The service worker holds it (Background Sync): look again when its claim runs out.
				setTimeout(retry, Math.max(0, again.claim.until - Date.now()) + 500);
			}
		};
		window.addEventListener('online', retry);
		return true;
	};
}
