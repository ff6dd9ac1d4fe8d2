"""Find Node (≥ 18) and the pinned kordoc install (`npm ci` at setup puts it in node_modules/)."""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MIN_NODE_MAJOR = 18  # kordoc 4.14's engines field
REPO_ROOT = Path(__file__).resolve().parents[2]
KORDOC_CLI = REPO_ROOT / "node_modules" / "kordoc" / "dist" / "cli.js"


@dataclass(frozen=True)
class NodeStatus:
    ok: bool
    node: str = ""  # path of the node executable
    version: str = ""
    problem: str = ""  # Korean: what to install when not ok


@lru_cache(maxsize=1)
def node_status() -> NodeStatus:
    node = shutil.which("node")
    if not node:
        return NodeStatus(False, problem="Node.js 18 이상이 필요합니다. Node.js를 설치한 뒤 저장소 폴더에서 `npm ci`를 실행하세요.")
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    m = re.match(r"v(\d+)", out)
    if not m or int(m.group(1)) < MIN_NODE_MAJOR:
        return NodeStatus(False, node, out, f"Node.js 18 이상이 필요합니다(지금: {out or '알 수 없음'}). 새 버전을 설치하세요.")
    if not KORDOC_CLI.exists():
        return NodeStatus(False, node, out, "문서 변환기(kordoc)가 설치되지 않았습니다. 저장소 폴더에서 `npm ci`를 실행하세요.")
    return NodeStatus(True, node, out)
