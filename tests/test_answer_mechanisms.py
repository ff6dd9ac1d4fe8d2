"""Round-2 answer mechanisms on the real index: parts, shares of amounts, lists, bases, scope words."""
from __future__ import annotations

import pytest

from assistant.superlative import Extreme, asked_extreme, compare_items
from figures.metrics import metric_mentions
from kotext.flat_tables import rebuild_vertical
from questions.analysis import analyze, question_parts


def test_two_part_question_answers_each_part(assistant):
    ans = assistant.ask("장애인 온라인 취업박람회는 사업비가 얼마고, 몇 명 취업시키는 게 목표예요?")
    assert not ans.abstained
    assert "125백만원" in ans.answer and "150명" in ans.answer


def test_question_parts_split_clauses_that_each_ask_a_value():
    parts = question_parts("도시청년 지역일자리 사업비 전체는 얼마고 그중 국비는 얼마인가요?")
    assert [p.kinds for p in parts] == [("money",), ("money",)]
    assert "국비" in parts[1].terms  # one-syllable Kiwi pieces joined back
    assert question_parts("경제정책실 달성률은?") == ()


def test_share_of_a_budget_comes_from_the_breakdown_cell(assistant):
    ans = assistant.ask("영등포 청년 커뮤니티 활성화 지원 예산 중 시비는 얼마예요?")
    assert not ans.abstained and "58,800" in ans.answer


def test_vertical_table_keeps_the_breakdown_after_its_value():
    body = [(1, "예 산 액 집 행 액 집행률(%)"), (2, "469,580"), (3, "(시 58,800,"), (4, "구비 410,780)"),
            (5, "227,955"), (6, "(시 23,986,"), (7, "구비 203,969)"), (8, "48.5")]
    row = rebuild_vertical(body, "천원")[1]
    assert row.values == ("469,580", "227,955", "48.5")
    assert row.render() == "예산액 469,580천원(시 58,800, 구비 410,780), 집행액 227,955천원(시 23,986, 구비 203,969), 집행률 48.5%"


def test_highest_within_a_group_compares_the_list_of_that_passage(assistant):
    ans = assistant.ask("여성 뉴딜일자리 사업들 중에 예산이 제일 큰 건 어떤 사업이야?")
    assert not ans.abstained
    assert "아동돌봄" in ans.answer.splitlines()[0]


def test_compare_items_reads_a_list_inside_one_item_and_skips_totals():
    lines = ["○ 지원목표 : 5개 직접 여성일자리사업 361명(4,689백만원)", "○ 여성일자리메이커 운영 : 30명, 712백만원",
             "○ 지역아동센터 아동돌봄 교사 : 200명, 1,915백만원"]
    ranked = compare_items("예산이 가장 적은 사업은?", lines)
    assert [c.label for c in ranked] == ["여성일자리메이커 운영", "지역아동센터 아동돌봄 교사"]
    inside = compare_items("가입자가 가장 많은 채널은?", ["SNS 채널 운영: 인스타그램 449명, 블로그 63명, 카카오플러스 2,342명"])
    assert inside[0].label == "카카오플러스"
    assert asked_extreme("제일 낮은 곳은?") is Extreme.MIN and asked_extreme("예산은?") is None


def test_basis_question_answers_with_the_lines_under_the_figure(assistant):
    ans = assistant.ask("노동자종합지원센터 신규 일자리 34개는 어떻게 나온 거야?")
    assert not ans.abstained and "34개" in ans.answer and "재계약" in ans.answer


def test_describing_word_the_reports_never_use_does_not_decline(assistant):
    ans = assistant.ask("영등포 청년건축학교에서 형편 어려운 집 고쳐준 건 몇 가구야?")
    assert not ans.abstained and "4가구" in ans.answer


