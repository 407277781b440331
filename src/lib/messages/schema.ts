/**
 * Citizens' message choices (issue 14), shared by the forms, the server and the database's own
 * checks (public.subscribe_push, private.requested_message_choice):
 *   - the channels chosen at filing (SMS of the code on by default, e-mail, Zalo, web push) and
 *     the language, sent to the database as the `x-thads-messages` header ("sms,email;vi");
 *   - a browser's web push subscription, saved for one file by its code + secret.
 */
import { z } from 'zod';

export const MESSAGE_CHANNELS = ['sms', 'email', 'zalo', 'push'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const MESSAGE_LANGS = ['vi', 'en'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

/** What the fieldset posts: `msg_channel` (repeated checkboxes) and `msg_lang`. */
export const messageChoiceSchema = z.object({
	channels: z.array(z.enum(MESSAGE_CHANNELS)).max(4),
	lang: z.enum(MESSAGE_LANGS)
});
export type MessageChoice = z.infer<typeof messageChoiceSchema>;

/** The default: SMS of the code on (opt-out), e-mail on when an address is given. */
export function defaultMessageChoice(lang: string): MessageChoice {
	return { channels: ['sms', 'email'], lang: lang === 'en' ? 'en' : 'vi' };
}

/**
 * Read the fieldset from a form. A form without the fieldset (older cached page, offline replay)
 * gets null: the database's default (SMS and e-mail to what was given) applies.
 */
export function readMessageChoice(form: FormData): MessageChoice | null {
	if (!form.has('msg_lang') && !form.has('msg_shown')) return null;
	const parsed = messageChoiceSchema.safeParse({
		channels: [...new Set(form.getAll('msg_channel').map(String))],
		lang: String(form.get('msg_lang') ?? 'vi')
	});
	return parsed.success ? parsed.data : null;
}

/** The x-thads-messages header value for a choice: "sms,email;vi". */
export function messageChoiceHeader(choice: MessageChoice): string {
	return `${[...new Set(choice.channels)].sort().join(',')};${choice.lang}`;
}

const b64url = (min: number, max: number) =>
	z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}={0,2}$`));

/** PushSubscription.toJSON() as the browser gives it. */
export const pushSubscriptionSchema = z.object({
	endpoint: z
		.string()
		.max(1000)
		.regex(/^https:\/\/[^/?#@\s]+\//),
	expirationTime: z.number().nullable().optional(),
	keys: z.object({ p256dh: b64url(80, 100), auth: b64url(16, 32) })
});

export const pushRequestSchema = z.object({
	code: z.string().min(1).max(20),
	secret: z.string().min(1).max(20),
	subscription: pushSubscriptionSchema,
	lang: z.enum(MESSAGE_LANGS).default('vi')
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Parse "sms,email;vi" (the header / the hidden field that carries the choice between steps). */
export function parseMessageChoiceHeader(value: string | null | undefined): MessageChoice | null {
	const m = /^([a-z,]{0,40});(vi|en)$/.exec(value ?? '');
	if (!m) return null;
	const parsed = messageChoiceSchema.safeParse({
		channels: [...new Set(m[1]!.split(',').filter(Boolean))],
		lang: m[2]
	});
	return parsed.success ? parsed.data : null;
}

/**
 * The choice in a posted form as the header string: the fieldset's fields, or the hidden
 * `messages` field of a "check your answers" step; '' when the form has neither.
 */
export function messageChoiceFromForm(form: FormData): string {
	const carried = parseMessageChoiceHeader(String(form.get('messages') ?? ''));
	if (carried) return messageChoiceHeader(carried);
	const chosen = readMessageChoice(form);
	return chosen ? messageChoiceHeader(chosen) : '';
}
