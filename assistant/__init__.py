"""Answering: question in, grounded Korean answer with citations out."""
