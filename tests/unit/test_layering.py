"""No package imports one above it (deferred imports inside functions count too).

The layers (ARCHITECTURE.md, adapted): leaves (kotext, settings, prompts) → reports (the document
model, shared records and stores) and offline_models → retrieval → questions (question analysis,
the specialist contract) → the query-time features (figures, eligibility; never each other) →
ingest (which derives facts and cards with them in one pass) → assistant → eval → app_ui → app.
A package may import only lower layers; siblings on one layer never import each other.
"""
from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LAYER = {
    "kotext": 0, "settings": 0, "prompts": 0,
    "reports": 1, "offline_models": 1,
    "retrieval": 2,
    "questions": 3,  # question analysis and the specialist contract
    "figures": 4, "eligibility": 4,
    "ingest": 5,
    "assistant": 6,
    "eval": 7,
    "app_ui": 8,
    "app": 9,
}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):  # every import, at module level or deferred inside a function
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name.split(".")[0]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def violations() -> list[str]:
    out = []
    for package, level in LAYER.items():
        files = [REPO / f"{package}.py"] if (REPO / f"{package}.py").exists() else sorted((REPO / package).rglob("*.py"))
        for path in files:
            for lineno, target in _imports(path):
                if target in LAYER and target != package and LAYER[target] >= level:
                    out.append(f"{path.relative_to(REPO)}:{lineno} {package} (layer {level}) imports {target} (layer {LAYER[target]})")
    return out


def test_no_package_imports_a_layer_above_or_beside_it():
    assert violations() == []


def test_every_top_level_package_has_a_layer():
    packages = {p.name for p in REPO.iterdir() if p.is_dir() and (p / "__init__.py").exists()} - {"tests"}
    assert packages <= set(LAYER), packages - set(LAYER)
