"""Figure facts: every number in the reports with its meaning (metric, unit, as-of date, source line),
and comparisons/aggregations over them for the assistant, the CLI and the app."""
