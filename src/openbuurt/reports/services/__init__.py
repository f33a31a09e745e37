"""Every write to reports goes through this package: atomic, audited, events sent on commit.

``submission`` holds intake (``submit_report``); ``handling`` holds what staff do afterwards.
"""

from openbuurt.reports.services.duplicates import (
    DuplicateLinkError,
    FollowError,
    follow_report,
    link_duplicate,
    unlink_duplicate,
)
from openbuurt.reports.services.handling import (
    TransitionNotAllowedError,
    add_note,
    assign_report,
    change_category,
    change_status,
    record_feedback,
    set_deadline,
    set_priority,
)
from openbuurt.reports.services.submission import (
    LocationInput,
    ReporterInput,
    ReportValidationError,
    SubmissionInputs,
    SubmissionResult,
    submit_report,
)

__all__ = [
    "DuplicateLinkError",
    "FollowError",
    "LocationInput",
    "ReportValidationError",
    "ReporterInput",
    "SubmissionInputs",
    "SubmissionResult",
    "TransitionNotAllowedError",
    "add_note",
    "assign_report",
    "change_category",
    "change_status",
    "follow_report",
    "link_duplicate",
    "record_feedback",
    "set_deadline",
    "set_priority",
    "submit_report",
    "unlink_duplicate",
]