def test_asked_word_the_reports_never_use_declines(assistant):
    ans = assistant.ask("영등포 청년건축학교 도배기능사 과정 수강료는 얼마예요?")
    assert ans.abstained
    assert "수강료" in analyze("영등포 청년건축학교 도배기능사 과정 수강료는 얼마예요?").pivots


def test_part_of_a_whole_metric_is_the_asked_one():
    assert [m for _, m in metric_mentions("일자리정책과 예산 중 5월말까지 집행된 금액은?")] == ["집행액"]
    assert [m for _, m in metric_mentions("경제정책실 예산과 집행률은?")] == ["예산액", "집행률"]


def test_an_office_only_another_document_has_is_outside_a_document_scope(assistant):
    from retrieval.hybrid import SearchFilters

    ydp = SearchFilters(doc_id="yeongdeungpo-job-policy-work-report-2023")
    refused = assistant.ask("경제정책실 5월말 달성률은?", filters=ydp)
    assert refused.abstained and "검색 범위 밖" in refused.answer and "54.8" not in refused.answer
    inside = assistant.ask("청년 커뮤니티 활성화 지원 예산은?", filters=ydp)
    assert not inside.abstained and "469,580" in inside.answer


def _law_chunks():
    from ingest.chunker import chunk_document
    from ingest.documents import load_document
    from settings import REPO_ROOT

    law = REPO_ROOT / "eval" / "generalization" / "corpus_r2" / "elderly-jobs-act-enforcement-decree-2024.md"
    return chunk_document(load_document(law))


def test_a_lead_in_sentence_is_answered_with_the_items_it_announces():
    from assistant.extractive import Evidence, announced_evidence

    chunks = _law_chunks()
    chunk = next(c for c in chunks if any("다음 각 호의 서류를 첨부하여" in t for _, _, t in c.items))
    start, end, text = next(it for it in chunk.items if "다음 각 호의 서류를 첨부하여" in it[2])
    anchor = Evidence(chunk, 0, start, end, text, 1.0, 1.0)
    section = [c for c in chunks if c.section == chunk.section]
    listed = announced_evidence(analyze("노인친화기업으로 지정받으려면 신청서에 어떤 서류를 붙여야 해?"), anchor, section)
    assert [e.text.split(" ", 1)[0] for e in listed[1:]] == ["1\\.", "2\\.", "3\\."]  # then the article's ② ends the list
    assert "사업계획서" in listed[1].text and "재무상태표" in listed[2].text
    # asked where/who: the lead-in itself names it, nothing is listed
    assert announced_evidence(analyze("서류는 어디에 제출해요?"), anchor, section) == []


def test_a_table_row_answers_the_column_the_question_names(assistant):
    ans = assistant.ask("여성인력개발기관 직업교육훈련으로 취업한 사람 중 40대는 몇 명이야?")
    assert "40~49세 577명" in ans.answer and "30~39세" not in ans.answer.splitlines()[-1]
    # prose with commas is not cut into cells
    whole = assistant.ask("경제정책실 소관 82개 일자리 사업 중 직접일자리와 간접일자리 사업은 각각 몇 개야?")
    assert "직접 18" in whole.answer and "간접 64" in whole.answer


def test_markdown_marks_are_not_shown_in_answers():
    from kotext.text import markdown_plain

    assert markdown_plain("**①** 법 제13조") == "① 법 제13조"
    assert markdown_plain("1\\. 노인 일자리") == "1. 노인 일자리"


def test_numbered_items_of_a_markdown_law_are_not_headings():
    """A Markdown document marks its headings with #: '2\\. 제8조에 따라 … 64세 이하일 것' is an item of its
    article, not a section that then prefixes the next articles."""
    sections = {c.section.split(" › ")[-1] for c in _law_chunks()}
    assert "제2조 (노인 일자리 및 사회활동 지원 대상 노인의 연령 및 기준)" in sections
    assert not [s for s in sections if s[:1].isdigit()], sections


