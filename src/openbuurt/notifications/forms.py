"""The "is it solved?" form behind the links in the done e-mail."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_COMMENT_LENGTH = 2000


class FeedbackForm(forms.Form):
    """An optional comment; the answer itself (yes or no) is in the link."""

    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_COMMENT_LENGTH}),
    )
