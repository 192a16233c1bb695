"""Maintained aggregates of meetings and of the questions raised at them
(``MeetingTally``): Decree 826 and the reporting-meeting sheet read these counts for the
country and the tallied territories (``tally.covers``) instead of grouping the raw rows,
and ``report_verify`` checks them.

One tally row counts the records sharing a key: the territory (as in ``tally``: the
country, 0, and the territories at most ``tally.TALLY_DEPTH`` deep, for their subtree and
their own records), the grain (a day, or a month whose ``day`` is its first day), the
event and its dimensions, with the sums of the meetings' count fields:

- ``p`` a meeting planned on ``day`` (whatever became of it): kind and ``level``, the akim
  level of the office holding it;
- ``h`` a meeting held on ``day``: kind, level, ``online`` 1 if it was broadcast, and the
  sums of its broadcasts, participants, speakers, media and officials;
- ``q`` a question raised at a meeting held on ``day``: the meeting's kind, the topic,
  ``critical_of`` (the akim level a critical remark is aimed at, 0: none) and repeated.

Database triggers on meetings and questions keep it in the same transaction as every
write (services, imports, the admin, deletes); a meeting whose counted fields change
takes its own and its questions' old keys off and puts the new ones on. Moving a
territory is followed as for the appeal tally (``shift``).
"""

from __future__ import annotations

from django.db import connection

from . import tally
from .models import MEETING_TALLY_KEY, MEETING_TALLY_SUMS

TABLE = "reports_meetingtally"
KEY = ", ".join(MEETING_TALLY_KEY)
SUMS = MEETING_TALLY_SUMS
MEETING_COLUMNS = (
    "id",
    "territory_id",
    "office_id",
    "planned_on",
    "held_on",
    "status",
    "kind",
    *SUMS,
)
QUESTION_COLUMNS = ("meeting_id", "topic_id", "critical_of", "repeated")
# The fields whose change moves a meeting's or a question's counts.
MEETING_WATCHED = MEETING_COLUMNS[1:]
QUESTION_WATCHED = QUESTION_COLUMNS
BROADCASTS = [c for c in SUMS if c.startswith("broadcasts_")]
TRIGGERS = [f"reports_meeting_tally_{s}" for s in "iud"] + [
    f"reports_question_tally_{s}" for s in "iud"
]


def _month(expr: str, vendor: str) -> str:
    if vendor == "postgresql":
        return f"CAST(date_trunc('month', {expr}) AS date)"
    return f"date({expr}, 'start of month')"


def _level(m: str) -> str:
    return (
        "COALESCE((SELECT ot.akim_level FROM territory_office o JOIN territory_territory ot "
        f"ON ot.id = o.territory_id WHERE o.id = {m}.office_id), 0)"
    )


def meeting_events(source: str) -> str:
    """The events of the meetings of ``source`` (a table, a transition table or a
    parenthesised SELECT with the meeting's columns), as a UNION ALL."""
    zeros = ", ".join(f"0 AS {c}" for c in SUMS)
    sums = ", ".join(f"m.{c}" for c in SUMS)
    online = "CASE WHEN " + " + ".join(f"m.{c}" for c in BROADCASTS) + " > 0 THEN 1 ELSE 0 END"
    return (
        f"SELECT m.territory_id AS territory_id, m.planned_on AS day, 'p' AS event, "
        f"m.kind AS kind, {_level('m')} AS level, 0 AS online, 0 AS topic_id, "
        f"0 AS critical_of, 0 AS repeated, 1 AS n, {zeros} FROM {source} m "
        f"UNION ALL SELECT m.territory_id, m.held_on, 'h', m.kind, {_level('m')}, {online}, "
        f"0, 0, 0, 1, {sums} FROM {source} m "
        f"WHERE m.status = 'held' AND m.held_on IS NOT NULL"
    )