def test_an_agenda_list_is_not_a_run_of_headings():
    """Minutes list their agenda '1. …의 건(계속)', '2. …', '3. … 조례안' one after another: a list, so the
    opening of the meeting ('(10시04분 개의)') is not filed under the last agenda item."""
    import glob
    from pathlib import Path

    from ingest.chunker import chunk_document
    from ingest.documents import load_document
    from settings import REPO_ROOT

    path = Path(glob.glob(str(REPO_ROOT / "eval" / "generalization" / "corpus_r2" / "ulsan-*.txt"))[0])
    chunks = chunk_document(load_document(path))
    opening = next(c for c in chunks if "10시04분 개의" in c.text)
    assert "중·장년층 지원에 관한 조례안" not in opening.section
    assert any("아르바이트 운영에 관한 조례" in c.text for c in chunks)


# --- Round 4: gaps between two printed values, differences without a metric word, districts by document ---

def test_gap_between_two_labelled_values_of_one_line(assistant):
    ans = assistant.ask("노동자종합지원센터 인건비에서 시립은 구립보다 얼마나 더 많나요?")
    assert not ans.abstained
    assert "1,668백만원" in ans.answer and ans.answer.startswith("시립이 구립보다")


def test_gap_between_values_of_neighbouring_list_lines(assistant):
    ans = assistant.ask("사회적경제지원센터 3층은 2층보다 면적이 얼마나 넓어요?")
    assert not ans.abstained and "132㎡" in ans.answer and "3층이 2층보다" in ans.answer


def test_gap_needs_two_named_values_of_the_asked_kind():
    from assistant.pair_difference import _named_values, _of_kind

    line = "○ 인건비 : 2,476백만원(시립 2,072백만원 / 구립 404백만원)"
    values = _named_values(line, "인건비는시립이구립보다얼마나많아요?")
    assert [v.label for v in values] == ["인건비", "시립", "구립"]
    assert _of_kind("백만원", "money") and not _of_kind("개", "money") and not _of_kind("%", "count")


def test_difference_across_meetings_without_a_metric_word(assistant):
    ans = assistant.ask("신림선 경전철 확대 일자리는 제2차 회의와 제4차 회의 자료에서 몇 개 차이가 나나요?")
    assert not ans.abstained and "68개" in ans.answer


def test_district_named_only_in_the_documents_letterhead_is_in_scope():
    from assistant.scope import out_of_scope_reason
    from reports.chunks import Chunk

    chunk = Chunk(id="c", doc_id="d", doc_title="조례안 입법예고", section="주요내용", meeting="", office="", program="", team="",
                  aspect="", line_start=1, line_end=1, text="가. 일자리 창출 사업", index_text="가. 일자리 창출 사업", content_hash="h")
    asked = "동작구 조례안의 일자리 창출 사업은?"
    assert out_of_scope_reason(asked, [chunk], [], (), "서울특별시동작구공고", "서울특별시동작구공고") is None
    assert out_of_scope_reason(asked, [chunk], [], (), "…동작구…", "") is not None  # deep inside: not about it


def test_extreme_of_a_breakdown_that_adds_up_to_the_named_whole(assistant):
    ans = assistant.ask("마을기업 지원기업 총 25개를 유형별로 보면 어느 유형이 제일 많아요?")
    assert not ans.abstained and ans.answer.startswith("가장 많은 것은 예비(11개)")


def test_breakdown_parts_are_compared_without_their_total():
    from assistant.superlative import breakdown_total, extreme_statement
    from kotext.numbers import stated_total

    line = "－ 지원기업 : 총 25개(신규 7개, 재지정 4개, 고도화 3개, 예비 11개)"
    assert breakdown_total(line) == 25 and stated_total("지원기업 25개 중 가장 많은 유형은?") == 25
    assert extreme_statement("가장 적은 유형은?", line) == "가장 적은 것은 고도화(3개)입니다."
    runs = "－ 초기성장지원사업(10개팀) 스케일업지원사업(5개팀),작은행사지원사업(4개조합)"
    assert breakdown_total(runs) == 19
    assert stated_total("예산은 얼마야?") is None


