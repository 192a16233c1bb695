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
  ``critical_of`` (the akim level a critical remark is aimed at, 0: none) and repeated;
- ``v`` a visit to the personal reception (``meetings.ReceptionSession``) on ``day``, its
  local date, counted in the territory of its questions (``place``): ``level``, the akim
  level of the receiving office (Decree 826 row 7, citizens received);
- ``e`` a reception held: an office's reception day with at least one visit counted in
  the tally's territory (row 7, receptions held). Several visits share one reception, so
  this count is kept exact and additive by counting a reception day when the first of
  its visits that the territory counts is recorded and un-counting it when the last goes
  (``_reception_days``): a month row is then the sum of its day rows.

Database triggers on meetings, questions and reception visits keep it in the same
transaction as every write (services, imports, the admin, deletes); a meeting whose
counted fields change takes its own and its questions' old keys off and puts the new ones
on. Moving a territory is followed as for the appeal tally (``shift``).
"""

from __future__ import annotations

from django.db import connection

from . import tally
from .models import MEETING_TALLY_KEY, MEETING_TALLY_SUMS
from .sql_dates import local_day as _local_day
from .sql_dates import month_start as _month

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
VISIT_COLUMNS = ("id", "office_id", "place_id", "held_at")
VISITS = "meetings_receptionsession"
# The fields whose change moves a meeting's or a question's counts.
MEETING_WATCHED = MEETING_COLUMNS[1:]
QUESTION_WATCHED = QUESTION_COLUMNS
BROADCASTS = [c for c in SUMS if c.startswith("broadcasts_")]
TRIGGERS = [
    f"reports_{name}_tally_{s}"
    for name in ("meeting", "question", "receptionsession")
    for s in "iud"
]
GRAINS = "(SELECT 'd' AS grain UNION ALL SELECT 'm')"


def _level(m: str) -> str:
    return (
        "COALESCE((SELECT ot.akim_level FROM territory_office o JOIN territory_territory ot "
        f"ON ot.id = o.territory_id WHERE o.id = {m}.office_id), 0)"
    )


def visit_events(source: str, vendor: str) -> str:
    """The ``v`` events (one per visit) of the reception visits of ``source``."""
    zeros = ", ".join(f"0 AS {c}" for c in SUMS)
    return (
        f"SELECT s.place_id AS territory_id, {_local_day('s.held_at', vendor)} AS day, "
        f"'v' AS event, '' AS kind, {_level('s')} AS level, 0 AS online, 0 AS topic_id, "
        f"0 AS critical_of, 0 AS repeated, 1 AS n, {zeros} FROM {source} s"
    )


def _reception_rows(source: str, vendor: str) -> str:
    """The ``e`` rows of the visits of ``source`` (the whole table): for each tallied
    territory, the distinct office days its visits fall on."""
    day = _local_day("s.held_at", vendor)
    days = (
        f"SELECT DISTINCT x.aid AS aid, x.own AS own, s.office_id AS office_id, {day} AS day, "
        f"{_level('s')} AS level FROM {source} s "
        f"JOIN ({tally._mapping(None)}) x ON x.tid = s.place_id"
    )
    at = f"CASE g.grain WHEN 'd' THEN o.day ELSE {_month('o.day', vendor)} END"
    zeros = ", ".join(f"0 AS {c}" for c in SUMS)
    return (
        f"SELECT o.aid AS territory_id, o.own AS own, g.grain AS grain, {at} AS day, "
        f"'e' AS event, '' AS kind, o.level AS level, 0 AS online, 0 AS topic_id, "
        f"0 AS critical_of, 0 AS repeated, COUNT(*) AS n, {zeros} "
        f"FROM ({days}) o CROSS JOIN {GRAINS} g WHERE true "
        f"GROUP BY o.aid, o.own, g.grain, {at}, o.level"
    )


def _counts_in(s: str, g: str) -> str:
    """Whether the visit ``s`` is counted in the tally territory ``g.aid`` (scope ``g.own``):
    its place is that territory (own 1), or lies in its subtree or the country (own 0)."""
    return (
        f"((g.own = 1 AND {s}.place_id = g.aid) OR (g.own = 0 AND (g.aid = 0 OR EXISTS ("
        f"SELECT 1 FROM territory_territory t JOIN territory_territory a ON a.id = g.aid "
        f"WHERE t.id = {s}.place_id AND substr(t.path, 1, length(a.path)) = a.path))))"
    )


def _reception_days(
    changed: list[tuple[str, str | None]], old: str | None, new: str | None, after: str, vendor: str
) -> str:
    """One statement moving the ``e`` rows by a change of visits: ``old`` the visits'
    rows before it (None: an insert), ``new`` after it (None: a delete), ``after`` the
    visits as they are now; ``changed`` lists the old and the new rows, each with the SQL
    expression of its one row's place (a SQLite row trigger's OLD or NEW) or None (a
    set of rows). For each (tally territory, office, day) of a changed row: +1 if it has a
    visit now and had none before, -1 the other way round; before = the visits now, less
    the new rows, plus the old ones. A month row moves with its day rows."""
    day = _local_day("s.held_at", vendor)
    parts = []
    for rows, place in changed:
        if place is not None:  # one row: its tally territories by primary-key lookups
            targets, aid = f"CROSS JOIN ({tally.targets_of(place)}) x", "x.tid"
        else:
            only = f"SELECT r.place_id FROM {rows} r"
            targets, aid = f"JOIN ({tally._mapping(only)}) x ON x.tid = s.place_id", "x.aid"
        parts.append(  # each group once, however many of its visits changed
            f"SELECT DISTINCT {aid} AS aid, x.own AS own, s.office_id AS office_id, {day} AS day, "
            f"{_level('s')} AS level FROM {rows} s {targets}"
        )
    groups = " UNION ".join(parts)

    def has_visit(source: str, unless: str = "") -> str:
        return (
            f"EXISTS (SELECT 1 FROM {source} s WHERE s.office_id = g.office_id "
            f"AND {day} = g.day AND {_counts_in('s', 'g')}{unless})"
        )

    now = has_visit(after)
    before = now
    if new is not None:
        before = has_visit(after, f" AND s.id NOT IN (SELECT n.id FROM {new} n)")
    if old is not None:
        before = f"({before} OR {has_visit(old)})"
    delta = f"(CASE WHEN {now} THEN 1 ELSE 0 END) - (CASE WHEN {before} THEN 1 ELSE 0 END)"
    at = f"CASE gr.grain WHEN 'd' THEN d.day ELSE {_month('d.day', vendor)} END"
    zeros = ", ".join("0" for _c in SUMS)
    columns = ", ".join(SUMS)
    return (
        f"INSERT INTO {TABLE} ({KEY}, n, {columns}) "
        f"SELECT d.aid, d.own, gr.grain, {at}, 'e', '', d.level, 0, 0, 0, 0, SUM(d.delta), "
        f"{zeros} FROM (SELECT g.*, {delta} AS delta FROM ({groups}) g) d "
        f"CROSS JOIN {GRAINS} gr WHERE d.delta <> 0 "
        f"GROUP BY d.aid, d.own, gr.grain, {at}, d.level "
        f"ON CONFLICT ({KEY}) DO UPDATE SET n = {TABLE}.n + excluded.n"
    )


def _visit_columns(source: str) -> str:
    return "(SELECT " + ", ".join(VISIT_COLUMNS) + f" FROM {source})"


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


def _every_event(vendor: str) -> str:
    """The events of every meeting, question and reception visit (all but ``e``)."""
    return f"{_all_events()} UNION ALL {visit_events(VISITS, vendor)}"


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
        v_old, v_new = moved(VISIT_COLUMNS[1:])
        inserted, deleted = _visit_columns("new_rows"), _visit_columns("old_rows")
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
            "receptionsession_ins": [
                _apply(visit_events(inserted, vendor), 1, vendor),
                _reception_days([(inserted, None)], None, inserted, VISITS, vendor),
            ],
            "receptionsession_del": [
                _apply(visit_events(deleted, vendor), -1, vendor),
                _reception_days([(deleted, None)], deleted, None, VISITS, vendor),
            ],
            "receptionsession_upd": [
                _apply(visit_events(v_old, vendor), -1, vendor),
                _apply(visit_events(v_new, vendor), 1, vendor),
                _reception_days([(v_old, None), (v_new, None)], v_old, v_new, VISITS, vendor),
            ],
        }
        statements = [
            f"CREATE OR REPLACE FUNCTION reports_{name}_tally() RETURNS trigger AS $$\n"
            f"BEGIN\n" + "".join(f"  {sql};\n" for sql in body) + "  RETURN NULL;\nEND\n"
            "$$ LANGUAGE plpgsql"
            for name, body in bodies.items()
        ]
        statements += drop_trigger_sql(vendor, functions=False)
        for table, name in (
            ("meetings_meeting", "meeting"),
            ("meetings_question", "question"),
            (VISITS, "receptionsession"),
        ):
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
    v_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in VISIT_COLUMNS[1:])
    v_old, v_new = _row("OLD", VISIT_COLUMNS), _row("NEW", VISIT_COLUMNS)
    visit_off = (
        f"{_row_apply(visit_events(v_old, vendor), 'OLD.place_id', -1)}; "
        f"{_reception_days([(v_old, 'OLD.place_id')], v_old, None, VISITS, vendor)}"
    )
    visit_on = (
        f"{_row_apply(visit_events(v_new, vendor), 'NEW.place_id', 1)}; "
        f"{_reception_days([(v_new, 'NEW.place_id')], None, v_new, VISITS, vendor)}"
    )
    visit_moved = (
        f"{_row_apply(visit_events(v_old, vendor), 'OLD.place_id', -1)}; "
        f"{_row_apply(visit_events(v_new, vendor), 'NEW.place_id', 1)}; "
        + _reception_days(
            [(v_old, "OLD.place_id"), (v_new, "NEW.place_id")], v_old, v_new, VISITS, vendor
        )
    )
    return drop_trigger_sql(vendor) + [
        f"CREATE TRIGGER reports_receptionsession_tally_i AFTER INSERT ON {VISITS} "
        f"BEGIN {visit_on}; END",
        f"CREATE TRIGGER reports_receptionsession_tally_u AFTER UPDATE ON {VISITS} "
        f"WHEN {v_changed} BEGIN {visit_moved}; END",
        f"CREATE TRIGGER reports_receptionsession_tally_d AFTER DELETE ON {VISITS} "
        f"BEGIN {visit_off}; END",
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
                for name in ("meeting", "question", "receptionsession")
                for op in ("ins", "upd", "del")
            ]
        return statements
    return [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]


def available(using=None) -> bool:
    """Whether the meetings' tables are there (the meetings module is optional)."""
    db = using or connection
    tables = set(db.introspection.table_names())
    return {TABLE, "meetings_meeting", "meetings_question", VISITS} <= tables


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
    """Recompute the whole meeting tally from the raw meetings, questions and visits."""
    db = using or connection
    columns = ", ".join(SUMS)
    with db.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(_apply(_every_event(db.vendor), 1, db.vendor, restrict=False))
        cursor.execute(
            f"INSERT INTO {TABLE} ({KEY}, n, {columns}) {_reception_rows(VISITS, db.vendor)}"
        )


