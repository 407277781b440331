/**
 * The public reads of /api/v1 (no key): the same functions the citizen pages use, shaped into the
 * API's schemas (../schemas.ts). Nothing here reads data the pages do not already publish.
 */
import { createAnonClient } from '$lib/server/supabase';
import * as catalogue from '$lib/procedures/server/catalogue';
import { isOnline, type CatalogueEntry } from '$lib/procedures/types';
import { offices as officeData, slots as slotData } from '$lib/reception/server/reception';
import { distanceKm } from '$lib/reception/geo';
import type { Office as OfficeRow } from '$lib/reception/types';
import { loadPublic } from '$lib/stats/server/load';
import { ratio, toBig } from '$lib/stats/figures';
import { targetHundredths } from '$lib/stats/report';
import type { z } from 'zod';
import type * as S from '../schemas';

export function procedureSummary(p: CatalogueEntry): z.input<typeof S.ProcedureSummary> {
	return {
		code: p.code,
		national_code: p.national_code,
		version: p.version,
		topic_code: p.topic_code,
		topic_name_vi: p.topic_name_vi,
		topic_name_en: p.topic_name_en,
		name_vi: p.name_vi,
		name_en: p.name_en,
		summary_vi: p.summary_vi,
		summary_en: p.summary_en,
		processing_days: p.processing_days,
		fee_amount: Number(p.fee_amount),
		modes: p.modes,
		online: isOnline(p)
	};
}

export function procedureDetail(p: CatalogueEntry): z.input<typeof S.Procedure> {
	return {
		...procedureSummary(p),
		applicants_vi: p.applicants_vi,
		applicants_en: p.applicants_en,
		documents: p.documents,
		processing_note_vi: p.processing_note_vi,
		processing_note_en: p.processing_note_en,
		fee_vi: p.fee_vi,
		fee_en: p.fee_en,
		legal_basis: p.legal_basis,
		where_vi: p.where_vi,
		where_en: p.where_en,
		result_vi: p.result_vi,
		result_en: p.result_en,
		template_ref: p.template_ref,
		needs_check: p.needs_check
	};
}

/** Procedures in catalogue order, or the search's best matches first; optionally one topic. */
export async function procedures(q?: string, topic?: string): Promise<CatalogueEntry[]> {
	const rows = q ? await catalogue.find(q) : await catalogue.list();
	return topic ? rows.filter((r) => r.topic_code === topic) : rows;
}

export const procedure = (code: string) => catalogue.get(code);

export function officeOut(o: OfficeRow, distance?: number): z.input<typeof S.Office> {
	return {
		code: o.code,
		name: o.name,
		short_name: o.short_name,
		level: o.level as 'tinh' | 'khu_vuc',
		province_name: o.province_name,
		address: o.address,
		phone: o.phone,
		reception_hours: o.reception_hours,
		lat: o.lat === null ? null : Number(o.lat),
		lng: o.lng === null ? null : Number(o.lng),
		...(distance === undefined ? {} : { distance_km: Math.round(distance * 10) / 10 })
	};
}

/** Receiving offices by code, or nearest first from (lat, lng) (offices without a position last). */
export async function offices(from?: { lat: number; lng: number }) {
	const rows = await officeData.list(createAnonClient());
	if (!from) return rows.map((o) => officeOut(o));
	return rows
		.map((o) => ({
			o,
			d:
				o.lat === null || o.lng === null
					? undefined
					: distanceKm(from, { lat: +o.lat, lng: +o.lng })
		}))
		.sort((a, b) => (a.d ?? Infinity) - (b.d ?? Infinity) || a.o.code.localeCompare(b.o.code))
		.map(({ o, d }) => officeOut(o, d));
}

export const office = (code: string) => officeData.byCode(createAnonClient(), code);

/** Bookable slots of one office on one day (Vietnam time), with places left. */
export async function availability(office: OfficeRow, day: string) {
	const slots = await slotData.list(createAnonClient(), office.id, day, day);
	return slots
		.filter((s) => s.day === day)
		.map((s) => ({
			starts_at: s.starts_at,
			ends_at: s.ends_at,
			capacity: s.capacity,
			places_left: s.places_left ?? s.capacity,
			with_head: s.with_head
		}));
}

/** The public statistics page's figures (approved monthly reports, per province). */
export async function stats(period?: { workYear: number; monthIndex: number }) {
	const { available, chosen, rows } = await loadPublic(
		createAnonClient(),
		period?.workYear,
		period?.monthIndex
	);
	const num = (v: unknown) => toBig(v as string).toString();
	return {
		period: chosen
			? {
					work_year: chosen.work_year,
					month_index: chosen.month_index,
					reporting_units: chosen.reporting_units
				}
			: null,
		available: available.slice(0, 36).map((a) => ({
			work_year: a.work_year,
			month_index: a.month_index,
			reporting_units: a.reporting_units
		})),
		rows: rows.map((r) => ({
			code: String(r.unit_code),
			name: r.is_nationwide ? null : String(r.province_name),
			nationwide: Boolean(r.is_nationwide),
			reporting_units: Number(r.reporting_units),
			cases_to_enforce: num(r.cases_to_enforce),
			cases_with_conditions: num(r.cases_with_conditions),
			cases_finished: num(r.cases_finished),
			money_with_conditions: num(r.money_with_conditions),
			money_finished: num(r.money_finished),
			rate_cases: ratio(r.cases_finished as string, r.cases_with_conditions as string),
			rate_money: ratio(r.money_finished as string, r.money_with_conditions as string),
			target_cases: targetHundredths(r.cases_target),
			target_money: targetHundredths(r.money_target)
		}))
	};
}
