-- Citizen reception: anon reaches bookings and the reception record only through the code + secret
-- functions. RLS already returns no rows to anon; taking the grant away as well makes a direct
-- select fail loudly (42501) instead of looking empty, like the foundation's unit-scoped tables.
revoke select on public.bookings, public.reception_visits from anon;
