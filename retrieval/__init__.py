"""Finding the passages that answer a question: dense (e5 in Chroma) + lexical (Kiwi BM25)."""
