/**
 * Office choices for citizens' selects (issue 18.8). Twelve full names such as "Phòng Thi hành án
 * dân sự khu vực 1 – Hà Nội" all start alike and a 360 px phone cut them to the same prefix. The
 * select groups offices by province (`<optgroup>`), and each option starts with what tells it
 * apart: "Khu vực 1 – Hà Nội". Provincial agencies keep their name ("TP" for "thành phố").
 */

export interface OfficeRow {
	id: string;
	name: string;
	province_name: string | null;
	level: string;
}

export interface OfficeChoice {
	value: string;
	label: string;
}

export interface OfficeGroup {
	province: string;
	options: OfficeChoice[];
}

const REGION = /khu vực\s+(\d+)/i;
const OFFICE_PREFIX = /^Phòng\s+(Thi hành án dân sự|THADS)\s+/i;

/**
 * The option text: "Khu vực 1 – Hà Nội" for a regional office; otherwise the full name, with
 * "thành phố" written "TP" as on signs ("Thi hành án dân sự TP Cần Thơ" fits 360 px, the long
 * form does not).
 */
export function officeLabel(o: OfficeRow): string {
	const region = REGION.exec(o.name);
	if (o.level === 'khu_vuc' && region) {
		return o.province_name ? `Khu vực ${region[1]} – ${o.province_name}` : `Khu vực ${region[1]}`;
	}
	if (o.level === 'khu_vuc') {
		// An office named otherwise ("Phòng THADS khu vực Cần Giờ"): still drop the common prefix.
		const rest = o.name.replace(OFFICE_PREFIX, '');
		if (rest && rest !== o.name) return rest[0]!.toLocaleUpperCase('vi') + rest.slice(1);
	}
	return o.name.replace('thành phố ', 'TP ');
}

const regionNumber = (o: OfficeRow) => Number(REGION.exec(o.name)?.[1] ?? 0);
const rank = (o: OfficeRow) => (o.level === 'cuc' ? 0 : o.level === 'tinh' ? 1 : 2);

/**
 * National offices first and ungrouped; then one group per province (Vietnamese order), the
 * provincial agency first, then regional offices by number (1, 2, …, 10, not 1, 10, 2).
 */
export function officeGroups(rows: OfficeRow[]): { top: OfficeChoice[]; groups: OfficeGroup[] } {
	const sorted = [...rows].sort(
		(a, b) =>
			rank(a) - rank(b) || regionNumber(a) - regionNumber(b) || a.name.localeCompare(b.name, 'vi')
	);
	const top: OfficeChoice[] = [];
	const byProvince = new Map<string, OfficeChoice[]>();
	for (const o of sorted) {
		const choice = { value: o.id, label: officeLabel(o) };
		if (o.level === 'cuc' || !o.province_name) top.push(choice);
		else byProvince.set(o.province_name, [...(byProvince.get(o.province_name) ?? []), choice]);
	}
	const groups = [...byProvince]
		.sort(([a], [b]) => a.localeCompare(b, 'vi'))
		.map(([province, options]) => ({ province, options }));
	return { top, groups };
}
