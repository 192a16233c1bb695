"""Maintained aggregates of appeals (``AppealTally``): the report forms of appeals read
these counts instead of grouping the raw rows, and ``report_verify`` checks them.

Only the wide territories are tallied: the whole country (territory 0) and the territories
at most ``TALLY_DEPTH`` deep (the oblasts and the cities of republican significance), for
their subtree (``own`` 0) and their own records (``own`` 1). A district's or a rural
district's sheet reads its few thousand raw rows through the indexes, as fast; tallying
them too would store about as many rows as there are appeals.

One tally row counts the appeals sharing a key: the territory, the grain (a day, or a month
whose ``day`` is its first day), the event and its dimensions:

- ``r`` registered on ``day``: topic, channel, applicant type, repeated, and ``flag`` 1 if
  the appeal is undecided and no longer open (an anonymous appeal left without
  consideration: never pending);
- ``d`` decided on ``day``: channel, outcome, repeated and ``flag`` 1 if redirected
  (decided without an outcome, status redirected or closed);
- ``s`` settled: registered and decided by ``day`` (the later of the two dates), so that
  "pending at the end" = registered by the end (not flagged) − settled by the end;
- ``o`` registered on ``day`` through an online channel (Decree 826 row 6): channel and
  ``level``, the akim level of the office receiving it.

Database triggers keep the tally in the same transaction as every write to an appeal
(the services' queryset updates, ``bulk_create`` of the demo, the import's COPY, the admin,
deletes): a changed appeal takes its old key off and puts its new key on. ``rebuild``
recomputes the whole tally from the raw rows (set-based), e.g. after a bulk load with the
triggers off. Moving a territory (``territory_save``) takes the counts of the appeals of
its subtree off before the move and puts them back after it, in the same transaction
(``subtree_moving``/``subtree_moved``).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection

from tyndau.appeals.models import OPEN_STATUSES

from .sql_dates import month_start

TABLE = "reports_appealtally"
PAUSE = "reports_tallypause"
KEY = (
    "territory_id, own, grain, day, event, topic_id, channel, applicant_type, outcome, "
    "flag, repeated, level"
)
# Not yet decided (``appeals.models.OPEN_STATUSES``, the one meaning of "open").
OPEN = "(" + ", ".join(f"'{s}'" for s in OPEN_STATUSES) + ")"
# How deep the tallied territories are (0: the oblasts and cities of republican
# significance), and how many steps an appeal's territory can lie below them.
TALLY_DEPTH = 0
MAX_DEPTH = 7


def _online() -> str:
    """The online channels of Decree 826 row 6, as an SQL list."""
    from .definitions import ONLINE_CHANNELS

    return "(" + ", ".join(f"'{c}'" for c in ONLINE_CHANNELS) + ")"


def covers(territory) -> bool:
    """Whether the tally holds the figures of ``territory`` (None: the whole country)."""
    return territory is None or territory.depth <= TALLY_DEPTH


WATCHED = (
    "territory_id",
    "office_id",
    "registered_on",
    "decided_on",
    "topic_id",
    "channel",
    "applicant_type",
    "outcome",
    "status",
    "repeated",
)


_connection = None


def _vendor() -> str:
    return (_connection or connection).vendor


def _month(expr: str) -> str:
    return month_start(expr, _vendor())


def _later(a: str, b: str) -> str:
    return f"GREATEST({a}, {b})" if _vendor() == "postgresql" else f"MAX({a}, {b})"


def _events(r: str) -> str:
    """The events of the appeal row ``r`` (NEW, OLD or a table alias) as a UNION ALL."""
    never_pending = (
        f"CASE WHEN {r}.decided_on IS NULL AND {r}.status NOT IN {OPEN} THEN 1 ELSE 0 END"
    )
    redirected = (
        f"CASE WHEN {r}.outcome = '' AND {r}.status IN ('redirected', 'closed') THEN 1 ELSE 0 END"
    )
    repeated = f"CASE WHEN {r}.repeated THEN 1 ELSE 0 END"
    return (
        f"SELECT {r}.registered_on AS day, 'r' AS event, COALESCE({r}.topic_id, 0) AS topic_id, "
        f"{r}.channel AS channel, {r}.applicant_type AS applicant_type, '' AS outcome, "
        f"{never_pending} AS flag, {repeated} AS repeated, 0 AS level "
        f"UNION ALL SELECT {r}.decided_on, 'd', 0, {r}.channel, '', {r}.outcome, "
        f"{redirected}, {repeated}, 0 WHERE {r}.decided_on IS NOT NULL "
        f"UNION ALL SELECT {_later(f'{r}.registered_on', f'{r}.decided_on')}, 's', 0, '', '', "
        f"'', 0, 0, 0 WHERE {r}.decided_on IS NOT NULL "
        f"UNION ALL SELECT {r}.registered_on, 'o', 0, {r}.channel, '', '', 0, 0, "
        f"COALESCE((SELECT ot.akim_level FROM territory_office o JOIN territory_territory ot "
        f"ON ot.id = o.territory_id WHERE o.id = {r}.office_id), 0) "
        f"WHERE {r}.channel IN {_online()}"
    )


def _up(k: int) -> str:
    """Joins from t0 to t1 (its parent) … tk."""
    return " ".join(
        f"JOIN territory_territory t{i} ON t{i}.id = t{i - 1}.parent_id" for i in range(1, k + 1)
    )


def _targets(r: str) -> str:
    """The tally territories of an appeal row (NEW or OLD)."""
    return targets_of(f"{r}.territory_id")


def targets_of(territory: str) -> str:
    """The tally territories of a record in ``territory`` (an SQL expression of its id):
    the territory itself if tallied (own = 1), each tallied territory on its way up,
    itself included (own = 0), and 0 (the country); each step up one primary-key lookup."""
    parts = [
        f"SELECT t0.id AS tid, 1 AS own FROM territory_territory t0 "
        f"WHERE t0.id = {territory} AND t0.depth <= {TALLY_DEPTH}",
        "SELECT 0, 0",
    ]
    for k in range(0, MAX_DEPTH + 1):
        joins = _up(k)
        parts.append(
            f"SELECT t{k}.id, 0 FROM territory_territory t0 {joins} "
            f"WHERE t0.id = {territory} AND t{k}.depth <= {TALLY_DEPTH}"
        )
    return " UNION ALL ".join(parts)


def _apply(r: str, sign: int) -> str:
    """One statement adding ``sign`` to every tally row of the appeal row ``r``."""
    day = "e.day"
    return (
        f"INSERT INTO {TABLE} ({KEY}, n) "
        f"SELECT x.tid, x.own, g.grain, CASE g.grain WHEN 'd' THEN {day} ELSE {_month(day)} END, "
        f"e.event, e.topic_id, e.channel, e.applicant_type, e.outcome, e.flag, e.repeated, "
        f"e.level, {sign} "
        f"FROM ({_targets(r)}) x CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm') g "
        f"CROSS JOIN ({_events(r)}) e WHERE true "
        f"ON CONFLICT ({KEY}) DO UPDATE SET n = {TABLE}.n + excluded.n"
    )


def trigger_sql() -> list[str]:
    """The statements creating the triggers on appeals_appeal for this database."""
    if _vendor() == "postgresql":
        # Statement-level triggers with transition tables: a bulk insert, update or delete
        # (the import, the demo) adds its rows to the tally in one grouped statement.
        upsert = f"ON CONFLICT ({KEY}) DO UPDATE SET n = {TABLE}.n + excluded.n"
        changed = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in WATCHED)
        moved = f"FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {changed}"
        moved_old, moved_new = f"(SELECT o.* {moved})", f"(SELECT n.* {moved})"
        return [
            f"""
