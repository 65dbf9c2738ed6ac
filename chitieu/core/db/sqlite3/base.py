"""Django's SQLite backend, except that reading a decimal never raises.

SQLite keeps a decimal as REAL (15 significant digits). Django rounds what it reads to the
column's places within the column's digits, and raises InvalidOperation when the value does
not fit: one figure edited by hand (or rounded up by the float, 99999999999999.999999 reads as
10^14) would take every page that reads it down. Here such a value is read as it is stored;
the formatting and the engine cope with any Decimal. Every entry is bounded well inside the
column (`chitieu.core.numbers.COLUMN`), so only a hand-edited database reaches this path.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.sqlite3 import base
from django.db.backends.sqlite3.operations import DatabaseOperations as SQLiteOperations
from django.db.models.expressions import Expression


class DatabaseOperations(SQLiteOperations):
    def get_decimalfield_converter(self, expression: Expression) -> Callable[..., Any]:
        strict = super().get_decimalfield_converter(expression)
        as_stored = decimal.Context(prec=15).create_decimal_from_float

        def converter(
            value: Any, expression: Expression, connection: BaseDatabaseWrapper
        ) -> decimal.Decimal | None:
            try:
                return strict(value, expression, connection)
            except decimal.InvalidOperation:
                return as_stored(float(value)) if value is not None else None

        return converter


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
