"""The resident's report form and the photos it keeps between tries.

The form only checks the shape of the input (numbers are numbers, a choice is one of the choices); what a report
needs is decided by :func:`openbuurt.reports.services.submit_report`, whose errors the view puts next to the fields.
Photos that were accepted on an earlier try of the same form are kept in :class:`PendingPhotos`, so a mistake in
another field never makes the resident choose their photos again.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from openbuurt.reports.constants import MAX_TEXT_LENGTH
from openbuurt.reports.photos import ALLOWED_FORMATS, CleanPhoto, PhotoError, clean_photo
from openbuurt.triage import selectors as triage_selectors
from openbuurt.triage.models import Category

LOCATION_SOURCES = ("map", "geocoder", "device", "photo", "text")
# Service error keys that have no field of their own are shown above the form.
FIELD_FOR_ERROR = {
    "text": "text",
    "location": "address",
    "email": "email",
    "phone": "phone",
    "name": "name",
    "photos": "photos",
}
_PENDING_SESSION_KEY = "reports_pending_photos"
PENDING_FOLDER = "pending"
_PHOTO_ID = re.compile(r"^[0-9a-f]{16}$")


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that lets the resident choose several files at once."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of uploaded files; their content is checked later by :func:`clean_photo`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        items = data if isinstance(data, list | tuple) else [data]
        return [item for item in items if isinstance(item, UploadedFile)]


def category_from_choice(slug: str) -> Category | None:
    """Return the category a form's choice names (``None`` for no choice); a vanished one is a form error."""
    if not slug:
        return None
    category = triage_selectors.category_by_slug(slug)
    if category is None:
        raise forms.ValidationError(_("This type of problem no longer exists; please choose again."))
    return category


def parse_coordinate(value: str) -> float | None:
    """Return a typed coordinate as a number (a decimal comma is fine), ``None`` when empty; refuse other text."""
    text = value.strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise forms.ValidationError(_("Type a number, for example 53.2194.")) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise forms.ValidationError(_("Type a number, for example 53.2194."))
    return number


def category_choices() -> list[tuple[str, Any]]:
    """Return the choices of the category select: sub categories grouped under their main category."""
    categories = list(triage_selectors.public_categories())
    children: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id is not None:
            children.setdefault(category.parent_id, []).append(category)
    choices: list[tuple[str, Any]] = [("", _("I don't know — we will choose"))]
    for main in (category for category in categories if category.parent_id is None):
        subs = children.get(main.pk, [])
        if subs:
            choices.append((main.name, [(sub.slug, _label(sub)) for sub in subs]))
        else:
            choices.append((main.slug, _label(main)))
    return choices


def _label(category: Category) -> str:
    if category.is_police:
        return gettext("%(name)s (police)") % {"name": category.name}
    return category.name


class ReportForm(forms.Form):
    """What a resident fills in; every field but the description and the place is optional."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Describe the problem"),
        help_text=_("What do you see, and since when? Please leave out names of other people."),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe the problem in a few words.")},
    )
    category = forms.ChoiceField(
        label=_("Type of problem (optional)"),
        help_text=_("If you are not sure, leave this open: we will choose."),
        required=False,
    )
    address = forms.CharField(
        label=_("Address or place"),
        help_text=_("A street and house number, a crossing or a landmark, for example “Grote Markt 1”."),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    address_id = forms.CharField(max_length=100, required=False, widget=forms.HiddenInput)
    lat = forms.CharField(label=_("Latitude"), max_length=30, required=False)
    lon = forms.CharField(label=_("Longitude"), max_length=30, required=False)
    location_source = forms.ChoiceField(
        choices=[(source, source) for source in LOCATION_SOURCES], required=False, widget=forms.HiddenInput
    )
    photos = MultipleFileField(
        label=_("Photos (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(sorted(set(ALLOWED_FORMATS.values())))}),
    )
    keep_photos = forms.MultipleChoiceField(
        label=_("Photos you already added"), required=False, widget=forms.CheckboxSelectMultiple
    )
    email = forms.CharField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    name = forms.CharField(
        label=_("Name"), max_length=201, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    wants_updates = forms.BooleanField(label=_("Send me updates about this report by e-mail"), required=False)
    may_contact = forms.BooleanField(label=_("You may contact me if you have a question"), required=False)
    emergency_acknowledged = forms.BooleanField(
        label=_("I have called 112, or there is no immediate danger"), required=False
    )

    def __init__(self, *args: Any, kept_photos: Sequence[dict[str, Any]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category_field = self.fields["category"]
        assert isinstance(category_field, forms.ChoiceField)
        category_field.choices = category_choices()
        keep_field = self.fields["keep_photos"]
        assert isinstance(keep_field, forms.MultipleChoiceField)
        keep_field.choices = [(photo["id"], photo["name"]) for photo in kept_photos]
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
            self.initial.setdefault("wants_updates", True)
            self.initial.setdefault("keep_photos", [photo["id"] for photo in kept_photos])
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs.setdefault("aria-describedby", f"id_{name}_hint")

    def clean_lat(self) -> float | None:
        return parse_coordinate(self.cleaned_data.get("lat") or "")

    def clean_lon(self) -> float | None:
        return parse_coordinate(self.cleaned_data.get("lon") or "")

    def clean_category(self) -> Category | None:
        return category_from_choice(self.cleaned_data.get("category") or "")

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Put the errors of ``submit_report`` next to the fields they are about (others above the form)."""
        for key, messages in errors.items():
            field = FIELD_FOR_ERROR.get(key)
            for message in messages:
                self.add_error(field, message)

    def mark_invalid_fields(self) -> None:
        """Tell assistive technology which fields are wrong and where their error message is."""
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            widget.attrs["aria-invalid"] = "true"
            described = [f"id_{name}_error"]
            if self.fields[name].help_text:
                described.append(f"id_{name}_hint")
            widget.attrs["aria-describedby"] = " ".join(described)

    def split_name(self) -> tuple[str, str]:
        """Return (first name, last name): the first word, then the rest, as in “Jan de Vries”."""
        parts = self.cleaned_data.get("name", "").strip().split(maxsplit=1)
        if not parts:
            return "", ""
        return parts[0], parts[1] if len(parts) > 1 else ""