def _minutes_hit(section: str, text: str):
    from reports.chunks import Chunk
    from retrieval.hybrid import Hit

    chunk = Chunk(id=section, doc_id="minutes", doc_title="고용노동법안심사소위원회 회의록", section=f"회의록 › {section}", meeting="",
                  office="", program="", team="", aspect="", line_start=1, line_end=1, text=text, index_text=text, content_hash="h")
    return Hit(chunk, 1.0, 1, 1)


def test_who_holds_a_role_comes_from_the_speaker_heading():
    from assistant.speaker_roster import SpeakerRoster
    from questions.analysis import analyze

    hits = [_minutes_hit("김태선 위원", "질문 있습니다."), _minutes_hit("소위원장 김주영", "지금 소위 위원장 맞습니다."),
            _minutes_hit("전문위원 임재금", "쟁점사항을 보고드리겠습니다.")]
    roster = SpeakerRoster()
    q = "그 회의에서 사회 본 소위원장이 누구였어?"
    assert roster.try_answer(q, analyze(q), hits).answer == "소위원장은 김주영입니다. [1]"
    q = "쟁점을 보고한 전문위원 이름 알려 줘"
    assert roster.try_answer(q, analyze(q), hits).answer == "전문위원은 임재금입니다. [1]"
    q = "추진 실적은 누가 정리했어?"  # a heading that is not a title and a name answers nothing
    assert roster.try_answer(q, analyze(q), [_minutes_hit("추진 실적", "…")]) is None


def test_value_patterns_read_korean_unit_chains_and_fractions_in_words():
    from questions.analysis import VALUE_PATTERNS

    for text in ("2조원을 상회", "5천만원", "1조 2천억원", "3억 5천만 원"):
        assert VALUE_PATTERNS["money"].search(text), text
    for text in ("정원의 100분의 3 이상", "30.8 퍼센트", "12％"):
        assert VALUE_PATTERNS["rate"].search(text), text
    assert not VALUE_PATTERNS["money"].search("지원 만원이 아닌 프로그램")


def test_a_question_that_asks_how_or_why_is_not_declined_for_a_missing_amount(assistant):
    from questions.analysis import asks_no_value

    assert asks_no_value("공사인력 일자리에는 왜 예산이 없어요?")
    assert not asks_no_value("예산은 얼마예요?") and not asks_no_value("만족도는 어땠어요?")
    assert not asks_no_value("나이 제한은?")  # an elliptic question still asks the value it names
    ans = assistant.ask("서울시가 올해 일자리 예산을 어느 정도 편성했다고 특위 구성 경위에 적혀 있어?")
    assert not ans.abstained and "2조원" in ans.answer


def test_how_long_asks_a_duration_not_an_amount():
    assert analyze("현장실습 기간은 얼마나 돼요?").kinds == ("duration",)
    assert analyze("현장실습 지원금은 얼마나 돼요?").kinds[0] == "money"


def test_a_metric_written_with_its_value_is_given_not_asked():
    from figures.metrics import question_metrics

    assert question_metrics("청년 일자리 예산 300억원 가운데 실제 집행된 건 몇 억원이에요?") == ["집행액"]
    assert question_metrics("예산 40억원 중에 몇 억을 썼어요?") == ["집행액"]
    assert question_metrics("예산과 집행률은?") == ["예산액", "집행률"]


def test_meetings_named_in_a_list_are_each_read():
    from questions.analysis import named_meetings

    assert named_meetings("2차, 3차, 4차 회의 자료에서 각각") == ["제2차회의", "제3차회의", "제4차회의"]
    assert named_meetings("2·3차 회의랑 제4차") == ["제2차회의", "제3차회의", "제4차회의"]
    assert named_meetings("4차산업 분야 청년 취업") == []


