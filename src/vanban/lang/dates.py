"""Dates as Vietnamese documents print them."""

from __future__ import annotations

import datetime as dt


def long(d: dt.date) -> str:
    """ngày 06 tháng 11 năm 2025, the form under the motto of a document."""
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def short(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def month_label(key: str) -> str:
    """2025-11 -> tháng 11/2025."""
    year, month = key.split("-")
    return f"tháng {int(month)}/{year}"
