# 일자리 사업 도우미 — two commands do everything on a fresh machine:
#   make run    set up (venv, pinned packages, offline models, index) and start the app
#   make test   set up and run the whole test suite (CI runs this too)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
export PYTHONPATH := $(CURDIR)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run test index models readers browser bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, alone: it must come from the local CPU wheel, never as a CUDA build pulled by another package.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -r requirements.txt
	touch $@

models: $(VENV)/.installed
	$(BIN)/python -m offline_models

# kordoc (npm, pinned by package-lock.json) reads HWP/HWPX/PDF/DOCX/XLSX. Without Node ≥ 18 those
# files are skipped with a Korean message and text reports still ingest.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund && touch $@; \
	 else echo "Node.js(npm)가 없어 HWP·HWPX·PDF·DOCX 읽기를 건너뜁니다. Node.js 18 이상을 설치한 뒤 make를 다시 실행하세요."; fi

readers: node_modules/.installed

index: models readers
	$(BIN)/python -m ingest

setup: index

run: setup
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# Debian's Chromium for the real-browser test (no browser download); skipped quietly when apt is unavailable.
browser:
	@command -v chromium >/dev/null 2>&1 || (command -v apt-get >/dev/null 2>&1 && \
		(apt-get install -y -q chromium chromium-driver fonts-noto-cjk >/dev/null 2>&1 || \
		 (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium chromium-driver fonts-noto-cjk >/dev/null 2>&1)) || \
		echo "chromium을 설치하지 못했습니다: 브라우저 테스트는 건너뜁니다.")

test: setup browser
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python -m eval.benchmark

eval: setup
	$(BIN)/python -m eval run --dataset eval/datasets/dev.jsonl

clean:
	rm -rf data eval/reports tests/artifacts