def test_each_meeting_named_gets_its_own_line(assistant):
    ans = assistant.ask("장애인 직업재활 시설 및 커리어 플러스센터 운영 일자리, 2차 회의와 4차 회의 때 각각 몇 개로 보고됐어?")
    assert not ans.abstained
    assert "3,322개" in ans.answer and "3,030개" in ans.answer


def test_sum_of_the_values_a_line_names(assistant):
    ans = assistant.ask("디지털 마케팅 전문가 양성과정 도전 2~3기와 도전+ 2기~3기 인원을 합치면 몇 명이야?")
    assert not ans.abstained and "54명" in ans.answer and "20명 + 34명" in ans.answer


def test_sum_of_as_many_values_as_the_question_counts(assistant):
    # four rows of a flattened table, each with its 국/시/구 breakdown that must not be added
    ans = assistant.ask("영등포 상생기업 재정지원 네 사업 지원액을 다 합치면 몇 백만원이에요?")
    assert not ans.abstained and "314백만원" in ans.answer


def test_remainder_of_a_total_minus_the_negated_part(assistant):
    ans = assistant.ask("구인·구직 만남의 날 JOB 포유에 등록한 사람 중 채용 안 된 사람은 몇 명이야?")
    assert not ans.abstained and "62명" in ans.answer and "88명 − 26명" in ans.answer


def test_line_values_labels_and_bracketed_breakdowns():
    from assistant.line_arithmetic import _count_said
    from assistant.passage_values import passage_values as _values

    values = _values("소요예산(’21년) : 21,237백만원(시비 16,781, 구비 3,014, 민간 1,442)")
    assert [(v.label, v.printed, v.inner) for v in values] == [
        ("소요예산", "21,237백만원", False), ("시비", "16,781백만원", True), ("구비", "3,014백만원", True),
        ("민간", "1,442백만원", True)]
    assert [v.label for v in _values("- 도전 2~3기(20명), 도전+ 2기~3기(34명) 과정 운영")] == ["도전 2~3기", "도전+ 2기~3기"]
    assert [(v.printed, v.after) for v in _values("4회 개최, 88명 등록, 26명 채용")][1:] == [("88명", "등록"), ("26명", "채용")]
    assert [v.label for v in _values("자활근로사업단(408개소) 및 자활기업(130개소) 활동 : 총 538개소")][:2] == ["자활근로사업단", "자활기업"]
    assert _count_said("네 사업 지원액을 다 합치면") == 4 and _count_said("3개 사업 예산") == 3 and _count_said("예산은?") == 0


def test_a_region_the_asker_lives_in_is_not_a_topic_the_reports_lack():
    from assistant.scope import out_of_scope_reason
    from reports.chunks import Chunk

    chunk = Chunk(id="c", doc_id="d", doc_title="결과보고서", section="지역상생 청년 일자리", meeting="", office="", program="",
                  team="", aspect="", line_start=1, line_end=1, text="대상: 서울시 거주 청년참여자(만19세~39세)",
                  index_text="대상: 서울시 거주 청년참여자(만19세~39세)", content_hash="h")
    for lives in ("경기도 사는 30살 청년도 참여할 수 있어요?", "경기도 광명에 사는 25살인데 뽑힐 수 있어요?", "부산시 거주자도 되나요?"):
        assert out_of_scope_reason(lives, [chunk], [], ()) is None, lives
    for topic in ("경기도 청년면접수당은 한 번에 얼마 줘요?", "부산시 청년 일자리 사업은 어떤 게 있어?"):
        assert out_of_scope_reason(topic, [chunk], [], ()) is not None, topic


