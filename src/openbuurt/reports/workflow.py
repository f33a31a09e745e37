"""The explicit status transition table of reports, enforced by ``reports.services.change_status``."""

from __future__ import annotations

from openbuurt.reports.constants import ReportStatus

S = ReportStatus

_OPEN_WORK = frozenset({S.ACCEPTED, S.IN_PROGRESS, S.SCHEDULED, S.ON_HOLD, S.WAITING_FOR_REPORTER, S.FORWARDED})

TRANSITIONS: dict[ReportStatus, frozenset[ReportStatus]] = {
    S.NEW: frozenset(
        {S.ACCEPTED, S.IN_PROGRESS, S.SCHEDULED, S.ON_HOLD, S.WAITING_FOR_REPORTER, S.FORWARDED, S.DONE, S.CANCELLED}
    ),
    S.ACCEPTED: (_OPEN_WORK - {S.ACCEPTED}) | {S.DONE, S.CANCELLED},
    S.IN_PROGRESS: (_OPEN_WORK - {S.IN_PROGRESS, S.ACCEPTED}) | {S.DONE, S.CANCELLED},
    S.SCHEDULED: (_OPEN_WORK - {S.SCHEDULED, S.ACCEPTED}) | {S.DONE, S.CANCELLED},
    S.ON_HOLD: (_OPEN_WORK - {S.ON_HOLD}) | {S.DONE, S.CANCELLED},
    S.WAITING_FOR_REPORTER: (_OPEN_WORK - {S.WAITING_FOR_REPORTER}) | {S.DONE, S.CANCELLED},
    S.FORWARDED: (_OPEN_WORK - {S.FORWARDED}) | {S.DONE, S.CANCELLED},
    S.DONE: frozenset({S.REOPEN_REQUESTED, S.REOPENED}),
    S.CANCELLED: frozenset({S.REOPENED}),
    S.REOPEN_REQUESTED: frozenset({S.REOPENED, S.DONE}),
    S.REOPENED: _OPEN_WORK | {S.DONE, S.CANCELLED},
}


def allowed_next(status: str) -> frozenset[ReportStatus]:
    """Return the statuses a report in ``status`` may move to."""
    return TRANSITIONS.get(ReportStatus(status), frozenset())


def can_move(from_status: str, to_status: str) -> bool:
    """Tell whether the table allows moving from ``from_status`` to ``to_status``."""
    return ReportStatus(to_status) in allowed_next(from_status)
