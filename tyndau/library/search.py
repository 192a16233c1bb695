"""Full-text search of the answer library on both supported databases.

- PostgreSQL: ``SearchVector`` of the Russian texts with the ``russian`` configuration
  (stemming) and of the Kazakh texts with ``simple``, matched by prefix as below, ranked.
- SQLite (the default set-up): an FTS5 table ``library_entry_fts`` (created by migration
  0002, kept in step by the services) ranked by bm25; Russian and Kazakh endings are
  matched by prefix (the last letters of a longer word are dropped, «воды» → «вод*»).

``mode="all"`` needs every word (the FAQ search box); ``mode="any"`` ranks entries by
any of the words (suggestions while a resident types a whole appeal).
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet

from .models import Entry

FTS_TABLE = "library_entry_fts"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_WORDS = 24


def backend() -> str:
    if connection.vendor == "postgresql":
        return "postgresql"
    if connection.vendor == "sqlite" and _fts_table_exists():
        return "fts5"
    return "like"


def _fts_table_exists() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=%s", [FTS_TABLE])
        return cursor.fetchone() is not None


def words_of(text: str) -> list[str]:
    seen, out = set(), []
    for word in _WORD.findall((text or "").lower()):
        if len(word) < 3 or word.isdigit() or word in seen:
            continue
        seen.add(word)
        out.append(word)
    return out[:MAX_WORDS]


def _stem(word: str) -> str:
    if len(word) >= 7:
        return word[:-2]
    if len(word) >= 4:
        return word[:-1]
    return word


def entry_search_text(entry: Entry) -> str:
    return " ".join(
        part
        for part in (entry.question_ru, entry.answer_ru, entry.question_kk, entry.answer_kk)
        if part
    )


def index_entry(entry: Entry) -> None:
    """Put the entry into the FTS5 table (or take it out when unpublished)."""
    if backend() != "fts5":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry.pk])
        if entry.is_published:
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (%s, %s)",
                [entry.pk, entry_search_text(entry)],
            )


def index_rebuild() -> None:
    if backend() != "fts5":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
    for entry in Entry.objects.filter(is_published=True):
        index_entry(entry)


def search(qs: QuerySet[Entry], text: str, *, mode: str = "all", limit: int | None = None):
    """Entries of ``qs`` matching ``text``, best first (a list when ranked by FTS5)."""
    words = words_of(text)
    if not words:
        return qs.none()
    kind = backend()
    if kind == "postgresql":
        return _search_postgresql(qs, words, mode=mode, limit=limit)
    if kind == "fts5":
        return _search_fts5(qs, words, mode=mode, limit=limit)
    return _search_like(qs, words, mode=mode, limit=limit)


def _search_postgresql(qs, words, *, mode, limit):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (
        SearchVector("question_ru", config="russian", weight="A")
        + SearchVector("answer_ru", config="russian", weight="B")
        + SearchVector("question_kk", config="simple", weight="A")
        + SearchVector("answer_kk", config="simple", weight="B")
    )
    joiner = " & " if mode == "all" else " | "
    # prefixes, as on SQLite («участки» → участ:* finds «участок»); letters only: safe raw
    raw = joiner.join(f"{_stem(w)}:*" for w in words)
    query = SearchQuery(raw, config="russian", search_type="raw") | SearchQuery(
        raw, config="simple", search_type="raw"
    )
    found = (
        qs.annotate(document=vector, rank=SearchRank(vector, query))
        .filter(document=query)  # the boolean match (@@); ts_rank alone counts any word
        .order_by("-rank", "-id")
    )
    return found[:limit] if limit else found


def _search_fts5(qs, words, *, mode, limit):
    joiner = " " if mode == "all" else " OR "
    match = joiner.join(f'"{_stem(w)}"*' for w in words)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT 200",
            [match],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    by_id = qs.in_bulk(ranked)
    found = [by_id[pk] for pk in ranked if pk in by_id]
    return found[:limit] if limit else found


def _search_like(qs, words, *, mode, limit):
    from django.db.models import Q

    q = Q()
    for word in words:
        term = Q(search_text__contains=_stem(word))
        q = (q & term) if mode == "all" else (q | term)
    found = qs.filter(q).order_by("-id")
    return found[:limit] if limit else found