def question_events(questions: str, meetings: str) -> str:
    """The events of the questions of ``questions`` raised at the held meetings of
    ``meetings`` (tables, transition tables or parenthesised SELECTs)."""
    zeros = ", ".join(f"0 AS {c}" for c in SUMS)
    return (
        f"SELECT m.territory_id AS territory_id, m.held_on AS day, 'q' AS event, "
        f"m.kind AS kind, 0 AS level, 0 AS online, q.topic_id AS topic_id, "
        f"COALESCE(q.critical_of, 0) AS critical_of, "
        f"CASE WHEN q.repeated THEN 1 ELSE 0 END AS repeated, 1 AS n, {zeros} "
        f"FROM {questions} q JOIN {meetings} m ON m.id = q.meeting_id "
        f"WHERE m.status = 'held' AND m.held_on IS NOT NULL"
    )


def _select(events: str, sign: int, vendor: str, restrict: bool) -> str:
    """The tally rows of ``events`` (day and month rows), each count times ``sign``;
    ``restrict``: map only the events' territories instead of the whole tree."""
    only = f"SELECT s.territory_id FROM ({events}) s" if restrict else None
    day = f"CASE g.grain WHEN 'd' THEN e.day ELSE {_month('e.day', vendor)} END"
    dims = "e.event, e.kind, e.level, e.online, e.topic_id, e.critical_of, e.repeated"
    named = ", ".join(f"e.{c} AS {c}" for c in MEETING_TALLY_KEY[4:])
    sums = ", ".join(f"{sign} * SUM(e.{c}) AS {c}" for c in SUMS)
    return (
        f"SELECT x.aid AS territory_id, x.own AS own, g.grain AS grain, {day} AS day, "
        f"{named}, {sign} * SUM(e.n) AS n, {sums} "
        f"FROM ({events}) e JOIN ({tally._mapping(only)}) x ON x.tid = e.territory_id "
        f"CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm') g WHERE true "
        f"GROUP BY x.aid, x.own, g.grain, {day}, {dims}"
    )


def _apply(events: str, sign: int, vendor: str, restrict: bool = True) -> str:
    """One statement adding the tally rows of ``events`` times ``sign``."""
    columns = ", ".join(SUMS)
    updates = ", ".join(f"{c} = {TABLE}.{c} + excluded.{c}" for c in ["n", *SUMS])
    return (
        f"INSERT INTO {TABLE} ({KEY}, n, {columns}) {_select(events, sign, vendor, restrict)} "
        f"ON CONFLICT ({KEY}) DO UPDATE SET {updates}"
    )


def _row_apply(events: str, territory: str, sign: int) -> str:
    """A SQLite row trigger's statement: the tally rows of ``events`` (one meeting's, or
    one question's), all in the territory ``territory`` (an SQL expression), whose tallied
    territories are reached by primary-key lookups up the tree (as the appeal tally's)."""
    day = f"CASE g.grain WHEN 'd' THEN e.day ELSE {_month('e.day', 'sqlite')} END"
    dims = "e.event, e.kind, e.level, e.online, e.topic_id, e.critical_of, e.repeated"
    sums = ", ".join(f"{sign} * SUM(e.{c})" for c in SUMS)
    columns = ", ".join(SUMS)
    updates = ", ".join(f"{c} = {TABLE}.{c} + excluded.{c}" for c in ["n", *SUMS])
    return (
        f"INSERT INTO {TABLE} ({KEY}, n, {columns}) "
        f"SELECT x.tid, x.own, g.grain, {day}, {dims}, {sign} * SUM(e.n), {sums} "
        f"FROM ({events}) e CROSS JOIN ({tally.targets_of(territory)}) x "
        f"CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm') g WHERE true "
        f"GROUP BY x.tid, x.own, g.grain, {day}, {dims} "
        f"ON CONFLICT ({KEY}) DO UPDATE SET {updates}"
    )


