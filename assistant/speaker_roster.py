"""Who holds a role, read from the headings a document is divided by.

Minutes are divided by speaker ("소위원장 김주영", "전문위원 임재금", "고용노동부차관 김민석"): the person a
"소위원장이 누구였어?" question asks for is the heading, not any sentence under it (the sentences say
"지금 소위 위원장 맞습니다."). A heading counts when it is a title and a name and the question names the
title; the title must read as a person's title (…장, …위원, …의원, …관, …사) so that "추진 실적" is not one.
"""
from __future__ import annotations

import re

from kotext.text import josa, no_ws
from questions.analysis import QuestionAnalysis
from questions.contract import SpecialistAnswer

_TITLE_NAME = re.compile(r"^([가-힣]{1,12}(?:장|위원|의원|관|사))\s+([가-힣]{2,4})$")
HITS_READ = 10  # the passages found for the question; the speaker asked about speaks in one of them


class SpeakerRoster:
    name = "speaker_roster"

    def try_answer(self, question: str, analysis: QuestionAnalysis, hits: list, scope=None) -> SpecialistAnswer | None:
        if "person" not in analysis.kinds:
            return None
        q = no_ws(question)
        named: dict[tuple[str, str], object] = {}
        for hit in hits[:HITS_READ]:
            heading = hit.chunk.section.split(" › ")[-1].strip()
            m = _TITLE_NAME.match(heading)
            if m and m.group(1) in q and m.group(2) not in q:
                named.setdefault((m.group(1), m.group(2)), hit.chunk)
        # The longest title the question names ("소위원장" over "위원장"); one person holds it.
        if not named:
            return None
        longest = max(len(t) for t, _ in named)
        people = {(t, n): c for (t, n), c in named.items() if len(t) == longest}
        if len({n for _, n in people}) != 1:
            return None
        (title, person), chunk = next(iter(people.items()))
        return SpecialistAnswer(f"{title}{josa(title, '은/는')} {person}입니다. [1]", [chunk], abstained=False)
