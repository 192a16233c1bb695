"""An appeal is never lost (issue 12, point 4; АППК art. 64: every appeal is registered).

The real server (gunicorn, production settings) on a throwaway database of the run's own
engine (SQLite here, PostgreSQL in the PostgreSQL half of ``make test``), with the mail
server down: clients send appeals through the REST API with idempotency keys and retry;
the server is killed with SIGKILL twice in the middle of requests and started again. Every
acknowledged appeal is stored exactly once, under the number the client was told, and its
notice, kept while the mail was down, is delivered once the mail server is back. The
larger run is ``benchmarks/durability.py`` (its figures are in benchmarks/RESULTS.md)."""

import pytest

from benchmarks.durability import run

pytestmark = pytest.mark.live


def test_appeals_survive_sigkill_and_a_mail_outage(tmp_path):
    result = run(tmp_path, appeals=60, clients=4, kills=2, workers=2)

    assert result.kills == 2
    assert result.acknowledged == result.sent == 60
    assert result.stored == 60
    assert result.duplicated == 0
    assert result.lost == 0
    assert result.wrong_number == 0
    # the kills interrupted requests, which the clients sent again
    assert result.attempts > result.sent
    # the mail server was down: every stored appeal's notice was kept (written with the
    # appeal, the outbox), and each went out once the mail server was back
    assert result.notices_waiting == 60
    assert result.notices_delivered == 60 and result.notices_lost == 0
