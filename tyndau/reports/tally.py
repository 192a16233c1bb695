"""Maintained aggregates of appeals (``AppealTally``): the report forms of appeals read
these counts instead of grouping the raw rows, and ``report_verify`` checks them.

One tally row counts the appeals sharing a key: the territory it is counted for (``own``:
the appeal's own territory; otherwise the roll-up of a territory's subtree, at the
appeal's territory, at each territory above it, and at 0 for the whole country), the
grain (a day, or a month whose ``day`` is its first day), the event and its dimensions:

- ``r`` registered on ``day``: topic, channel, applicant type, repeated, and ``flag`` 1 if
  the appeal is undecided and no longer open (an anonymous appeal left without
  consideration: never pending);
- ``d`` decided on ``day``: channel, outcome, repeated and ``flag`` 1 if redirected
  (decided without an outcome, status redirected or closed);
- ``s`` settled: registered and decided by ``day`` (the later of the two dates), so that
  "pending at the end" = registered by the end (not flagged) − settled by the end.

Database triggers keep the tally in the same transaction as every write to an appeal
(the services' queryset updates, ``bulk_create`` of the import and the demo, the admin,
deletes): a changed appeal takes its old key off and puts its new key on. ``rebuild``
recomputes the whole tally from the raw rows (set-based), e.g. after a bulk load with the
triggers off.
"""

from __future__ import annotations

from django.db import connection

TABLE = "reports_appealtally"
KEY = (
    "territory_id, own, grain, day, event, topic_id, channel, applicant_type, outcome, "
    "flag, repeated"
)
OPEN = "('registered', 'in_progress', 'extended')"
# How many territories above an appeal's territory are rolled up (the tree is 4–5 deep).
MAX_DEPTH = 7
WATCHED = (
    "territory_id",
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
    if _vendor() == "postgresql":
        return f"CAST(date_trunc('month', {expr}) AS date)"
    return f"date({expr}, 'start of month')"


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
        f"{never_pending} AS flag, {repeated} AS repeated "
        f"UNION ALL SELECT {r}.decided_on, 'd', 0, {r}.channel, '', {r}.outcome, "
        f"{redirected}, {repeated} WHERE {r}.decided_on IS NOT NULL "
        f"UNION ALL SELECT {_later(f'{r}.registered_on', f'{r}.decided_on')}, 's', 0, '', '', "
        f"'', 0, 0 WHERE {r}.decided_on IS NOT NULL"
    )


def _targets(r: str) -> str:
    """The territories an appeal row is counted for: its own (own = 1), its subtree roll-up
    at itself and at each territory above it, and 0 (the country)."""
    parts = [
        f"SELECT {r}.territory_id AS tid, 1 AS own",
        f"SELECT {r}.territory_id, 0",
        "SELECT 0, 0",
    ]
    # t0 is the appeal's territory, t1 its parent…; each level one primary-key lookup.
    for k in range(1, MAX_DEPTH + 1):
        joins = " ".join(
            f"JOIN territory_territory t{i} ON t{i}.id = t{i - 1}.parent_id" for i in range(1, k)
        )
        parts.append(
            f"SELECT t{k - 1}.parent_id, 0 FROM territory_territory t0 {joins} "
            f"WHERE t0.id = {r}.territory_id AND t{k - 1}.parent_id IS NOT NULL"
        )
    return " UNION ALL ".join(parts)


