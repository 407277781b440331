/**
 * Reading a request's form body. The Node adapter refuses a body over BODY_SIZE_LIMIT by failing
 * the read with status 413; that must reach the person as "the file is too big", never as a
 * network problem or invalid input.
 */

/** Whether a failed body read was refused for its size (HTTP 413). */
function isTooLarge(error: unknown): boolean {
	return (
		typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 413
	);
}

/** The form body, or why it could not be read. */
export async function readForm(
	request: Request
): Promise<
	{ form: FormData; error?: undefined } | { form?: undefined; error: 'too_big' | 'invalid' }
> {
	try {
		return { form: await request.formData() };
	} catch (e) {
		return { error: isTooLarge(e) ? 'too_big' : 'invalid' };
	}
}
