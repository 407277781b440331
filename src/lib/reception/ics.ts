/** An iCalendar (RFC 5545) event for a booking, for "add to calendar". */
export function bookingIcs(b: {
	code: string;
	starts_at: string;
	ends_at: string;
	summary: string;
	location: string;
	description: string;
	now?: Date;
}): string {
	const stamp = (iso: string | Date) =>
		new Date(iso)
			.toISOString()
			.replace(/[-:]/g, '')
			.replace(/\.\d{3}/, '');
	const esc = (s: string) =>
		s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
	// Lines longer than 75 octets are folded (RFC 5545 §3.1); Vietnamese takes 2–3 bytes a letter.
	const fold = (line: string) => {
		const bytes = new TextEncoder().encode(line);
		if (bytes.length <= 75) return line;
		const parts: string[] = [];
		let cur = '';
		for (const ch of line) {
			if (new TextEncoder().encode(cur + ch).length > (parts.length ? 74 : 75)) {
				parts.push(cur);
				cur = ch;
			} else cur += ch;
		}
		parts.push(cur);
		return parts.join('\r\n ');
	};
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//THADS//Dat lich tiep cong dan//VI',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${b.code}@thads`,
		`DTSTAMP:${stamp(b.now ?? new Date())}`,
		`DTSTART:${stamp(b.starts_at)}`,
		`DTEND:${stamp(b.ends_at)}`,
		`SUMMARY:${esc(b.summary)}`,
		`LOCATION:${esc(b.location)}`,
		`DESCRIPTION:${esc(b.description)}`,
		'BEGIN:VALARM',
		'TRIGGER:-PT2H',
		'ACTION:DISPLAY',
		`DESCRIPTION:${esc(b.summary)}`,
		'END:VALARM',
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(fold).join('\r\n') + '\r\n';
}