def read_photo(upload: UploadedFile[bytes]) -> CleanPhoto:
    """Check one uploaded file by its content; raise :class:`PhotoError` with a message for the resident."""
    limit = settings.OPENBUURT_MAX_PHOTO_BYTES
    name = (upload.name or "")[-200:]
    size = upload.size or 0
    if size > limit:
        # Refuse before reading: a huge upload must not be loaded into memory.
        raise PhotoError(
            "too_large",
            gettext("The photo %(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    return clean_photo(upload.read(), original_name=name)


class PendingPhotos:
    """Photos accepted on an earlier try of one form, kept until the report is stored.

    The cleaned photos (metadata already removed) are stored under ``pending/<submission key>/``; the list lives
    in the resident's session, so nobody else can attach or see them. Stored reports take them over and the folder
    is emptied; forms that are abandoned leave files that :func:`discard_stale_pending_photos` removes.
    """

    def __init__(self, session: SessionBase, submission_key: str) -> None:
        self.session = session
        self.key = str(uuid.UUID(submission_key))

    def _all(self) -> dict[str, Any]:
        stored = self.session.get(_PENDING_SESSION_KEY)
        return stored if isinstance(stored, dict) else {}

    def entries(self) -> list[dict[str, Any]]:
        """Return the descriptions of the kept photos: id, name, size and type."""
        entries = self._all().get(self.key)
        if not isinstance(entries, list):
            return []
        return [entry for entry in entries if isinstance(entry, dict) and _PHOTO_ID.match(str(entry.get("id")))]

    def add(self, photos: Sequence[CleanPhoto]) -> None:
        """Keep ``photos`` for the next try of the form."""
        entries = self.entries()
        known = {entry["id"] for entry in entries}
        for photo in photos:
            photo_id = photo.sha256[:16]
            if photo_id in known:
                continue
            path = default_storage.save(
                f"{PENDING_FOLDER}/{self.key}/{photo_id}.{photo.extension}", ContentFile(photo.content)
            )
            entries.append(
                {
                    "id": photo_id,
                    "path": path,
                    "name": photo.original_name,
                    "size": len(photo.content),
                    "content_type": photo.content_type,
                    "extension": photo.extension,
                    "width": photo.width,
                    "height": photo.height,
                    "sha256": photo.sha256,
                    "gps": list(photo.gps) if photo.gps else None,
                }
            )
            known.add(photo_id)
        everything = self._all()
        everything[self.key] = entries
        self.session[_PENDING_SESSION_KEY] = everything

    def load(self, ids: Sequence[str]) -> list[CleanPhoto]:
        """Return the kept photos whose id is in ``ids``, in the order they were added."""
        wanted = set(ids)
        photos: list[CleanPhoto] = []
        for entry in self.entries():
            if entry["id"] not in wanted:
                continue
            try:
                with default_storage.open(entry["path"], "rb") as handle:
                    content = handle.read()
            except OSError:
                continue
            gps = entry.get("gps")
            photos.append(
                CleanPhoto(
                    content=content,
                    content_type=entry["content_type"],
                    extension=entry["extension"],
                    width=entry["width"],
                    height=entry["height"],
                    sha256=entry["sha256"],
                    original_name=entry["name"],
                    gps=(float(gps[0]), float(gps[1])) if gps else None,
                )
            )
        return photos

    def discard(self) -> None:
        """Delete the kept photos of this form and forget them."""
        for entry in self.entries():
            with contextlib.suppress(OSError):
                default_storage.delete(entry["path"])
        everything = self._all()
        if self.key in everything:
            del everything[self.key]
            self.session[_PENDING_SESSION_KEY] = everything


def discard_stale_pending_photos(*, older_than: timedelta, now: datetime | None = None) -> int:
    """Delete kept photos of forms abandoned longer than ``older_than`` ago; return how many files went.

    Photos are personal data: a form that was never sent must not keep them. Run it daily (a periodic task).
    """
    moment = now or timezone.now()
    removed = 0
    try:
        folders, _files = default_storage.listdir(PENDING_FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return 0
    for folder in folders:
        path = f"{PENDING_FOLDER}/{folder}"
        _subfolders, names = default_storage.listdir(path)
        for name in names:
            file_path = f"{path}/{name}"
            if moment - default_storage.get_modified_time(file_path) > older_than:
                default_storage.delete(file_path)
                removed += 1
    return removed