CREATE OR REPLACE FUNCTION reports_appeal_tally_ins() RETURNS trigger AS $$
BEGIN
  INSERT INTO {TABLE} ({KEY}, n) {recomputed_rows("new_rows", 1, restrict=True)} {upsert};
  RETURN NULL;
END
$$ LANGUAGE plpgsql""",
            f"""
CREATE OR REPLACE FUNCTION reports_appeal_tally_del() RETURNS trigger AS $$
BEGIN
  INSERT INTO {TABLE} ({KEY}, n) {recomputed_rows("old_rows", -1, restrict=True)} {upsert};
  RETURN NULL;
END
$$ LANGUAGE plpgsql""",
            f"""
CREATE OR REPLACE FUNCTION reports_appeal_tally_upd() RETURNS trigger AS $$
BEGIN
  -- Only the rows whose counted fields changed move (most updates touch none): their
  -- old keys are taken off and their new keys put on, read from the transition tables.
  INSERT INTO {TABLE} ({KEY}, n) {recomputed_rows(moved_old, -1, restrict=True)} {upsert};
  INSERT INTO {TABLE} ({KEY}, n) {recomputed_rows(moved_new, 1, restrict=True)} {upsert};
  RETURN NULL;
END
$$ LANGUAGE plpgsql""",
            *drop_trigger_sql(functions=False),
            "CREATE TRIGGER reports_appeal_tally_i AFTER INSERT ON appeals_appeal "
            "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
            "EXECUTE FUNCTION reports_appeal_tally_ins()",
            "CREATE TRIGGER reports_appeal_tally_u AFTER UPDATE ON appeals_appeal "
            "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
            "EXECUTE FUNCTION reports_appeal_tally_upd()",
            "CREATE TRIGGER reports_appeal_tally_d AFTER DELETE ON appeals_appeal "
            "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
            "EXECUTE FUNCTION reports_appeal_tally_del()",
        ]
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in WATCHED)
    return [
        "DROP TRIGGER IF EXISTS reports_appeal_tally_i",
        "DROP TRIGGER IF EXISTS reports_appeal_tally_u",
        "DROP TRIGGER IF EXISTS reports_appeal_tally_d",
        f"CREATE TRIGGER reports_appeal_tally_i AFTER INSERT ON appeals_appeal "
        f"WHEN NOT EXISTS (SELECT 1 FROM {PAUSE}) BEGIN {_apply('NEW', 1)}; END",
        f"CREATE TRIGGER reports_appeal_tally_u AFTER UPDATE ON appeals_appeal WHEN {changed} "
        f"BEGIN {_apply('OLD', -1)}; {_apply('NEW', 1)}; END",
        f"CREATE TRIGGER reports_appeal_tally_d AFTER DELETE ON appeals_appeal "
        f"BEGIN {_apply('OLD', -1)}; END",
    ]


def drop_trigger_sql(functions: bool = True) -> list[str]:
    if _vendor() == "postgresql":
        statements = ["DROP TRIGGER IF EXISTS reports_appeal_tally ON appeals_appeal"] + [
            f"DROP TRIGGER IF EXISTS reports_appeal_tally_{s} ON appeals_appeal" for s in "iud"
        ]
        if functions:
            statements += [
                f"DROP FUNCTION IF EXISTS reports_appeal_tally{suffix}()"
                for suffix in ("", "_ins", "_upd", "_del")
            ]
        return statements
    return [f"DROP TRIGGER IF EXISTS reports_appeal_tally_{s}" for s in "iud"]


def install_triggers(using=None) -> None:
    global _connection
    _connection = using
    try:
        with (using or connection).cursor() as cursor:
            for statement in trigger_sql():
                cursor.execute(statement)
    finally:
        _connection = None


TRIGGERS = [f"reports_appeal_tally_{s}" for s in "iud"]


def triggers_installed(using=None) -> bool:
    """Whether the three triggers are on appeals_appeal (SQLite drops them whenever a
    migration rebuilds the table)."""
    db = using or connection
    if db.vendor == "postgresql":
        sql = "SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s)"
        params = [TRIGGERS]
    else:
        sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s, %s)"
        params = TRIGGERS
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0] == len(TRIGGERS)


def remove_triggers() -> None:
    with connection.cursor() as cursor:
        for statement in drop_trigger_sql():
            cursor.execute(statement)


def _event_rows(source: str) -> str:
    """The events of every appeal of ``source`` (a table, a trigger's transition table or
    a parenthesised SELECT), one row each, as a UNION ALL (no LATERAL: SQLite)."""
    never_pending = f"CASE WHEN a.decided_on IS NULL AND a.status NOT IN {OPEN} THEN 1 ELSE 0 END"
    redirected = (
        "CASE WHEN a.outcome = '' AND a.status IN ('redirected', 'closed') THEN 1 ELSE 0 END"
    )
    repeated = "CASE WHEN a.repeated THEN 1 ELSE 0 END"
    decided = "WHERE a.decided_on IS NOT NULL"
    return (
        "SELECT a.territory_id AS territory_id, a.registered_on AS day, 'r' AS event, "
        "COALESCE(a.topic_id, 0) AS topic_id, a.channel AS channel, "
        "a.applicant_type AS applicant_type, '' AS outcome, "
        f"{never_pending} AS flag, {repeated} AS repeated, 0 AS level FROM {source} a "
        f"UNION ALL SELECT a.territory_id, a.decided_on, 'd', 0, a.channel, '', a.outcome, "
        f"{redirected}, {repeated}, 0 FROM {source} a {decided} "
        f"UNION ALL SELECT a.territory_id, {_later('a.registered_on', 'a.decided_on')}, 's', "
        f"0, '', '', '', 0, 0, 0 FROM {source} a {decided} "
        f"UNION ALL SELECT a.territory_id, a.registered_on, 'o', 0, a.channel, '', '', 0, 0, "
        f"COALESCE(ot.akim_level, 0) FROM {source} a "
        f"LEFT JOIN territory_office o ON o.id = a.office_id "
        f"LEFT JOIN territory_territory ot ON ot.id = o.territory_id "
        f"WHERE a.channel IN {_online()}"
    )


def _mapping(only: str | None, country: bool = True) -> str:
    """(tid, aid, own): each territory ``tid`` (of the subquery ``only``, or every one)
    is counted at ``aid``: itself if tallied (own 1), each tallied territory on its way
    up, itself included (own 0), and 0, the country (unless not ``country``)."""
    where = f" AND t0.id IN ({only})" if only else ""
    parts = [
        f"SELECT t0.id AS tid, t0.id AS aid, 1 AS own FROM territory_territory t0 "
        f"WHERE t0.depth <= {TALLY_DEPTH}{where}",
    ]
    if country:
        parts.append(f"SELECT t0.id, 0, 0 FROM territory_territory t0 WHERE true{where}")
    for k in range(0, MAX_DEPTH + 1):
        joins = _up(k)
        parts.append(
            f"SELECT t0.id, t{k}.id, 0 FROM territory_territory t0 {joins} "
            f"WHERE t{k}.depth <= {TALLY_DEPTH}{where}"
        )
    return " UNION ALL ".join(parts)


def recomputed_rows(source: str = "appeals_appeal", sign: int = 1, restrict: bool = False) -> str:
    """A SELECT of the tally of the appeals in ``source`` (the whole table, or a trigger's
    transition table), each count multiplied by ``sign``: the day rows grouped once, the
    month rows added up from them. ``restrict``: map only the territories of ``source``
    (a trigger's few rows) instead of the whole tree. Otherwise the country's day rows
    are added up from the top territories' (depth 0, whole subtree): every territory lies
    under exactly one of them, and the raw events are grouped once instead of twice."""
    only = f"SELECT territory_id FROM {source} s" if restrict else None
    dims = (
        "e.event, e.topic_id, e.channel, e.applicant_type, e.outcome, e.flag, e.repeated, e.level"
    )
    columns = "event, topic_id, channel, applicant_type, outcome, flag, repeated, level"
    # The rows the day and month rows are read from, and how they are made.
    rows, more = "day_rows", ""
    if not restrict:
        rows = "all_rows"
        more = (
            f", all_rows AS (SELECT territory_id, own, day, {columns}, n FROM day_rows "
            f"UNION ALL SELECT 0, 0, day, {columns}, SUM(n) FROM day_rows "
            f"WHERE own = 0 AND territory_id IN "
            f"(SELECT id FROM territory_territory WHERE depth = 0) GROUP BY day, {columns})"
        )
    return (
        f"WITH e AS ({_event_rows(source)}), x AS ({_mapping(only, country=restrict)}), "
        f"day_rows AS (SELECT x.aid AS territory_id, x.own AS own, e.day AS day, {dims}, "
        f"COUNT(*) AS n FROM e JOIN x ON x.tid = e.territory_id "
        f"GROUP BY x.aid, x.own, e.day, {dims}){more} "
        f"SELECT territory_id, own, 'd' AS grain, day, {columns}, {sign} * n AS n "
        f"FROM {rows} UNION ALL "
        f"SELECT territory_id, own, 'm', {_month('day')}, {columns}, {sign} * SUM(n) "
        f"FROM {rows} GROUP BY territory_id, own, {_month('day')}, {columns}"
    )


def rebuild(using=None) -> None:
    """Recompute the whole tally from the raw appeals (set-based)."""
    global _connection
    _connection = using
    try:
        with (using or connection).cursor() as cursor:
            if _vendor() == "postgresql":
                # One grouping of every appeal's events: room to hash it in memory.
                cursor.execute("SET LOCAL work_mem = '512MB'")
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(f"INSERT INTO {TABLE} ({KEY}, n) {recomputed_rows()}")
    finally:
        _connection = None


def differences(limit: int | None = None) -> list[tuple]:
    """Every tally key whose stored count differs from the raw rows':
    [(key tuple, stored, recomputed)]."""
    key = [c.strip() for c in KEY.split(",")]
    sql = compared(TABLE, key, ["n"], recomputed_rows(), limit)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [(tuple(row[: len(key)]), row[-2], row[-1]) for row in cursor.fetchall()]


def compared(table: str, key, measures, recomputed: str, limit: int | None = None) -> str:
    """A SELECT of the keys of ``table`` whose ``measures`` differ from those of the
    SELECT ``recomputed`` (the same columns, from the raw records): the key, the stored
    measures, the recomputed ones. Both sides are stacked and grouped once by the key (a
    missing row counts 0), rather than joined: one pass over each, where a join on the
    long key costs SQLite minutes."""
    columns = ", ".join(key)
    stored = ", ".join(f"CAST(SUM(s_{c}) AS BIGINT)" for c in measures)
    actual = ", ".join(f"CAST(SUM(r_{c}) AS BIGINT)" for c in measures)
    differ = " OR ".join(f"SUM(s_{c}) <> SUM(r_{c})" for c in measures)
    as_stored = ", ".join(f"{c} AS s_{c}, 0 AS r_{c}" for c in measures)
    as_actual = ", ".join(f"0 AS s_{c}, {c} AS r_{c}" for c in measures)
    sql = (
        f"SELECT {columns}, {stored}, {actual} FROM ("
        f"SELECT {columns}, {as_stored} FROM {table} "
        f"UNION ALL SELECT {columns}, {as_actual} FROM ({recomputed}) r) both_sides "
        f"GROUP BY {columns} HAVING {differ} ORDER BY 1, 3, 4, 5"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return sql


def shift(territory_ids, sign: int) -> None:
    """Add ``sign`` times the counts of the appeals of the territories ``territory_ids``
    or received by their offices: -1 before a move of these territories, +1 after it
    (their tallied ancestors and the offices' akim levels change)."""
    ids = ", ".join(str(int(i)) for i in territory_ids)
    offices = f"SELECT id FROM territory_office WHERE territory_id IN ({ids})"
    source = (
        f"(SELECT * FROM appeals_appeal WHERE territory_id IN ({ids}) OR office_id IN ({offices}))"
    )
    upsert = f"ON CONFLICT ({KEY}) DO UPDATE SET n = {TABLE}.n + excluded.n"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} ({KEY}, n) SELECT * FROM "
            f"({recomputed_rows(source, sign, restrict=True)}) shifted WHERE true {upsert}"
        )