def _apply(r: str, sign: int) -> str:
    """One statement adding ``sign`` to every tally row of the appeal row ``r``."""
    day = "e.day"
    return (
        f"INSERT INTO {TABLE} ({KEY}, n) "
        f"SELECT x.tid, x.own, g.grain, CASE g.grain WHEN 'd' THEN {day} ELSE {_month(day)} END, "
        f"e.event, e.topic_id, e.channel, e.applicant_type, e.outcome, e.flag, e.repeated, {sign} "
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
  INSERT INTO {TABLE} ({KEY}, n) {recomputed_rows("new_rows", 1)} {upsert};
  RETURN NULL;
END
$$ LANGUAGE plpgsql""",
            f"""
CREATE OR REPLACE FUNCTION reports_appeal_tally_del() RETURNS trigger AS $$
BEGIN
  INSERT INTO {TABLE} ({KEY}, n) {recomputed_rows("old_rows", -1)} {upsert};
  RETURN NULL;
END
$$ LANGUAGE plpgsql""",
            f"""
CREATE OR REPLACE FUNCTION reports_appeal_tally_upd() RETURNS trigger AS $$
BEGIN
  -- Only the rows whose counted fields changed move (most updates touch none): their
  -- old keys are taken off and their new keys put on, read from the transition tables.
  INSERT INTO {TABLE} ({KEY}, n) {recomputed_rows(moved_old, -1)} {upsert};
  INSERT INTO {TABLE} ({KEY}, n) {recomputed_rows(moved_new, 1)} {upsert};
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
        f"BEGIN {_apply('NEW', 1)}; END",
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


def _own_select(where: str = "", source: str = "appeals_appeal") -> str:
    """Own rows of every appeal of ``source`` (grain day and month), grouped: one pass."""
    return (
        f"SELECT a.territory_id AS territory_id, 1 AS own, g.grain AS grain, "
        f"CASE g.grain WHEN 'd' THEN e.day ELSE {_month('e.day')} END AS day, e.event AS event, "
        "e.topic_id AS topic_id, e.channel AS channel, e.applicant_type AS applicant_type, "
        "e.outcome AS outcome, e.flag AS flag, e.repeated AS repeated, COUNT(*) AS n "
        f"FROM {source} a CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm') g "
        f"CROSS JOIN LATERAL ({_events('a')}) e {where} "
        f"GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11"
    )


def recomputed_rows(source: str = "appeals_appeal", sign: int = 1) -> str:
    """A SELECT of the tally of the appeals in ``source`` (the whole table, or a trigger's
    transition table), each count multiplied by ``sign``."""
    if _vendor() != "postgresql":
        # SQLite has no LATERAL: one SELECT per event.
        own = " UNION ALL ".join(_own_sqlite(event) for event in "rds")
    else:
        own = _own_select(source=source)
    rollups = [
        "SELECT 0 AS territory_id, 0 AS own, grain, day, event, topic_id, channel, "
        "applicant_type, outcome, flag, repeated, n FROM own_rows"
    ]
    for k in range(0, MAX_DEPTH + 1):
        if k == 0:
            tid = "o.territory_id"
            joins = ""
        else:
            tid = f"t{k - 1}.parent_id"
            joins = "JOIN territory_territory t0 ON t0.id = o.territory_id " + " ".join(
                f"JOIN territory_territory t{i} ON t{i}.id = t{i - 1}.parent_id"
                for i in range(1, k)
            )
        where = f"WHERE {tid} IS NOT NULL" if k else ""
        rollups.append(
            f"SELECT {tid}, 0, o.grain, o.day, o.event, o.topic_id, o.channel, "
            f"o.applicant_type, o.outcome, o.flag, o.repeated, o.n FROM own_rows o {joins} {where}"
        )
    union = " UNION ALL ".join(rollups)
    return (
        f"WITH own_rows AS ({own}) "
        f"SELECT territory_id, own, grain, day, event, topic_id, channel, applicant_type, "
        f"outcome, flag, repeated, {sign} * SUM(n) AS n "
        f"FROM (SELECT * FROM own_rows UNION ALL {union}) u "
        f"GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11"
    )


def _own_sqlite(event: str) -> str:
    never_pending = f"CASE WHEN a.decided_on IS NULL AND a.status NOT IN {OPEN} THEN 1 ELSE 0 END"
    redirected = (
        "CASE WHEN a.outcome = '' AND a.status IN ('redirected', 'closed') THEN 1 ELSE 0 END"
    )
    repeated = "CASE WHEN a.repeated THEN 1 ELSE 0 END"
    if event == "r":
        day, cols, where = (
            "a.registered_on",
            "COALESCE(a.topic_id, 0), a.channel, a.applicant_type, '', "
            f"{never_pending}, {repeated}",
            "",
        )
    elif event == "d":
        day, cols, where = (
            "a.decided_on",
            f"0, a.channel, '', a.outcome, {redirected}, {repeated}",
            "WHERE a.decided_on IS NOT NULL",
        )
    else:
        day, cols, where = (
            "MAX(a.registered_on, a.decided_on)",
            "0, '', '', '', 0, 0",
            "WHERE a.decided_on IS NOT NULL",
        )
    names = ["topic_id", "channel", "applicant_type", "outcome", "flag", "repeated"]
    parts = [part.strip() for part in _split(cols)]
    cols = ", ".join(f"{part} AS {name}" for part, name in zip(parts, names, strict=True))
    return (
        f"SELECT a.territory_id AS territory_id, 1 AS own, g.grain AS grain, "
        f"CASE g.grain WHEN 'd' THEN {day} ELSE date({day}, 'start of month') END AS day, "
        f"'{event}' AS event, {cols}, COUNT(*) AS n "
        f"FROM appeals_appeal a CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm') g {where} "
        f"GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11"
    )


def _split(cols: str) -> list[str]:
    """Split a column list on the commas outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in cols:
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += char == "("
        depth -= char == ")"
        current += char
    return parts + [current]


def rebuild(using=None) -> None:
    """Recompute the whole tally from the raw appeals (set-based)."""
    global _connection
    _connection = using
    try:
        with (using or connection).cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(f"INSERT INTO {TABLE} ({KEY}, n) {recomputed_rows()}")
    finally:
        _connection = None


def differences(limit: int | None = None) -> list[tuple]:
    """Every tally key whose stored count differs from the raw rows':
    [(key tuple, stored, recomputed)]."""
    key = [c.strip() for c in KEY.split(",")]
    on = " AND ".join(f"s.{c} = r.{c}" for c in key)
    coalesced = ", ".join(f"COALESCE(s.{c}, r.{c})" for c in key)
    sql = (
        f"SELECT {coalesced}, COALESCE(s.n, 0), COALESCE(r.n, 0) "
        f"FROM (SELECT * FROM {TABLE} WHERE n <> 0) s "
        f"FULL OUTER JOIN ({recomputed_rows()}) r ON {on} "
        f"WHERE COALESCE(s.n, 0) <> COALESCE(r.n, 0) ORDER BY 1, 3, 4, 5"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [(tuple(row[: len(key)]), row[-2], row[-1]) for row in cursor.fetchall()]
