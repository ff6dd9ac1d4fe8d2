"""Eligibility finder: program cards with parsed target criteria, profiles, matching, chat specialist.

Flow: ingest builds `ProgramCard`s from the outline (cards.py, criteria.py) and saves them
(store.py); a `Profile` comes from a form or a Korean question (profile.py); `match` (matching.py)
says eligible / maybe / ineligible with reasons; specialist.py answers chat questions; ui.py is
the app tab.
"""