def _all_events(meetings: str = "meetings_meeting", questions: str = "meetings_question"):
    return f"{meeting_events(meetings)} UNION ALL {question_events(questions, meetings)}"


def _row(prefix: str, columns) -> str:
    """A one-row SELECT of a trigger's NEW or OLD row (SQLite)."""
    return "(SELECT " + ", ".join(f"{prefix}.{c} AS {c}" for c in columns) + ")"


def trigger_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":

        def moved(columns):
            changed = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in columns)
            rows = f"FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {changed}"
            return f"(SELECT o.* {rows})", f"(SELECT n.* {rows})"

        m_old, m_new = moved(MEETING_WATCHED)
        q_old, q_new = moved(QUESTION_WATCHED)
        bodies = {
            "meeting_ins": [_apply(meeting_events("new_rows"), 1, vendor)],
            "meeting_del": [_apply(meeting_events("old_rows"), -1, vendor)],
            # A meeting's questions move with it (their day, kind and territory are its).
            "meeting_upd": [
                _apply(_all_events(m_old), -1, vendor),
                _apply(_all_events(m_new), 1, vendor),
            ],
            "question_ins": [_apply(question_events("new_rows", "meetings_meeting"), 1, vendor)],
            "question_del": [_apply(question_events("old_rows", "meetings_meeting"), -1, vendor)],
            "question_upd": [
                _apply(question_events(q_old, "meetings_meeting"), -1, vendor),
                _apply(question_events(q_new, "meetings_meeting"), 1, vendor),
            ],
        }
        statements = [
            f"CREATE OR REPLACE FUNCTION reports_{name}_tally() RETURNS trigger AS $$\n"
            f"BEGIN\n" + "".join(f"  {sql};\n" for sql in body) + "  RETURN NULL;\nEND\n"
            "$$ LANGUAGE plpgsql"
            for name, body in bodies.items()
        ]
        statements += drop_trigger_sql(vendor, functions=False)
        for table, name in (("meetings_meeting", "meeting"), ("meetings_question", "question")):
            statements += [
                f"CREATE TRIGGER reports_{name}_tally_i AFTER INSERT ON {table} "
                f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
                f"EXECUTE FUNCTION reports_{name}_ins_tally()",
                f"CREATE TRIGGER reports_{name}_tally_u AFTER UPDATE ON {table} "
                f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
                f"EXECUTE FUNCTION reports_{name}_upd_tally()",
                f"CREATE TRIGGER reports_{name}_tally_d AFTER DELETE ON {table} "
                f"REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
                f"EXECUTE FUNCTION reports_{name}_del_tally()",
            ]
        return statements
    m_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in MEETING_WATCHED)
    q_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in QUESTION_WATCHED)
    m_old, m_new = _row("OLD", MEETING_COLUMNS), _row("NEW", MEETING_COLUMNS)
    q_old, q_new = _row("OLD", QUESTION_COLUMNS), _row("NEW", QUESTION_COLUMNS)
    at = "(SELECT mm.territory_id FROM meetings_meeting mm WHERE mm.id = {}.meeting_id)"
    mm = "meetings_meeting"
    return drop_trigger_sql(vendor) + [
        f"CREATE TRIGGER reports_meeting_tally_i AFTER INSERT ON meetings_meeting "
        f"BEGIN {_row_apply(meeting_events(m_new), 'NEW.territory_id', 1)}; END",
        f"CREATE TRIGGER reports_meeting_tally_u AFTER UPDATE ON meetings_meeting "
        f"WHEN {m_changed} BEGIN {_row_apply(_all_events(m_old), 'OLD.territory_id', -1)}; "
        f"{_row_apply(_all_events(m_new), 'NEW.territory_id', 1)}; END",
        f"CREATE TRIGGER reports_meeting_tally_d AFTER DELETE ON meetings_meeting "
        f"BEGIN {_row_apply(meeting_events(m_old), 'OLD.territory_id', -1)}; END",
        f"CREATE TRIGGER reports_question_tally_i AFTER INSERT ON meetings_question "
        f"BEGIN {_row_apply(question_events(q_new, mm), at.format('NEW'), 1)}; END",
        f"CREATE TRIGGER reports_question_tally_u AFTER UPDATE ON meetings_question "
        f"WHEN {q_changed} BEGIN "
        f"{_row_apply(question_events(q_old, mm), at.format('OLD'), -1)}; "
        f"{_row_apply(question_events(q_new, mm), at.format('NEW'), 1)}; END",
        f"CREATE TRIGGER reports_question_tally_d AFTER DELETE ON meetings_question "
        f"BEGIN {_row_apply(question_events(q_old, mm), at.format('OLD'), -1)}; END",
    ]


