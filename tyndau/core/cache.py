"""The database cache (a table, when no Redis is configured) with a counter that works for
rate limits: ``incr`` is one locked read and one update in a transaction, so two workers
never lose a hit, and it keeps the counter's expiry, so a window of an hour stays an hour.

Django's own ``DatabaseCache.incr`` is a ``get`` then a ``set``: not atomic, a ``COUNT(*)``
of the table for the cull check on each call, and the expiry moved to the default timeout
(five minutes) from the latest hit.
"""

from __future__ import annotations

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now as tz_now


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table, value_column, key_column = (
            quote_name(self._table),
            quote_name("value"),
            quote_name("cache_key"),
        )
        # SQLite: the transaction begins IMMEDIATE (settings), holding the write lock;
        # PostgreSQL: the row is locked until the update commits.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_column}, {quote_name('expires')} FROM {table} "
                f"WHERE {key_column} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found.")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode()))
            value += delta
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s", [pickled, key]
            )
        return value

    @staticmethod
    def _expired(connection, expires) -> bool:
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(
            expression
        ) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return expires < tz_now()
