"""The fitted looking-for-work model (eligibility/seeking_model.py, python -m eval.fit_seeking)."""
from __future__ import annotations

import json
from pathlib import Path

from eligibility.profile import extract_profile
from eligibility.seeking_model import WEIGHTS_FILE, char_wb_ngrams, load_model

DATASETS = Path(__file__).resolve().parents[1] / "eval" / "datasets"


def test_ngrams_are_cut_as_the_fitted_vectorizer_cuts_them():
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).build_analyzer()
    questions = [json.loads(x)["question"] for x in (DATASETS / "personas_test8.jsonl").read_text(encoding="utf-8").splitlines()]
    for q in questions + ["  두  칸 띄운 글 A B  "]:
        assert char_wb_ngrams(q, 2, 4) == analyzer(q)


def test_the_shipped_model_was_fitted_with_its_validation_on_record():
    model = load_model()
    assert model is not None and 0.5 <= model.threshold <= 0.9
    info = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["info"]
    assert "personas_test11" not in info["fitted_on"]  # the frozen set is never fitted on
    assert info["cv_right"] > info["rules_right"]


def test_looking_for_work_in_words_no_pattern_lists_is_read():
    groups = extract_profile("가리봉동 사는 마흔넷 남자예요. 일용직 일이 끊겨서 요즘은 노는 날이 더 많아요. 저 같은 사람도 할 수 있는 게 있나요?").profile.groups
    assert "구직자" in groups


def test_a_stated_job_or_facts_alone_do_not_make_a_jobseeker():
    employed = extract_profile("여의도 증권사 다니는 직장인이고 집도 당산동이에요. 서른다섯인데 들을 만한 프로그램 있나요?").profile.groups
    assert "구직자" not in employed
    assert "구직자" not in extract_profile("청각장애 있는 스물여섯 살이에요").profile.groups
