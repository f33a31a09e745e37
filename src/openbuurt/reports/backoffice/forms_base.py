"""The base of every back-office form: accessible descriptions of hints and errors."""

from __future__ import annotations

from typing import Any

from django import forms


class DescribedForm(forms.Form):
    """A form whose inputs point at their hint and error texts (aria-describedby) and say when they are invalid.

    ``id_prefix`` gives every form on a page its own element ids, because the detail page holds several forms
    with fields of the same name.
    """

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        self._describe(None)

    def _describe(self, errors: forms.utils.ErrorDict | None) -> None:
        for name, field in self.fields.items():
            bound_field = self[name]
            ids = [f"{bound_field.auto_id}_hint"] if field.help_text else []
            if errors is not None and name in errors:
                ids.append(f"{bound_field.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self) -> None:
        super().full_clean()
        self._describe(self.errors)
