"""Korean text helpers shared by every layer: whitespace, spaced-out syllables, bullets, numbers, dates.

Pure functions with no project imports (a leaf of the package graph)."""
