"""The plain LangChain RAG recipe, as a yardstick for the assistant.

RecursiveCharacterTextSplitter(500/50) over the corpus, the same E5Embeddings, an in-memory
Chroma via langchain-chroma, top-5 similarity search; the answer is the top chunk's text and
it never abstains. It returns `assistant.types.Answer` so the same scorer applies.
"""
from __future__ import annotations

import time
import uuid
from pathlib import Path

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from settings import CORPUS_DIR
from assistant.types import Answer, Citation, RetrievedPassage

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
TOP_K = 5


def corpus_files(corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    files = [*corpus_dir.glob("*.txt"), *corpus_dir.glob("*.md")]
    return sorted(p for p in files if p.name != "README.md")  # README describes the corpus, it is not a report


def split_corpus(corpus_dir: Path = CORPUS_DIR) -> list[Document]:
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
    )
    docs: list[Document] = []
    for path in corpus_files(corpus_dir):
        text = path.read_text(encoding="utf-8")
        for doc in splitter.create_documents([text], metadatas=[{"doc_id": path.stem}]):
            # Line numbers only for the citation contract; the chunks are the recipe's own.
            start = int(doc.metadata.get("start_index", 0))
            line_start = text.count("\n", 0, max(start, 0)) + 1
            doc.metadata["line_start"] = line_start
            doc.metadata["line_end"] = line_start + doc.page_content.count("\n")
            docs.append(doc)
    return docs


class LangChainBaseline:
    name = "langchain-baseline"

    def __init__(self, embeddings: Embeddings | None = None, corpus_dir: Path = CORPUS_DIR) -> None:
        import chromadb
        from chromadb.config import Settings
        from langchain_chroma import Chroma

        if embeddings is None:
            from retrieval.embedder import E5Embeddings

            embeddings = E5Embeddings().as_langchain()
        docs = split_corpus(corpus_dir)
        if not docs:
            raise RuntimeError(f"말뭉치 파일이 없습니다: {corpus_dir}")
        client = chromadb.EphemeralClient(settings=Settings(anonymized_telemetry=False))
        # embedding_function is always ours: langchain-chroma then sends vectors for adds and
        # queries, so chromadb never touches its default (downloading) embedding function.
        self.store = Chroma(
            collection_name=f"eval-baseline-{uuid.uuid4().hex[:12]}",
            embedding_function=embeddings,
            client=client,
            collection_metadata={"hnsw:space": "cosine"},
        )
        ids = [f"c{i:05d}" for i in range(len(docs))]
        # Chroma refuses one add larger than its client's max batch (5,461 here); the 100× corpus has 11,700.
        step = client.get_max_batch_size()
        for at in range(0, len(docs), step):
            self.store.add_documents(docs[at : at + step], ids=ids[at : at + step])
        self.n_chunks = len(docs)

    def ask(
        self, question: str, history: list[Answer] | None = None, qid: str = "", mode: str | None = None
    ) -> Answer:
        if mode not in (None, "extractive"):
            raise ValueError("langchain-baseline 파이프라인은 추출형(extractive) 모드만 지원합니다.")
        t0 = time.perf_counter()
        hits = self.store.similarity_search_with_score(question, k=TOP_K)
        retrieved = [
            RetrievedPassage(
                rank=i,
                doc_id=doc.metadata.get("doc_id", ""),
                section="",
                text=doc.page_content,
                score=round(1.0 - float(dist), 6),  # cosine distance → similarity
                chunk_id=str(doc.id or ""),
                line_start=int(doc.metadata.get("line_start", 0)),
                line_end=int(doc.metadata.get("line_end", 0)),
            )
            for i, (doc, dist) in enumerate(hits, start=1)
        ]
        citations = []
        if retrieved:
            top = retrieved[0]
            citations.append(
                Citation(n=1, doc_id=top.doc_id, doc_title=top.doc_id, section="",
                         line_start=top.line_start, line_end=top.line_end, text=top.text)
            )
        return Answer(
            id=qid,
            question=question,
            answer=retrieved[0].text if retrieved else "",
            abstained=False,
            mode="extractive",
            citations=citations,
            retrieved=retrieved,
            latency_ms=round((time.perf_counter() - t0) * 1000.0, 2),
        )