def shift(territory_ids, sign: int, using=None) -> None:
    """Add ``sign`` times the counts of the meetings (and their questions) held in the
    territories ``territory_ids`` or by their offices, and of the reception visits
    counted there or received by these offices: -1 before a move of these territories,
    +1 after it (their ancestors and akim levels change)."""
    db = using or connection
    ids = ", ".join(str(int(i)) for i in territory_ids)
    offices = f"SELECT id FROM territory_office WHERE territory_id IN ({ids})"
    meetings = (
        f"(SELECT * FROM meetings_meeting WHERE territory_id IN ({ids}) "
        f"OR office_id IN ({offices}))"
    )
    visits = _visit_columns(f"{VISITS} WHERE place_id IN ({ids}) OR office_id IN ({offices})")
    if sign < 0:  # as if deleted: the office days left to the other visits
        rest = _visit_columns(f"{VISITS} WHERE id NOT IN (SELECT v.id FROM {visits} v)")
        days = _reception_days([(visits, None)], visits, None, rest, db.vendor)
    else:  # as if inserted
        days = _reception_days([(visits, None)], None, visits, VISITS, db.vendor)
    with db.cursor() as cursor:
        cursor.execute(_apply(_all_events(meetings), sign, db.vendor))
        cursor.execute(_apply(visit_events(visits, db.vendor), sign, db.vendor))
        cursor.execute(days)


def recomputed(vendor: str | None = None) -> str:
    """A SELECT of the whole tally from the raw records."""
    vendor = vendor or connection.vendor
    return (
        f"{_select(_every_event(vendor), 1, vendor, restrict=False)} "
        f"UNION ALL {_reception_rows(VISITS, vendor)}"
    )


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
