-- Statistics: enforcement_rollup and public_enforcement_by_province go back to the planner's
-- default. Their final step joins the summary rows on an OR condition, which only a nested loop can
-- do; with nested loops off (20261126000550) PostgreSQL priced every plan as "disabled" and the
-- nationwide roll-up went from ~40 ms to ~1,5 s. enforcement_series keeps the setting (it is what
-- made PGlite, which has no statistics, take seconds).
alter function public.enforcement_rollup(uuid, int, int) reset enable_nestloop;
alter function public.public_enforcement_by_province(int, int) reset enable_nestloop;