def test_gap_to_a_target_is_the_target_minus_the_result(assistant):
    # "목표까지 몇 개 남았어요": one program's 목표 − 실적, said from the result
    ans = assistant.ask("노인맞춤돌봄서비스 수행인력은 목표까지 몇 개 남았어요?")
    assert not ans.abstained and "175개" in ans.answer and "3,020개" in ans.answer and "2,845개" in ans.answer
    # people against posts of one program are one count: 18,500명 − 18,244개
    ans = assistant.ask("장애인 활동지원사 목표에 비해 몇 명 부족해?")
    assert "256명" in ans.answer
    # past the target: said as over it, not as a negative gap
    ans = assistant.ask("국공립어린이집 보육교직원 인건비 지원은 목표를 몇 명 넘었어요?")
    assert "1,225명" in ans.answer and "-1,225" not in ans.answer.split("계산")[0]



def test_gap_between_bare_parts_of_a_bracketed_breakdown(assistant):
    # "총 6,200명(市과정 4,639, 국가협력과정 1,561)": the parts carry the unit of the total before the bracket
    ans = assistant.ask("기술교육원 훈련정원 가운데 市과정은 국가협력과정에 비해 몇 명이 더 많나요?")
    assert not ans.abstained and "3,078명" in ans.answer


def test_sum_of_the_things_a_question_lists_and_of_values_in_a_bracket():
    from assistant.line_arithmetic import _count_said
    from assistant.passage_values import passage_values

    # "영등포·온라인·금천": three listed names say three values are added
    assert _count_said("영등포·온라인·금천 교육 인원을 다 합치면?") == 3
    assert _count_said("투·출기관과 민간기업 참여자를 합치면?") == 0
    # a value inside brackets with no label of its own belongs to the words before the bracket
    values = passage_values("－ 市·자치구(204개, 2,438명), 투·출기관(16개, 247명), 민간기업맞춤형(22개, 472명)")
    assert [(v.label, v.printed) for v in values if v.unit == "명"] == [
        ("市·자치구", "2,438명"), ("투·출기관", "247명"), ("민간기업맞춤형", "472명")]


def test_sum_over_a_list_that_a_note_line_interrupts(assistant):
    ans = assistant.ask("기술특화캠퍼스 향후계획의 영등포, 온라인, 금천 교육 인원은 모두 합해 몇 명인가요?")
    assert "850명" in ans.answer


def test_remainder_after_the_things_a_negation_names(assistant):
    # "해지되지 않고 남은": the total minus the part the line says was 해지 ("75개사 협약 해지")
    ans = assistant.ask("서울형 강소기업 점검한 기업 가운데 협약 해지되지 않은 기업은 몇 개사야?")
    assert "425개사" in ans.answer


def test_a_district_named_as_a_subject_of_another_report_keeps_that_report(assistant):
    # 영등포 is one of the districts the Seoul report's 아트테리어 programme selected: the question is about
    # that programme, which the district's own report never mentions
    ans = assistant.ask("아트테리어 사업 대상 자치구에 영등포도 들어가 있나요?")
    assert not ans.abstained and "영등포" in ans.answer and "150백만원" in ans.answer


def test_a_count_glued_to_its_counter_is_not_a_missing_word(assistant):
    # Kiwi glues "두 곳 중" into one piece; a count the question says is not a topic the reports lack
    from assistant.scope import unknown_terms

    bm25 = assistant.view().answerer.bm25
    assert unknown_terms(("두곳중", "세가지", "수강료"), bm25, {}) == ["수강료"]
    ans = assistant.ask("청년지원팀 시설 두 곳 중 연면적이 더 넓은 곳은 어디인가요?")
    assert not ans.abstained and "502.6㎡" in ans.answer


