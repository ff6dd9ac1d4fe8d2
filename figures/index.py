"""Facts indexed by metric, and by scope, office and subject within a metric's pool, so a figures
question looks up the facts it names instead of scanning every fact of the corpus.

`FactIndex` is a list (every caller that iterates facts keeps working) with the indexes on the
side. `metric_pool` (figures/select.py) returns a `FactPool` for an index: the same facts a scan
would give, in the same order, plus per-scope/office/subject lists, cached per filter so a second
question about the same metric costs a dictionary lookup.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from figures.facts import Fact


def _group(facts: Iterable[Fact], key: Callable[[Fact], str]) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        out[key(f)].append(f)
    return dict(out)


class FactPool(list):
    """Facts of one metric (after the document/meeting filters), in corpus order, with lookups."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        super().__init__(facts)
        self._by: dict[str, dict[str, list[Fact]]] = {}

    def by(self, field: str, value: str) -> list[Fact]:
        """The pool's facts whose `field` (scope, office or subject) equals `value`, in pool order."""
        table = self._by.get(field)
        if table is None:
            table = self._by[field] = _group(self, lambda f: getattr(f, field))
        return table.get(value, [])

    def candidates(self, slot) -> list[Fact]:
        """A superset of the facts `slot.matches` accepts (see figures/select.py `Slot.matches`),
        following the same order of conditions."""
        if slot.department:
            return self.by("scope", "department")
        if slot.meeting and not slot.label:
            return self.by("scope", "city")
        if slot.office:
            return self.by("office", slot.office)
        if slot.label:
            return self.by("subject", slot.label)
        return self.by("scope", "city")


class FactIndex(list):
    """All facts (a list, in corpus order) plus facts by metric and cached metric pools."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        super().__init__(facts)
        self.by_metric: dict[str, list[Fact]] = _group(self, lambda f: f.metric)
        self._order = {id(f): i for i, f in enumerate(self)}
        self._pools: dict[tuple, FactPool] = {}
        self.group_tokens: dict[str, frozenset[str]] = {}  # figures/resolve.py `_list_group` context words

    def of_metrics(self, metrics: Iterable[str]) -> list[Fact]:
        """Facts of any of `metrics`, in corpus order (as a scan would list them)."""
        wanted = list(dict.fromkeys(metrics))
        if len(wanted) == 1:
            return self.by_metric.get(wanted[0], [])
        merged = [f for m in wanted for f in self.by_metric.get(m, [])]
        return sorted(merged, key=lambda f: self._order[id(f)])

    def pool(self, key: tuple, build: Callable[[], Iterable[Fact]]) -> FactPool:
        pool = self._pools.get(key)
        if pool is None:
            if len(self._pools) > 256:
                self._pools.clear()
            pool = self._pools[key] = FactPool(build())
        return pool
