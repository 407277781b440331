/*
 * Reception messages looked up by key (status, topic, outcome and error codes come from the
 * database as data, so the key is built from the code).
 */
import { m } from '$lib/paraglide/messages.js';

type MessageFn = (params?: Record<string, string>) => string;

/** The message `key` with params; the key itself when it does not exist (never throws). */
export function t(key: string, params?: Record<string, string | number>): string {
	const fn = (m as unknown as Record<string, MessageFn | undefined>)[key];
	if (typeof fn !== 'function') return key;
	const p = params
		? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))
		: undefined;
	return fn(p);
}

/** A database or validation error code (`slot_full` or `reception_error_slot_full`) as a sentence. */
export function errorText(code: string, detail?: string): string {
	const key = code.startsWith('reception_error_') ? code : `reception_error_${code}`;
	const out = t(key, { field: detail ?? '' });
	return out === key ? t('reception_error_unexpected') : out;
}

/** Field → sentence, for ErrorSummary and inline errors. */
export function errorTexts(
	errors: Record<string, string> | undefined | null
): Record<string, string> {
	return Object.fromEntries(Object.entries(errors ?? {}).map(([k, v]) => [k, errorText(v)]));
}

export const statusLabel = (s: string) => t(`reception_status_${s}`);
export const topicLabel = (s: string) => t(`reception_topic_${s}`);
export const outcomeLabel = (s: string) => t(`reception_outcome_${s}`);
export const weekdayLabel = (n: number) => t(`reception_weekday_${n}`);
