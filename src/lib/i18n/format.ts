/**
 * Vietnamese-style formatting for numbers, percentages, money and dates: `1.234.567`, `96,97%`,
 * `26/11/2026`, `2.920 tỷ 725 triệu 704 nghìn đồng`.
 *
 * Why not Intl: the output must be identical on every server and browser (tests, PDFs, exports),
 * and amounts in đồng exceed Number.MAX_SAFE_INTEGER in provincial totals. Everything here works
 * on integers and digit strings; rounding is half up (away from zero) as in the agencies'
 * published reports, never on binary floats (0.965 * 100 = 96.49999…).
 */
import { vnParts, type VnParts } from '../vn-time';

/** Anything a database driver may hand us for a numeric column. */
export type NumberLike = bigint | number | string;

const MINUS = '-';

/** A decimal split into sign, integer digits and fraction digits, parsed from its text form. */
interface Decimal {
	negative: boolean;
	int: string;
	frac: string;
}

/** Parse a number, bigint or decimal string ("1234.5", "-0.965", "12e3") without float arithmetic. */
function toDecimal(value: NumberLike): Decimal {
	let text: string;
	if (typeof value === 'bigint') text = value.toString();
	else if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
		// String(n) is the shortest text that round-trips, i.e. what the author wrote (0.965, not 0.96499…).
		text = String(value);
	} else text = value.trim();

	const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
	if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
		throw new RangeError(`not a number: ${String(value)}`);
	}
	let int = match[2] || '0';
	let frac = match[3] ?? '';
	const exp = Number(match[4] ?? 0);
	if (exp > 0) {
		frac = frac.padEnd(exp, '0');
		int += frac.slice(0, exp);
		frac = frac.slice(exp);
	} else if (exp < 0) {
		int = int.padStart(-exp + 1, '0');
		frac = int.slice(int.length + exp) + frac;
		int = int.slice(0, int.length + exp);
	}
	int = int.replace(/^0+(?=\d)/, '');
	const negative = match[1] === '-' && /[1-9]/.test(int + frac);
	return { negative, int, frac };
}

/** Round a decimal to `places` fraction digits, half away from zero, on the digit string. */
function roundDecimal(d: Decimal, places: number): Decimal {
	if (d.frac.length <= places) return { ...d, frac: d.frac.padEnd(places, '0') };
	const kept = d.int + d.frac.slice(0, places);
	const roundUp = d.frac.charCodeAt(places) >= 53; /* '5' */
	let digits = BigInt(kept);
	if (roundUp) digits += 1n;
	const text = digits.toString().padStart(places + 1, '0');
	const int = text.slice(0, text.length - places);
	const frac = text.slice(text.length - places);
	const negative = d.negative && /[1-9]/.test(int + frac);
	return { negative, int, frac };
}