def follow_move(*, territory_ids, sign: int) -> None:
    """Both tallies follow a territory move (``tyndau.territory.signals``)."""
    from . import meeting_tally

    if TABLE in connection.introspection.table_names():
        shift(territory_ids, sign)
    if meeting_tally.available():
        meeting_tally.shift(territory_ids, sign)


@contextmanager
def counted_after_insert():
    """Around a bulk insert of appeals (the import's batch form): on SQLite the per-row
    insert trigger costs about 0.5 ms an appeal, more than the import's own work. Inside a
    transaction the trigger is paused (a row in ``PAUSE``: SQLite has one writer, so no
    other connection writes meanwhile, and none ever sees the row) and the appeals
    inserted (ids above the largest before) are counted after it in one grouped
    statement, as PostgreSQL's statement-level triggers count a COPY. Elsewhere (outside
    a transaction, PostgreSQL, no triggers) the rows are counted as usual."""
    if connection.vendor != "sqlite" or not connection.in_atomic_block or not triggers_installed():
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM appeals_appeal")
        (last,) = cursor.fetchone()
        cursor.execute(f"INSERT INTO {PAUSE} DEFAULT VALUES")
    try:
        yield
    finally:  # counted even if the insert failed half-way and the caller goes on
        source = f"(SELECT * FROM appeals_appeal WHERE id > {int(last)})"
        upsert = f"ON CONFLICT ({KEY}) DO UPDATE SET n = {TABLE}.n + excluded.n"
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {PAUSE}")
            cursor.execute(
                f"INSERT INTO {TABLE} ({KEY}, n) SELECT * FROM "
                f"({recomputed_rows(source, 1, restrict=True)}) added WHERE true {upsert}"
            )
