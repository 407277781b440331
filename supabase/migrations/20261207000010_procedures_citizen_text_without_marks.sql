-- Procedure texts that citizens read carry no editors' marks.
--
-- The first catalogue wrote "[check]" into legal bases, notes and fees that were not yet confirmed
-- against QĐ 630/QĐ-BTP, and the citizen pages showed them. What is unconfirmed is a property of
-- the version (needs_check, with check_note saying what to verify), shown to staff; the texts
-- are cleaned here for databases seeded before, and a constraint keeps the marks out.

-- The marks, and the days the xác nhận note repeated after "Giải quyết trong 5 ngày làm việc".
update public.procedure_versions v
   set name_vi = btrim(regexp_replace(name_vi, '\s*\[check\]', '', 'gi')),
       name_en = btrim(regexp_replace(name_en, '\s*\[check\]', '', 'gi')),
       summary_vi = btrim(regexp_replace(summary_vi, '\s*\[check\]', '', 'gi')),
       summary_en = btrim(regexp_replace(summary_en, '\s*\[check\]', '', 'gi')),
       applicants_vi = btrim(regexp_replace(applicants_vi, '\s*\[check\]', '', 'gi')),
       applicants_en = btrim(regexp_replace(applicants_en, '\s*\[check\]', '', 'gi')),
       processing_note_vi = btrim(regexp_replace(processing_note_vi, '\s*\[check\]', '', 'gi')),
       processing_note_en = btrim(regexp_replace(processing_note_en, '\s*\[check\]', '', 'gi')),
       fee_vi = btrim(regexp_replace(fee_vi, '\s*\[check\]', '', 'gi')),
       fee_en = btrim(regexp_replace(fee_en, '\s*\[check\]', '', 'gi')),
       legal_basis = btrim(regexp_replace(legal_basis, '\s*\[check\]', '', 'gi')),
       where_vi = btrim(regexp_replace(where_vi, '\s*\[check\]', '', 'gi')),
       where_en = btrim(regexp_replace(where_en, '\s*\[check\]', '', 'gi')),
       result_vi = btrim(regexp_replace(result_vi, '\s*\[check\]', '', 'gi')),
       result_en = btrim(regexp_replace(result_en, '\s*\[check\]', '', 'gi')),
       template_ref = btrim(regexp_replace(template_ref, '\s*\[check\]', '', 'gi')),
       documents = regexp_replace(documents::text, '\s*\[check\]', '', 'gi')::jsonb,
       fields = regexp_replace(fields::text, '\s*\[check\]', '', 'gi')::jsonb,
       needs_check = true,
       check_note = btrim(concat_ws(' ', 'Chưa đối chiếu với văn bản gốc: những nội dung từng ghi [check].',
                                    regexp_replace(check_note, '\s*\[check\]', ' (chưa đối chiếu)', 'gi')))
 where concat_ws(' ', name_vi, name_en, summary_vi, summary_en, applicants_vi, applicants_en,
                 processing_note_vi, processing_note_en, fee_vi, fee_en, legal_basis, where_vi,
                 where_en, result_vi, result_en, template_ref, documents::text, fields::text)
       ~* '\[check\]';

update public.procedure_versions
   set processing_note_vi = 'Kể từ ngày nhận đủ hồ sơ hợp lệ.',
       processing_note_en = 'From receipt of a complete file.'
 where processing_note_vi = '05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.';

alter table public.procedure_versions
  add constraint procedure_versions_no_editor_marks check (
    concat_ws(' ', name_vi, name_en, summary_vi, summary_en, applicants_vi, applicants_en,
              processing_note_vi, processing_note_en, fee_vi, fee_en, legal_basis, where_vi,
              where_en, result_vi, result_en, template_ref, documents::text, fields::text)
    !~* '\[check\]'
  );
comment on constraint procedure_versions_no_editor_marks on public.procedure_versions is
  'Citizens read these texts: what is unconfirmed goes in needs_check / check_note (staff only).';
