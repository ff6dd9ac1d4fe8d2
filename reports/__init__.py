"""The document model and the derived record types (chunks) that every layer shares."""
