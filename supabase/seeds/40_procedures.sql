-- One-stop procedures catalogue (thủ tục hành chính THADS) — seed data.
--
-- Source: the older list of THADS procedures in DOMAIN.md; the current catalogue is the annex of
-- QĐ 630/QĐ-BTP (25/02/2026), which we could not read. Every row whose name, deadline or
-- documents is not confirmed against it has needs_check = true and a check_note saying what to
-- verify, shown to staff only: citizen-visible text never carries an editor's mark (a database
-- constraint refuses "[check]" in it). Admins correct them with publish_procedure_version().
-- Figures confirmed by DOMAIN.md: xác nhận kết quả thi hành án 5 working days; miễn, giảm phí
-- thi hành án 15 working days; a new request is decided within 5 working days.

insert into public.procedure_topics (code, name_vi, name_en, sort) values
  ('yeu_cau_thi_hanh_an', 'Yêu cầu thi hành án', 'Requesting enforcement', 10),
  ('bien_phap', 'Biện pháp bảo đảm, cưỡng chế, định giá', 'Protective and coercive measures, valuation', 20),
  ('mien_giam', 'Miễn, giảm', 'Exemptions and reductions', 30),
  ('xac_nhan', 'Xác nhận, tài sản', 'Confirmations and assets', 40),
  ('khieu_nai_to_cao', 'Khiếu nại, tố cáo', 'Complaints and denunciations', 50)
on conflict (code) do nothing;

do $seed$
declare
  -- Fields most procedures ask for: the judgment or decision being enforced.
  judgment jsonb := '[
    {"name":"so_ban_an","label_vi":"Số bản án, quyết định","label_en":"Judgment or decision number","type":"text","required":true,"max_length":100,"help_vi":"Ví dụ: 12/2025/DS-ST","help_en":"For example: 12/2025/DS-ST"},
    {"name":"ngay_ban_an","label_vi":"Ngày ban hành bản án, quyết định","label_en":"Date of the judgment or decision","type":"date","required":true},
    {"name":"co_quan_ban_hanh","label_vi":"Tòa án hoặc cơ quan ban hành","label_en":"Court or body that issued it","type":"text","required":true,"max_length":200}
  ]';
  case_fields jsonb := '[
    {"name":"so_quyet_dinh_tha","label_vi":"Số quyết định thi hành án","label_en":"Enforcement decision number","type":"text","required":true,"max_length":100},
    {"name":"tu_cach","label_vi":"Bạn là","label_en":"You are","type":"select","required":true,"options":[
      {"value":"duoc_thi_hanh","label_vi":"Người được thi hành án","label_en":"The judgment creditor"},
      {"value":"phai_thi_hanh","label_vi":"Người phải thi hành án","label_en":"The judgment debtor"},
      {"value":"lien_quan","label_vi":"Người có quyền lợi, nghĩa vụ liên quan","label_en":"An affected third party"},
      {"value":"dai_dien","label_vi":"Người đại diện theo ủy quyền","label_en":"An authorised representative"}]}
  ]';
  request_text jsonb := '[{"name":"noi_dung","label_vi":"Nội dung yêu cầu","label_en":"What you are asking for","type":"textarea","required":true,"max_length":2000}]';
  id_doc jsonb := '{"key":"giay_to_tuy_than","label_vi":"Ảnh hoặc bản sao CCCD/hộ chiếu của người yêu cầu","label_en":"Photo or copy of the applicant''s ID card or passport","required":true}';
  where_vi text := 'Bộ phận một cửa của Phòng Thi hành án dân sự khu vực hoặc Thi hành án dân sự tỉnh, thành phố có thẩm quyền; Cổng Dịch vụ công quốc gia; qua bưu chính.';
  where_en text := 'The one-stop desk of the competent regional or provincial civil judgment enforcement office; the National Public Service Portal; by post.';
  online text[] := '{online_partial,in_person,post}';
