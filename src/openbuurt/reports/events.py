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


@dataclass(frozen=True)
class ReportAssigned:
    """A report was (re)assigned to an organisation, team and/or person."""

    report_id: int
    organisation_id: int
    department_id: int | None
    assignee_id: int | None
    previous_organisation_id: int | None
    reason: str


@dataclass(frozen=True)
class ReportCategoryChanged:
    """A report's category changed (by staff or the classifier); deadlines may need recomputing."""

    report_id: int
    from_category_id: int | None
    to_category_id: int


@dataclass(frozen=True)
class FollowRequested:
    """A resident asked to follow a report; ``email`` must confirm through the link holding ``signed``.

    The address travels in the event because it is stored nowhere else until the resident confirms.
    """

    report_id: int
    email: str
    language: str
    signed: str
    valid_days: int