def drop_trigger_sql(vendor: str, functions: bool = True) -> list[str]:
    if vendor == "postgresql":
        statements = [
            f"DROP TRIGGER IF EXISTS {name} ON meetings_{name.split('_')[1]}" for name in TRIGGERS
        ]
        if functions:
            statements += [
                f"DROP FUNCTION IF EXISTS reports_{name}_{op}_tally()"
                for name in ("meeting", "question")
                for op in ("ins", "upd", "del")
            ]
        return statements
    return [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]


def available(using=None) -> bool:
    """Whether the meetings' tables are there (the meetings module is optional)."""
    db = using or connection
    tables = set(db.introspection.table_names())
    return {TABLE, "meetings_meeting", "meetings_question"} <= tables


def install_triggers(using=None) -> None:
    db = using or connection
    with db.cursor() as cursor:
        for statement in trigger_sql(db.vendor):
            cursor.execute(statement)


def remove_triggers(using=None) -> None:
    db = using or connection
    with db.cursor() as cursor:
        for statement in drop_trigger_sql(db.vendor):
            cursor.execute(statement)


def triggers_installed(using=None) -> bool:
    db = using or connection
    if db.vendor == "postgresql":
        sql = "SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s)"
        params = [TRIGGERS]
    else:
        marks = ", ".join(["%s"] * len(TRIGGERS))
        sql = f"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})"
        params = TRIGGERS
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0] == len(TRIGGERS)


def rebuild(using=None) -> None:
    """Recompute the whole meeting tally from the raw meetings and questions."""
    db = using or connection
    with db.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(_apply(_all_events(), 1, db.vendor, restrict=False))


def shift(territory_ids, sign: int, using=None) -> None:
    """Add ``sign`` times the counts of the meetings (and their questions) held in the
    territories ``territory_ids`` or by their offices: -1 before a move of these
    territories, +1 after it (their ancestors and akim levels change)."""
    db = using or connection
    ids = ", ".join(str(int(i)) for i in territory_ids)
    offices = f"SELECT id FROM territory_office WHERE territory_id IN ({ids})"
    meetings = (
        f"(SELECT * FROM meetings_meeting WHERE territory_id IN ({ids}) "
        f"OR office_id IN ({offices}))"
    )
    with db.cursor() as cursor:
        cursor.execute(_apply(_all_events(meetings), sign, db.vendor))


def recomputed(vendor: str | None = None) -> str:
    """A SELECT of the whole tally from the raw records."""
    return _select(_all_events(), 1, vendor or connection.vendor, restrict=False)


def differences(limit: int | None = None, using=None) -> list[tuple]:
    """Every key whose stored counts differ from the raw records':
    [(key tuple, stored (n, sums…), recomputed (n, sums…))]."""
    db = using or connection
    key = MEETING_TALLY_KEY
    measures = ["n", *SUMS]
    sql = tally.compared(TABLE, key, measures, recomputed(db.vendor), limit)
    with db.cursor() as cursor:
        cursor.execute(sql)
        k, m = len(key), len(measures)
        return [
            (tuple(row[:k]), tuple(row[k : k + m]), tuple(row[k + m :]))
            for row in cursor.fetchall()
        ]
