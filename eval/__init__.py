"""Evaluation harness: run an eval set through a pipeline, score it, render reports.

`python -m eval run|compare|import-csv` (see eval/__main__.py).
"""
