/** The staff areas' names, by the layout's `nav` label (shared by the menu and the home's area list). */
import { m } from '$lib/paraglide/messages.js';
import type { StaffNavItem } from './+layout.server';

export const NAV_LABELS: Record<StaffNavItem['label'], () => string> = {
	dashboard: m.common_staff_dashboard,
	reception: m.common_staff_reception,
	complaints: m.common_staff_complaints,
	procedures: m.common_staff_procedures,
	stats: m.common_staff_stats,
	deliveries: m.messages_deliveries_title,
	admin: m.admin_title,
	partners: m.api_partners_title,
	mailbox: m.common_staff_mailbox
};
