/**
 * Complaint constants and small helpers without zod, so pages can use them without shipping the
 * validation library up front (citizen JS budget, ARCHITECTURE.md).
 */
import { Constants } from '$lib/database.types';

/** From the database's enum public.complaint_kind (generated `Constants`, `npm run types`). */
export const KINDS = Constants.public.Enums.complaint_kind;
export type ComplaintKind = (typeof KINDS)[number];

/** The decision or act complained about; decides the time limit to file (deadline_rules). */
export const SUBJECTS = [
	'before_measure',
	'account_freeze',
	'protective_measure',
	'coercion',
	'after_coercion'
] as const;
export type ComplaintSubject = (typeof SUBJECTS)[number];

export const CAPACITIES = ['creditor', 'debtor', 'related_party', 'other'] as const;

/** The 34 provinces and cities since 1 July 2025 (Nghị quyết 202/2025/QH15). */
export const PROVINCES = [
	'Hà Nội',
	'Huế',
	'Lai Châu',
	'Điện Biên',
	'Sơn La',
	'Lạng Sơn',
	'Quảng Ninh',
	'Thanh Hóa',
	'Nghệ An',
	'Hà Tĩnh',
	'Cao Bằng',
	'Tuyên Quang',
	'Lào Cai',
	'Thái Nguyên',
	'Phú Thọ',
	'Bắc Ninh',
	'Hưng Yên',
	'Hải Phòng',
	'Ninh Bình',
	'Quảng Trị',
	'Đà Nẵng',
	'Quảng Ngãi',
	'Gia Lai',
	'Khánh Hòa',
	'Lâm Đồng',
	'Đắk Lắk',
	'Thành phố Hồ Chí Minh',
	'Đồng Nai',
	'Tây Ninh',
	'Cần Thơ',
	'Vĩnh Long',
	'Đồng Tháp',
	'Cà Mau',
	'An Giang'
] as const;

export const MAX_CO_FILERS = 50;

/** Today in Vietnam: the one helper in src/lib/vn-time.ts. */
export { vnToday } from '../vn-time';

/** Number of co-filer rows shown on the form (grows with "add a person"). */
export function coFilerRows(fd: FormData): number {
	const raw = fd.get('co_count');
	const n = Number.parseInt(typeof raw === 'string' ? raw : '', 10);
	return Number.isFinite(n) ? Math.min(Math.max(n, 1), MAX_CO_FILERS) : 3;
}

/** Shortest reasons for a second-instance appeal (the database's bound on a complaint's content). */
export const APPEAL_REASONS_MIN = 20;
