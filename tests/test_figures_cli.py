"""`python -m assistant figures …` on the real index: filters, table and JSON output."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "assistant", "figures", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_json_lists_facts_with_sources():
    out = run("--office", "경제정책실", "--metric", "달성률", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and all(r["metric"] == "달성률" and r["office"] == "경제정책실" for r in rows)
    total = [r for r in rows if r["scope"] == "office"]
    assert {r["value"] for r in total} == {54.8}
    assert all(r["as_of"] == "2021-05-31" and r["line_start"] > 0 and r["id"] for r in total)


def test_table_output_and_query_filter():
    out = run("--query", "사회진입", "--metric", "집행률", "--doc", "영등포")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["대상", "지표", "값"]
    assert any("청년의 행복한 사회진입" in line and "52.7%" in line and "yeongdeungpo:157" in line for line in lines)


def test_metric_spelling_variant_and_no_match():
    out = run("--office", "복지정책실", "--metric", "집행율", "--scope", "office")
    assert out.returncode == 0 and "56.2%" in out.stdout and "2개 수치" in out.stdout
    none = run("--query", "존재하지않는사업")
    assert none.returncode == 0 and "조건에 맞는 수치가 없습니다" in none.stdout