begin
  if exists (select 1 from public.procedures) then
    return;
  end if;

  perform private.publish_procedure_version('yeu-cau-thi-hanh-an', 'yeu_cau_thi_hanh_an', jsonb_build_object(
    'sort', 10,
    'name_vi', 'Yêu cầu thi hành án',
    'name_en', 'Request for enforcement of a judgment',
    'summary_vi', 'Người được thi hành án hoặc người phải thi hành án yêu cầu cơ quan thi hành án dân sự ra quyết định thi hành án đối với bản án, quyết định đã có hiệu lực pháp luật.',
    'summary_en', 'The creditor or debtor asks the enforcement agency to issue an enforcement decision for a judgment or decision that has taken legal effect.',
    'applicants_vi', 'Người được thi hành án, người phải thi hành án hoặc người được ủy quyền.',
    'applicants_en', 'The judgment creditor, the judgment debtor, or their authorised representative.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_yeu_cau','label_vi','Đơn yêu cầu thi hành án (theo mẫu)','label_en','Request for enforcement (on the official form)','required',true,'note_vi','Có thể trình bày trực tiếp bằng lời nói tại bộ phận một cửa.','note_en','You may also make the request orally at the desk.'),
      jsonb_build_object('key','ban_an','label_vi','Bản án, quyết định được yêu cầu thi hành','label_en','The judgment or decision to be enforced','required',true),
      id_doc,
      jsonb_build_object('key','tai_lieu_tai_san','label_vi','Tài liệu về tài sản, điều kiện thi hành án của người phải thi hành án (nếu có)','label_en','Information on the debtor''s assets and means (if any)','required',false)),
    'fields', judgment || request_text,
    'processing_days', 5,
    'processing_note_vi', 'Ra quyết định thi hành án trong 5 ngày làm việc kể từ ngày nhận đơn yêu cầu.',
    'processing_note_en', 'The enforcement decision is issued within 5 working days of receiving the request.',
    'legal_basis', 'Luật Thi hành án dân sự 2008 (sửa đổi 2014, 2022), Điều 31, 36; Luật Thi hành án dân sự số 106/2025/QH15 (hiệu lực 1/7/2026)',
    'modes', online, 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Quyết định thi hành án hoặc văn bản từ chối nêu rõ lý do.',
    'result_en', 'An enforcement decision, or a written refusal with reasons.',
    'template_ref', 'Mẫu số D04-THADS ban hành kèm theo Thông tư 01/2016/TT-BTP',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: căn cứ pháp lý, số hiệu mẫu đơn. Mã thủ tục, thành phần hồ sơ theo Phụ lục QĐ 630/QĐ-BTP; số hiệu mẫu đơn D04-THADS.'));

  perform private.publish_procedure_version('xac-nhan-ket-qua-thi-hanh-an', 'xac_nhan', jsonb_build_object(
    'sort', 20,
    'name_vi', 'Xác nhận kết quả thi hành án',
    'name_en', 'Confirmation of enforcement results',
    'summary_vi', 'Đương sự đề nghị cơ quan thi hành án dân sự xác nhận kết quả thi hành án của mình (đã thi hành xong, thi hành được một phần…).',
    'summary_en', 'A party asks the enforcement agency to confirm what has been enforced (fully, partly, …).',
    'applicants_vi', 'Đương sự (người được thi hành án, người phải thi hành án) hoặc người được ủy quyền.',
    'applicants_en', 'A party to the case or their authorised representative.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_de_nghi','label_vi','Đơn đề nghị xác nhận kết quả thi hành án','label_en','Request for confirmation of enforcement results','required',true),
      id_doc,
      jsonb_build_object('key','giay_uy_quyen','label_vi','Giấy ủy quyền (nếu nộp thay)','label_en','Power of attorney (if filing for someone else)','required',false)),
    'fields', case_fields || '[{"name":"muc_dich","label_vi":"Mục đích sử dụng giấy xác nhận","label_en":"What the confirmation is for","type":"text","required":false,"max_length":200}]'::jsonb,
    'processing_days', 5,
    'processing_note_vi', 'Kể từ ngày nhận đủ hồ sơ hợp lệ.',
    'processing_note_en', 'From receipt of a complete file.',
    'legal_basis', 'Luật Thi hành án dân sự 2008 (sửa đổi 2014, 2022), Điều 53; Nghị định 62/2015/NĐ-CP',
    'modes', '{online_full,in_person,post}'::text[], 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Giấy xác nhận kết quả thi hành án.',
    'result_en', 'A certificate of enforcement results.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: căn cứ pháp lý. Thời hạn 5 ngày làm việc đã đối chiếu (DOMAIN.md).'));

  perform private.publish_procedure_version('thay-doi-chap-hanh-vien', 'yeu_cau_thi_hanh_an', jsonb_build_object(
    'sort', 30,
    'name_vi', 'Yêu cầu thay đổi Chấp hành viên',
    'name_en', 'Request to change the enforcement officer',
    'summary_vi', 'Đương sự yêu cầu thay đổi Chấp hành viên khi có căn cứ cho rằng Chấp hành viên không vô tư khi làm nhiệm vụ.',
    'summary_en', 'A party asks for another enforcement officer where there are grounds to believe the officer is not impartial.',
    'applicants_vi', 'Người được thi hành án, người phải thi hành án.',
    'applicants_en', 'The judgment creditor or debtor.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_yeu_cau','label_vi','Đơn yêu cầu thay đổi Chấp hành viên, nêu rõ lý do','label_en','Written request stating the reasons','required',true),
      jsonb_build_object('key','tai_lieu_chung_minh','label_vi','Tài liệu chứng minh căn cứ yêu cầu (nếu có)','label_en','Evidence supporting the request (if any)','required',false),
      id_doc),
    'fields', case_fields || '[{"name":"ten_chap_hanh_vien","label_vi":"Họ tên Chấp hành viên đang tổ chức thi hành","label_en":"Name of the current enforcement officer","type":"text","required":true,"max_length":100},{"name":"ly_do","label_vi":"Lý do yêu cầu thay đổi","label_en":"Reasons for the request","type":"textarea","required":true,"max_length":2000}]'::jsonb,
    'processing_days', 5,
    'legal_basis', 'Luật Thi hành án dân sự 2008 (sửa đổi 2014, 2022), Điều 21',
    'modes', online, 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Văn bản trả lời hoặc quyết định thay đổi Chấp hành viên.',
    'result_en', 'A written answer or a decision appointing another officer.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: căn cứ pháp lý. Thời hạn giải quyết (5 ngày làm việc?) theo QĐ 630.'));

  perform private.publish_procedure_version('ap-dung-bien-phap-bao-dam', 'bien_phap', jsonb_build_object(
    'sort', 40,
    'name_vi', 'Yêu cầu áp dụng biện pháp bảo đảm thi hành án',
    'name_en', 'Request for a protective measure',
    'summary_vi', 'Người được thi hành án đề nghị áp dụng ngay biện pháp bảo đảm (phong tỏa tài khoản, tạm giữ tài sản, tạm dừng việc đăng ký, chuyển dịch tài sản) để ngăn tẩu tán, hủy hoại tài sản.',
    'summary_en', 'The creditor asks for an immediate protective measure (freezing an account, holding assets, stopping a transfer) to prevent assets being hidden or destroyed.',
    'applicants_vi', 'Người được thi hành án.',
    'applicants_en', 'The judgment creditor.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_yeu_cau','label_vi','Đơn yêu cầu áp dụng biện pháp bảo đảm','label_en','Request for a protective measure','required',true),
      jsonb_build_object('key','thong_tin_tai_san','label_vi','Thông tin, tài liệu về tài sản, tài khoản của người phải thi hành án','label_en','Information on the debtor''s assets or accounts','required',true),
      id_doc),
    'fields', case_fields || '[{"name":"bien_phap","label_vi":"Biện pháp đề nghị","label_en":"Measure requested","type":"select","required":true,"options":[{"value":"phong_toa","label_vi":"Phong tỏa tài khoản, tài sản ở nơi gửi giữ","label_en":"Freeze an account or deposited assets"},{"value":"tam_giu","label_vi":"Tạm giữ tài sản, giấy tờ","label_en":"Hold assets or documents"},{"value":"tam_dung","label_vi":"Tạm dừng việc đăng ký, chuyển quyền sở hữu, sử dụng tài sản","label_en":"Stop registration or transfer of assets"}]},{"name":"mo_ta_tai_san","label_vi":"Mô tả tài sản, tài khoản","label_en":"Describe the assets or account","type":"textarea","required":true,"max_length":2000}]'::jsonb,
    'processing_days', 1,
    'processing_note_vi', 'Chấp hành viên áp dụng ngay biện pháp bảo đảm khi có yêu cầu.',
    'processing_note_en', 'The officer applies the measure immediately on request.',
    'legal_basis', 'Luật Thi hành án dân sự 2008 (sửa đổi 2014, 2022), Điều 66',
    'modes', online, 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Quyết định áp dụng biện pháp bảo đảm hoặc văn bản trả lời.',
    'result_en', 'A decision applying the measure or a written answer.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: ghi chú thời hạn, căn cứ pháp lý. Thời hạn xử lý (ngay / 1 ngày làm việc?) theo QĐ 630.'));

  perform private.publish_procedure_version('ap-dung-bien-phap-cuong-che', 'bien_phap', jsonb_build_object(
    'sort', 50,
    'name_vi', 'Yêu cầu áp dụng biện pháp cưỡng chế thi hành án',
    'name_en', 'Request for a coercive measure',
    'summary_vi', 'Người được thi hành án đề nghị áp dụng biện pháp cưỡng chế (khấu trừ tiền trong tài khoản, trừ vào thu nhập, kê biên tài sản…) khi người phải thi hành án có điều kiện mà không tự nguyện thi hành.',
    'summary_en', 'The creditor asks for a coercive measure (deduction from an account or income, seizure of assets, …) when the debtor can pay but does not.',
    'applicants_vi', 'Người được thi hành án.',
    'applicants_en', 'The judgment creditor.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_yeu_cau','label_vi','Đơn yêu cầu áp dụng biện pháp cưỡng chế','label_en','Request for a coercive measure','required',true),
      jsonb_build_object('key','thong_tin_tai_san','label_vi','Thông tin về tài sản, thu nhập của người phải thi hành án','label_en','Information on the debtor''s assets or income','required',false),
      id_doc),
    'fields', case_fields || '[{"name":"bien_phap","label_vi":"Biện pháp đề nghị","label_en":"Measure requested","type":"select","required":true,"options":[{"value":"khau_tru","label_vi":"Khấu trừ tiền trong tài khoản","label_en":"Deduct money from an account"},{"value":"tru_thu_nhap","label_vi":"Trừ vào thu nhập","label_en":"Deduct from income"},{"value":"ke_bien","label_vi":"Kê biên, xử lý tài sản","label_en":"Seize and sell assets"},{"value":"khac","label_vi":"Biện pháp khác","label_en":"Other measure"}]}]'::jsonb || request_text,
    'processing_days', 10,
    'legal_basis', 'Luật Thi hành án dân sự 2008 (sửa đổi 2014, 2022), Điều 71',
    'modes', online, 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Quyết định cưỡng chế hoặc văn bản trả lời.',
    'result_en', 'A coercion decision or a written answer.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: căn cứ pháp lý. Thời hạn giải quyết chưa xác định, ghi tạm 10 ngày làm việc.'));

  perform private.publish_procedure_version('dinh-gia-lai-tai-san', 'bien_phap', jsonb_build_object(
    'sort', 60,
    'name_vi', 'Yêu cầu định giá lại tài sản kê biên',
    'name_en', 'Request to re-value seized assets',
    'summary_vi', 'Đương sự yêu cầu định giá lại tài sản đã kê biên trước khi có thông báo công khai về việc bán đấu giá.',
    'summary_en', 'A party asks for seized assets to be valued again before the auction is announced.',
    'applicants_vi', 'Người được thi hành án, người phải thi hành án.',
    'applicants_en', 'The judgment creditor or debtor.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_yeu_cau','label_vi','Đơn yêu cầu định giá lại tài sản','label_en','Request for re-valuation','required',true),
      id_doc),
    'fields', case_fields || '[{"name":"tai_san","label_vi":"Tài sản đề nghị định giá lại","label_en":"Assets to re-value","type":"textarea","required":true,"max_length":2000},{"name":"gia_de_nghi","label_vi":"Giá trị bạn cho là phù hợp (đồng, nếu có)","label_en":"Value you consider right (đồng, if any)","type":"money","required":false}]'::jsonb,
    'processing_days', 5,
    'fee_vi', 'Người yêu cầu chịu chi phí định giá lại (trừ trường hợp do vi phạm của tổ chức thẩm định giá)',
    'fee_en', 'The applicant bears the re-valuation cost (unless the valuer was at fault)',
    'legal_basis', 'Luật Thi hành án dân sự 2008 (sửa đổi 2014, 2022), Điều 99',
    'modes', online, 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Văn bản chấp nhận yêu cầu và tổ chức định giá lại hoặc văn bản trả lời.',
    'result_en', 'Acceptance and re-valuation, or a written answer.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: phí, chi phí, căn cứ pháp lý. Thời hạn, chi phí theo QĐ 630.'));

  perform private.publish_procedure_version('mien-giam-nghia-vu-ngan-sach', 'mien_giam', jsonb_build_object(
    'sort', 70,
    'name_vi', 'Miễn, giảm nghĩa vụ thi hành án đối với khoản thu, nộp ngân sách nhà nước',
    'name_en', 'Exemption or reduction of amounts owed to the state budget',
    'summary_vi', 'Người phải thi hành án không có tài sản hoặc có tài sản nhưng không đủ để thi hành khoản thu, nộp ngân sách nhà nước (án phí, tiền phạt…) đề nghị xét miễn, giảm.',
    'summary_en', 'A debtor without sufficient assets asks for amounts owed to the state budget (court fees, fines, …) to be waived or reduced.',
    'applicants_vi', 'Người phải thi hành án (cá nhân).',
    'applicants_en', 'The judgment debtor (an individual).',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_de_nghi','label_vi','Đơn đề nghị miễn, giảm có xác nhận của UBND xã hoặc cơ quan, tổ chức','label_en','Request certified by the commune or employer','required',true),
      jsonb_build_object('key','tai_lieu_hoan_canh','label_vi','Tài liệu chứng minh hoàn cảnh, điều kiện kinh tế','label_en','Evidence of the debtor''s circumstances','required',true),
      id_doc),
    'fields', case_fields || '[{"name":"khoan_phai_nop","label_vi":"Số tiền còn phải nộp (đồng)","label_en":"Amount still owed (đồng)","type":"money","required":true},{"name":"hoan_canh","label_vi":"Hoàn cảnh, lý do đề nghị","label_en":"Circumstances and reasons","type":"textarea","required":true,"max_length":2000}]'::jsonb,
    'processing_days', 20,
    'legal_basis', 'Luật Thi hành án dân sự 2008 (sửa đổi 2014, 2022), Điều 61, 62; Thông tư liên tịch 12/2015/TTLT-BTP-BTC-TANDTC-VKSNDTC',
    'modes', '{in_person,post}'::text[], 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Quyết định miễn, giảm của Tòa án hoặc văn bản trả lời.',
    'result_en', 'A court decision granting the exemption or reduction, or a written answer.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: căn cứ pháp lý. Thời hạn lập hồ sơ đề nghị Tòa án (20 ngày?) theo QĐ 630.'));

  perform private.publish_procedure_version('mien-giam-chi-phi-cuong-che', 'mien_giam', jsonb_build_object(
    'sort', 80,
    'name_vi', 'Miễn, giảm chi phí cưỡng chế thi hành án',
    'name_en', 'Exemption or reduction of coercion costs',
    'summary_vi', 'Người phải thi hành án có hoàn cảnh kinh tế đặc biệt khó khăn đề nghị miễn, giảm chi phí cưỡng chế thi hành án.',
    'summary_en', 'A debtor in serious financial hardship asks for coercion costs to be waived or reduced.',
    'applicants_vi', 'Người phải thi hành án.',
    'applicants_en', 'The judgment debtor.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_de_nghi','label_vi','Đơn đề nghị miễn, giảm chi phí cưỡng chế có xác nhận của UBND xã','label_en','Request certified by the commune','required',true),
      jsonb_build_object('key','tai_lieu_hoan_canh','label_vi','Tài liệu chứng minh hoàn cảnh khó khăn','label_en','Evidence of hardship','required',true),
      id_doc),
    'fields', case_fields || '[{"name":"chi_phi","label_vi":"Chi phí cưỡng chế phải nộp (đồng)","label_en":"Coercion costs owed (đồng)","type":"money","required":true},{"name":"hoan_canh","label_vi":"Hoàn cảnh, lý do đề nghị","label_en":"Circumstances and reasons","type":"textarea","required":true,"max_length":2000}]'::jsonb,
    'processing_days', 5,
    'legal_basis', 'Luật Thi hành án dân sự 2008 (sửa đổi 2014, 2022), Điều 73; Nghị định 62/2015/NĐ-CP',
    'modes', online, 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Quyết định miễn, giảm chi phí cưỡng chế hoặc văn bản trả lời.',
    'result_en', 'A decision on the costs or a written answer.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: căn cứ pháp lý. Thời hạn giải quyết theo QĐ 630.'));

  perform private.publish_procedure_version('mien-giam-phi-thi-hanh-an', 'mien_giam', jsonb_build_object(
    'sort', 90,
    'name_vi', 'Miễn, giảm phí thi hành án',
    'name_en', 'Exemption or reduction of the enforcement fee',
    'summary_vi', 'Người được thi hành án thuộc diện được miễn, giảm (hộ nghèo, người có công, hoàn cảnh khó khăn…) đề nghị miễn, giảm phí thi hành án.',
    'summary_en', 'A creditor who qualifies (poor household, war veteran, hardship, …) asks for the enforcement fee to be waived or reduced.',
    'applicants_vi', 'Người được thi hành án.',
    'applicants_en', 'The judgment creditor.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_de_nghi','label_vi','Đơn đề nghị miễn, giảm phí thi hành án','label_en','Request for fee exemption or reduction','required',true),
      jsonb_build_object('key','giay_chung_nhan','label_vi','Giấy tờ chứng minh thuộc diện miễn, giảm (sổ hộ nghèo, xác nhận của UBND xã…)','label_en','Proof of eligibility (poor-household book, commune certificate, …)','required',true),
      id_doc),
    'fields', case_fields || '[{"name":"dien_mien_giam","label_vi":"Diện đề nghị","label_en":"Grounds","type":"select","required":true,"options":[{"value":"ho_ngheo","label_vi":"Hộ nghèo, cận nghèo","label_en":"Poor or near-poor household"},{"value":"nguoi_co_cong","label_vi":"Người có công với cách mạng","label_en":"Person with meritorious service"},{"value":"kho_khan","label_vi":"Hoàn cảnh kinh tế đặc biệt khó khăn","label_en":"Serious financial hardship"},{"value":"khac","label_vi":"Trường hợp khác","label_en":"Other"}]},{"name":"ly_do","label_vi":"Trình bày thêm","label_en":"Further details","type":"textarea","required":false,"max_length":2000}]'::jsonb,
    'processing_days', 15,
    'processing_note_vi', '15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.',
    'processing_note_en', '15 working days from receipt of a complete file.',
    'legal_basis', 'Thông tư 216/2016/TT-BTC về phí thi hành án dân sự',
    'modes', '{online_full,in_person,post}'::text[], 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Quyết định miễn, giảm phí thi hành án hoặc văn bản trả lời.',
    'result_en', 'A decision on the fee or a written answer.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: căn cứ pháp lý. Thời hạn 15 ngày làm việc đã đối chiếu (DOMAIN.md).'));

  perform private.publish_procedure_version('nhan-tai-san-tru-vao-tien-thi-hanh-an', 'xac_nhan', jsonb_build_object(
    'sort', 100,
    'name_vi', 'Nhận tài sản để trừ vào số tiền được thi hành án',
    'name_en', 'Taking seized assets in lieu of the money owed',
    'summary_vi', 'Người được thi hành án đề nghị nhận tài sản kê biên không bán được để trừ vào số tiền được thi hành án.',
    'summary_en', 'The creditor asks to take seized assets that could not be sold, in lieu of the money owed.',
    'applicants_vi', 'Người được thi hành án.',
    'applicants_en', 'The judgment creditor.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_de_nghi','label_vi','Đơn đề nghị nhận tài sản để trừ vào số tiền được thi hành án','label_en','Request to take the assets','required',true),
      id_doc),
    'fields', case_fields || '[{"name":"tai_san","label_vi":"Tài sản đề nghị nhận","label_en":"Assets you want to take","type":"textarea","required":true,"max_length":2000},{"name":"so_tien_duoc_thi_hanh","label_vi":"Số tiền còn được thi hành án (đồng)","label_en":"Amount still owed to you (đồng)","type":"money","required":false}]'::jsonb,
    'processing_days', 10,
    'legal_basis', 'Luật Thi hành án dân sự 2008 (sửa đổi 2014, 2022), Điều 104',
    'modes', online, 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Văn bản giao tài sản hoặc văn bản trả lời.',
    'result_en', 'A record of the handover or a written answer.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: căn cứ pháp lý. Thời hạn giải quyết chưa xác định, ghi tạm 10 ngày làm việc.'));

  perform private.publish_procedure_version('khieu-nai-lan-dau', 'khieu_nai_to_cao', jsonb_build_object(
    'sort', 110,
    'name_vi', 'Giải quyết khiếu nại về thi hành án dân sự lần đầu',
    'name_en', 'First-instance complaint about enforcement',
    'summary_vi', 'Khiếu nại quyết định, hành vi của Thủ trưởng cơ quan thi hành án hoặc Chấp hành viên. Để gửi khiếu nại, bạn dùng trang Gửi đơn khiếu nại, tố cáo.',
    'summary_en', 'A complaint about a decision or act of the head of the agency or an officer. File it on the Complaints page.',
    'applicants_vi', 'Đương sự, người có quyền lợi, nghĩa vụ liên quan.',
    'applicants_en', 'A party or an affected third party.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_khieu_nai','label_vi','Đơn khiếu nại','label_en','Complaint','required',true),
      jsonb_build_object('key','tai_lieu','label_vi','Tài liệu, chứng cứ liên quan (nếu có)','label_en','Supporting documents (if any)','required',false)),
    'fields', '[]'::jsonb,
    'processing_days', 15,
    'processing_note_vi', 'Thụ lý trong 5 ngày làm việc; giải quyết trong 15 ngày kể từ ngày thụ lý (khiếu nại trước khi áp dụng biện pháp).',
    'processing_note_en', 'Accepted within 5 working days; resolved within 15 days of acceptance (acts before a measure).',
    'legal_basis', 'Luật Thi hành án dân sự 2008, Chương VIII; Luật số 106/2025/QH15, Điều 96–111',
    'modes', '{in_person,post}'::text[], 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Quyết định giải quyết khiếu nại.',
    'result_en', 'A complaint decision.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: ghi chú thời hạn, căn cứ pháp lý. Nộp qua chức năng khiếu nại (/gui-don); các thời hạn theo bảng deadline_rules.'));

  perform private.publish_procedure_version('khieu-nai-lan-hai', 'khieu_nai_to_cao', jsonb_build_object(
    'sort', 120,
    'name_vi', 'Giải quyết khiếu nại về thi hành án dân sự lần hai',
    'name_en', 'Second-instance complaint about enforcement',
    'summary_vi', 'Khiếu nại lên cấp trên khi không đồng ý với quyết định giải quyết khiếu nại lần đầu hoặc quá hạn mà không được giải quyết.',
    'summary_en', 'An appeal to the level above when you disagree with the first decision or it is overdue.',
    'applicants_vi', 'Người đã khiếu nại lần đầu.',
    'applicants_en', 'The person who made the first complaint.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_khieu_nai','label_vi','Đơn khiếu nại lần hai','label_en','Second complaint','required',true),
      jsonb_build_object('key','quyet_dinh_lan_dau','label_vi','Quyết định giải quyết khiếu nại lần đầu (nếu có)','label_en','First-instance decision (if any)','required',false)),
    'fields', '[]'::jsonb,
    'processing_days', 30,
    'legal_basis', 'Luật Thi hành án dân sự 2008, Chương VIII; Luật số 106/2025/QH15, Điều 96–111',
    'modes', '{in_person,post}'::text[], 'where_vi', 'Thi hành án dân sự tỉnh, thành phố hoặc Cục Quản lý Thi hành án dân sự.', 'where_en', 'The provincial enforcement agency or the Department of Civil Judgment Enforcement.',
    'result_vi', 'Quyết định giải quyết khiếu nại lần hai.',
    'result_en', 'A second-instance complaint decision.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: căn cứ pháp lý. Nộp qua chức năng khiếu nại (/gui-don); thời hạn 30 ngày chưa đối chiếu.'));

  perform private.publish_procedure_version('to-cao', 'khieu_nai_to_cao', jsonb_build_object(
    'sort', 130,
    'name_vi', 'Giải quyết tố cáo về thi hành án dân sự',
    'name_en', 'Denunciation about enforcement',
    'summary_vi', 'Tố cáo hành vi vi phạm pháp luật của cán bộ, Chấp hành viên trong thi hành án dân sự. Danh tính người tố cáo được giữ bí mật.',
    'summary_en', 'Report a violation of the law by an official or enforcement officer. The identity of the person reporting is kept confidential.',
    'applicants_vi', 'Mọi cá nhân.',
    'applicants_en', 'Anyone.',
    'documents', jsonb_build_array(
      jsonb_build_object('key','don_to_cao','label_vi','Đơn tố cáo ghi rõ họ tên, địa chỉ người tố cáo','label_en','Denunciation with your name and address','required',true),
      jsonb_build_object('key','chung_cu','label_vi','Thông tin, tài liệu, chứng cứ (nếu có)','label_en','Evidence (if any)','required',false)),
    'fields', '[]'::jsonb,
    'processing_days', 30,
    'processing_note_vi', 'Thụ lý trong 7 ngày làm việc; giải quyết trong 30 ngày kể từ ngày thụ lý, có thể gia hạn.',
    'processing_note_en', 'Accepted within 7 working days; resolved within 30 days of acceptance, extendable.',
    'legal_basis', 'Luật Tố cáo 2018; Luật Thi hành án dân sự 2008, Chương VIII',
    'modes', '{in_person,post}'::text[], 'where_vi', where_vi, 'where_en', where_en,
    'result_vi', 'Kết luận nội dung tố cáo.',
    'result_en', 'Findings on the denunciation.',
    'needs_check', true, 'check_note', 'Chưa đối chiếu với văn bản gốc: căn cứ pháp lý. Nộp qua chức năng khiếu nại, tố cáo (/gui-don).'));
end
$seed$;
