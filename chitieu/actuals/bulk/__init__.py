"""Many figures in one call (this system's JSON and CSV, DHIS2's dataValueSets): checked all
together by the rules of every entry, written set by set, or not at all."""

from chitieu.actuals.bulk.readers import BodyError, Layout, dhis2_period
from chitieu.actuals.bulk.service import (
    BulkRefused,
    BulkResult,
    RowError,
    TooLargeForOneCall,
    actuals_bulk_save,
)

__all__ = [
    "BodyError",
    "BulkRefused",
    "BulkResult",
    "Layout",
    "RowError",
    "TooLargeForOneCall",
    "actuals_bulk_save",
    "dhis2_period",
]
