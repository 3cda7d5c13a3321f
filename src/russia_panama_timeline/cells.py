"""A loaded cell as JSON, for every output that writes rows as JSON objects.

The loaders give pandas values (``NA``, ``NaT``, ``NaN``, numpy scalars, Timestamps);
JSON wants ``null``, ISO days, plain numbers and strings. The site's embedded data and
``events --format json`` both write cells through ``cell``, so the two agree.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

__all__ = ["cell"]


def cell(value: Any) -> Any:
    """A loaded cell as JSON: NA/NaT/NaN -> None, dates as ISO days, numpy scalars as
    Python, anything else as its string."""
    if value is None:
        return None
    import pandas as pd

    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)
