"""Ingest: corpus files → outline sections → chunks → Chroma + lexical index."""
