"""Events of the reports app, delivered after the transaction commits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportSubmitted:
    """A new report was stored."""

    report_id: int
    public_id: str
    source: str
    is_emergency: bool


@dataclass(frozen=True)
class ReportStatusChanged:
    """A report's status changed; ``public_text`` is what the reporter may be told."""

    report_id: int
    from_status: str
    to_status: str
    public_text: str
