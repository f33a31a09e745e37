"""Forms of the page that lists reports near a place without JavaScript, and of following one of them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openbuurt.places import selectors as places_selectors
from openbuurt.reports.forms import category_choices, category_from_choice, parse_coordinate
from openbuurt.triage.models import Category


class NearbySearchForm(forms.Form):
    """Where to look: an address (found with the geocoders) or coordinates, and optionally the kind of problem."""

    address = forms.CharField(
        label=_("Address or place"),
        help_text=_("A street and house number, a crossing or a landmark, for example “Grote Markt 1”."),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    lat = forms.CharField(label=_("Latitude"), max_length=30, required=False)
    lon = forms.CharField(label=_("Longitude"), max_length=30, required=False)
    category = forms.ChoiceField(label=_("Type of problem (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category_field = self.fields["category"]
        assert isinstance(category_field, forms.ChoiceField)
        category_field.choices = category_choices()
        self.place_label = ""
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs.setdefault("aria-describedby", f"id_{name}_hint")

    def clean_lat(self) -> float | None:
        value = parse_coordinate(self.cleaned_data.get("lat") or "")
        if value is not None and not -90 <= value <= 90:
            raise forms.ValidationError(_("A latitude lies between -90 and 90."))
        return value

    def clean_lon(self) -> float | None:
        value = parse_coordinate(self.cleaned_data.get("lon") or "")
        if value is not None and not -180 <= value <= 180:
            raise forms.ValidationError(_("A longitude lies between -180 and 180."))
        return value

    def clean_category(self) -> Category | None:
        return category_from_choice(self.cleaned_data.get("category") or "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        lat, lon = cleaned.get("lat"), cleaned.get("lon")
        address = str(cleaned.get("address") or "").strip()
        if (lat is None) != (lon is None):
            self.add_error("lon" if lon is None else "lat", _("Give both latitude and longitude."))
        elif lat is None and address:
            found = places_selectors.geocode_search(address, limit=1)
            if not found:
                self.add_error("address", _("We could not find this place. Try another spelling, or give coordinates."))
            else:
                cleaned["lat"], cleaned["lon"] = found[0].lat, found[0].lon
                self.place_label = found[0].label
        elif lat is None:
            self.add_error("address", _("Type an address or place, or give coordinates."))
        return cleaned

    def mark_invalid_fields(self) -> None:
        """Tell assistive technology which fields are wrong and where their error message is."""
        for name in self.errors:
            if name not in self.fields:
                continue
            field = self.fields[name]
            field.widget.attrs["aria-invalid"] = "true"
            described = [f"id_{name}_error"] + ([f"id_{name}_hint"] if field.help_text else [])
            field.widget.attrs["aria-describedby"] = " ".join(described)


THROTTLED_MESSAGE = _("You asked to follow reports many times in a short while. Please try again in an hour.")


class FollowRequestForm(forms.Form):
    """Follow one of the listed reports: its number and the resident's e-mail address."""

    report = forms.CharField(max_length=40, widget=forms.HiddenInput)
    email = forms.CharField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": _("Enter your e-mail address, like name@example.nl.")},
    )

    def mark_invalid_fields(self) -> None:
        """Tell assistive technology that the address is wrong and where its error message is."""
        if "email" in self.errors:
            attrs = self.fields["email"].widget.attrs
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = self["email"].auto_id + "_error"