def test_a_long_item_is_cut_where_the_question_is_answered():
    # a real budget statement's 사회보험부담금 row: its 산출내역 cell lists every insurance in one long line
    from pathlib import Path

    from assistant.answer_text import _trim

    doc = Path(__file__).resolve().parents[1] / "eval/generalization/corpus_r8/childrens-care-center-budget-statement-original-vs-revised.md"
    row = next(line for line in doc.read_text(encoding="utf-8").splitlines() if "산재보험료" in line)
    assert len(row) > 600
    pension = _trim(analyze("국민연금 기관 부담분은 급여에 어떤 비율을 곱해서 계산했어요?"), row, 250)
    assert "국민연금" in pension and "0.045" in pension and len(pension) <= 252
    accident = _trim(analyze("시설장 산재보험료는 한 달에 얼마예요?"), row, 250)
    assert "산재보험료 <시설장> 20,930원" in accident
    # nothing of the question in the item: its opening is shown
    assert _trim(analyze("이 문서는 누가 만들었어요?"), row, 250).startswith(row[:40])


def test_a_value_per_thing_divides_the_items_two_values(assistant):
    # "32회, 128명": one item's total over its count, in the unit asked
    ans = assistant.ask("스튜디오 영원 미디어 장비 실습 교육은 회당 몇 명 정도 들은 셈이에요?")
    assert not ans.abstained and "4명" in ans.answer and "÷" in ans.answer


def test_a_result_compared_against_its_target_is_the_gap_to_it(assistant):
    # Only the target is named ("사업목표보다"); what it is compared with is the result (목표 − 실적).
    ans = assistant.ask("50플러스 보람일자리 실제 제공 일자리는 사업목표에 비해 몇 개 모자라나요?")
    assert "456개" in ans.answer and "3,281개" in ans.answer and "2,825개" in ans.answer
    # A target compared with last year is not a gap to the target: the line with the change answers.
    ans = assistant.ask("장애인 활동지원서비스 대상자 목표는 몇 명이고, 전년 대비 몇 % 늘렸어요?")
    assert "19,972명" in ans.answer and "5.1%" in ans.answer and "남았습니다" not in ans.answer


def test_a_rate_the_report_does_not_print_is_derived_from_its_two_figures(assistant):
    # 제4차 회의 유형별 표: 고용서비스 예산 332억원, 집행 175억원, no rate printed for the row.
    ans = assistant.ask("4차 회의 자료에서 고용서비스 예산은 몇 퍼센트나 집행했어요?")
    assert "52.7%" in ans.answer and "175억원" in ans.answer and "332억원" in ans.answer
    assert "계산한 값" in ans.answer  # said to be a computation, not a figure of the report
    ans = assistant.ask("경제정책실 5월말 달성률은?")  # a printed rate is looked up, not recomputed
    assert "54.8%" in ans.answer and "계산한 값" not in ans.answer


def test_excluded_names_are_read_from_the_clause_before_the_marker():
    from questions.exclusion import excluded_names

    aside = excluded_names("영등포 예산현황에서 인력운영비·기본경비 말고 사업 단위 중에 집행률이 제일 낮은 건?")
    assert aside is not None and aside.names == ("인력운영비", "기본경비") and not aside.next_after
    assert excluded_names("일자리정책기본계획에 담을 사항 중에 교육훈련이랑 홍보 말고 다른 두 가지는?").names == ("교육훈련", "홍보")
    assert excluded_names("장애인 공공일자리를 유형별로 보면 일반형 다음으로 많은 유형은?").next_after
    assert excluded_names("경제정책실 달성률이 가장 높은 사업은?") is None


def test_a_ranking_that_sets_rows_aside_compares_the_rest_of_their_table(assistant):
    ans = assistant.ask("영등포 예산현황에서 인력운영비·기본경비 말고 사업 단위 중에 집행률이 제일 낮은 건 어디예요?")
    head = ans.answer.splitlines()[0]
    assert "사회적경제 활성화" in head and "32.9" in head
    assert "기본경비 33.6" not in ans.answer and "일자리정책과 전체" not in ans.answer  # set aside, and the total is no row


def test_next_after_a_named_type_is_the_best_of_the_others(assistant):
    ans = assistant.ask("장애인 공공일자리 3,231개를 유형별로 보면 일반형 다음으로 많은 유형은 뭐예요?")
    assert "복지형" in ans.answer.splitlines()[0] and "1,292" in ans.answer