/** Insert dots between thousands: "1234567" → "1.234.567". */
function groupThousands(digits: string): string {
	return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function render(d: Decimal): string {
	const int = groupThousands(d.int);
	return (d.negative ? MINUS : '') + (d.frac ? `${int},${d.frac}` : int);
}

/**
 * `1234567` → `1.234.567`; `1234.5` → `1.234,5`. With `decimals`, rounds half up to exactly that
 * many fraction digits (`formatNumber('2.345', { decimals: 2 })` → `2,35`).
 */
export function formatNumber(value: NumberLike, options: { decimals?: number } = {}): string {
	let d = toDecimal(value);
	if (options.decimals !== undefined) d = roundDecimal(d, options.decimals);
	else d = { ...d, frac: d.frac.replace(/0+$/, '') };
	return render(d);
}

/**
 * A value that is already a percentage (96.965 or "96.965") → `96,97%` (half up, 2 decimals).
 * Use formatPercent(part, whole) for a ratio of two counts.
 */
export function formatPercentValue(
	percent: NumberLike,
	options: { decimals?: number } = {}
): string {
	return `${render(roundDecimal(toDecimal(percent), options.decimals ?? 2))}%`;
}

/**
 * part ÷ whole as a percentage, computed on integers: formatPercent(6468, 6670) → `96,97%`.
 * `whole` 0 gives `—` (a rate of nothing is undefined, not 0%).
 */
export function formatPercent(
	part: NumberLike,
	whole: NumberLike,
	options: { decimals?: number } = {}
): string {
	const places = options.decimals ?? 2;
	const p = toInteger(part);
	const w = toInteger(whole);
	if (w === 0n) return '—';
	const scale = 10n ** BigInt(places + 2); // ×100 for percent, ×10^places for the decimals
	const n = p * scale;
	const negative = n < 0n !== w < 0n && n !== 0n;
	const an = n < 0n ? -n : n;
	const aw = w < 0n ? -w : w;
	const q = (2n * an + aw) / (2n * aw); // half up
	const text = q.toString().padStart(places + 1, '0');
	const d: Decimal = {
		negative: negative && q !== 0n,
		int: text.slice(0, text.length - places),
		frac: text.slice(text.length - places)
	};
	return `${render(d)}%`;
}

/** Integer hundredths of a percent (the stats module's unit): 9697 → `96,97%`; null → `—`. */
export function formatHundredths(hundredths: number | bigint | null | undefined): string {
	if (hundredths === null || hundredths === undefined) return '—';
	const h = typeof hundredths === 'bigint' ? hundredths : toInteger(hundredths);
	const negative = h < 0n;
	const text = (negative ? -h : h).toString().padStart(3, '0');
	return `${render({ negative, int: text.slice(0, -2), frac: text.slice(-2) })}%`;
}

function toInteger(value: NumberLike): bigint {
	if (typeof value === 'bigint') return value;
	const d = toDecimal(value);
	if (/[1-9]/.test(d.frac)) throw new RangeError(`not an integer: ${String(value)}`);
	const n = BigInt(d.int);
	return d.negative ? -n : n;
}

/**
 * Exact amount in đồng: `2920725704000` → `2.920.725.704.000 đồng` (English pages: `… VND`).
 * Amounts are integers (the đồng has no subunit); pass bigint or a digit string for large sums.
 */
export function formatMoney(amount: NumberLike, locale: 'vi' | 'en' = 'vi'): string {
	const n = toInteger(amount);
	return `${formatNumber(n)} ${locale === 'en' ? 'VND' : 'đồng'}`;
}

const MONEY_UNITS: Array<[bigint, string]> = [
	[1_000_000_000n, 'tỷ'],
	[1_000_000n, 'triệu'],
	[1_000n, 'nghìn']
];

/**
 * An amount the way reports say it: 2920725704000n → `2.920 tỷ 725 triệu 704 nghìn đồng`;
 * empty units are skipped (5000000000n → `5 tỷ đồng`), the remainder under 1.000 is kept
 * (1500n → `1 nghìn 500 đồng`).
 */
export function formatMoneyWords(amount: NumberLike): string {
	let n = toInteger(amount);
	if (n === 0n) return '0 đồng';
	const negative = n < 0n;
	if (negative) n = -n;
	const parts: string[] = [];
	// After the leading group, reports write each group with three digits ("1.277 tỷ 040 triệu"),
	// so the figure reads back unambiguously.
	const group = (q: bigint) =>
		parts.length === 0 ? groupThousands(q.toString()) : q.toString().padStart(3, '0');
	for (const [size, name] of MONEY_UNITS) {
		const q = n / size;
		if (q > 0n) parts.push(`${group(q)} ${name}`);
		n %= size;
	}
	if (n > 0n) parts.push(group(n));
	return `${negative ? MINUS : ''}${parts.join(' ')} đồng`;
}

type DateParts = VnParts;

function dateParts(value: Date | string | number): DateParts {
	if (typeof value === 'string') {
		// A plain date ("2026-11-26", a `date` column) is a calendar day: no time-zone shift.
		const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
		if (plain) return { y: +plain[1]!, mo: +plain[2]!, d: +plain[3]!, h: 0, mi: 0 };
	}
	// Instants are shown on Vietnam's wall clock (src/lib/vn-time.ts).
	return vnParts(value);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `26/11/2026`, in Vietnam time for instants; a `YYYY-MM-DD` string is taken as is. */
export function formatDate(value: Date | string | number): string {
	const p = dateParts(value);
	return `${pad(p.d)}/${pad(p.mo)}/${pad(p.y, 4)}`;
}

/** `26/11/2026 14:05` in Vietnam time (24-hour clock). */
export function formatDateTime(value: Date | string | number): string {
	const p = dateParts(value);
	return `${pad(p.d)}/${pad(p.mo)}/${pad(p.y, 4)} ${pad(p.h)}:${pad(p.mi)}`;
}

/** `14:05` in Vietnam time. */
export function formatTime(value: Date | string | number): string {
	const p = dateParts(value);
	return `${pad(p.h)}:${pad(p.mi)}`;
}
