-- Grants that follow from policies and helpers added after 20261207002040_helper_grants.sql,
-- which let anon/authenticated execute only the private security definer helpers a policy uses.

-- The statistics settings policy (20261207003000) calls private.is_staff() as the caller.
grant execute on function private.is_staff() to authenticated;

-- Only security definer functions call the rounding setting: nobody needs it directly.
revoke execute on function private.percent_rounding_for(uuid) from anon, authenticated;