def test_a_list_inside_one_item_leaves_out_the_set_aside_part(assistant):
    ans = assistant.ask("협동조합 상담 4,797건 중에 전화 빼면 어떤 방식 상담이 제일 많았어요?")
    assert "홈페이지" in ans.answer.splitlines()[0]


def test_the_two_sides_of_a_comparison_are_split_at_boda():
    from assistant.sided_difference import split_sides

    sides = split_sides("고용유지지원금 받은 사람 중 영업제한 업종이 집합금지 업종보다 몇 명 많아요?")
    assert (sides.first, sides.other) == ("영업제한 업종이", "집합금지 업종")
    assert split_sides("영등포 기술특화캠퍼스가 금천 캠퍼스보다 연면적이 얼마나 더 넓어요?").after.strip().startswith("연면적")
    assert split_sides("경제정책실 달성률은?") is None


@pytest.mark.parametrize("question, wanted", [
    # "영등포 …" and "금천 …" each head a block whose 연면적 line states the value
    ("영등포 기술특화캠퍼스가 금천 캠퍼스보다 연면적이 얼마나 더 넓어요?", ("1,978.91", "3,611.31", "1,632.4")),
    # each side on its own item line
    ("영등포 공공일자리 청년 생활임금 시급이 일반 공공일자리 최저시급보다 얼마 더 많아요?", ("1,537원",)),
    # "고용유지지원금" reads as money, but "몇 명" asks for the people counted
    ("고용유지지원금 받은 사람 중 영업제한 업종이 집합금지 업종보다 몇 명 많아요?", ("2,987명",)),
    # on a line of several values only each value's own label names it
    ("어르신일자리 사회서비스형 활동비는 공익형보다 한 달에 얼마 더 많아요?", ("32만원",)),
    # "3차 때" is the 3rd meeting; its plan row names the program longer ("… 일자리 창출")
    ("(예비)사회적기업 일자리는 2차 회의 보고 때보다 3차 때 몇 개 많아졌어요?", ("23개",)),
    # one name the vocabulary knows as two subjects, compared across meetings
    ("어르신일자리 목표가 3차 회의 때보다 4차 회의 때 몇 개 줄어들었어요?", ("4,164",)),
])
def test_each_side_of_a_comparison_is_found_where_its_words_name_it(assistant, question, wanted):
    ans = assistant.ask(question)
    assert all(w in ans.answer for w in wanted), ans.answer


@pytest.mark.parametrize("question, wanted", [
    # the whole stated in the question, its parts on the next line
    ("협동조합 상담 4,797건 중 전화상담 비중은 몇 %예요?", "95.9%"),
    # the whole named by the question's word ("등록한 사람 중")
    ("JOB 포유에 등록한 사람 중 몇 %가 채용됐어요?", "29.5%"),
    # the part named by its line's head ("- 시설관리 분야: … 104명")
    ("수요자 맞춤형 교육 181명 중 시설관리 분야 비중이 몇 %예요?", "57.5%"),
])
def test_a_share_the_report_does_not_print_is_computed_from_its_part_and_whole(assistant, question, wanted):
    ans = assistant.ask(question)
    assert wanted in ans.answer and "계산" in ans.answer, ans.answer


def test_a_printed_rate_is_read_not_recomputed(assistant):
    ans = assistant.ask("경제정책실 달성률은 몇 %예요?")
    assert "54.8%" in ans.answer and "두 값으로 계산" not in ans.answer


def test_one_budget_sources_execution_rate_comes_from_both_breakdowns(assistant):
    # "예산액 412,000천원(국 200,500, 구비 211,500), 집행액 311,100천원(국 200,500, 구 110,600)": 구 = 구비
    ans = assistant.ask("4차산업 청년취업 예산 중 구비만 보면 집행률이 몇 %예요?")
    assert "52.3%" in ans.answer and "110,600" in ans.answer
