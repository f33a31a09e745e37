"""The queue: filtered, searchable, sorted list of the reports a staff member may see, and saved filters."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from openbuurt.reports.access import reports_visible_to
from openbuurt.reports.backoffice.filters import QueueFilterForm, filter_query_string, initial_data
from openbuurt.reports.backoffice.forms import SavedFilterForm
from openbuurt.reports.backoffice.permissions import staff_required, staff_user
from openbuurt.reports.backoffice.selectors import BadCursorError, QueuePage, queue_page
from openbuurt.reports.backoffice.services import SavedFilterError, delete_filter, save_filter
from openbuurt.reports.models_backoffice import SavedFilter


def filtered_reports(request: HttpRequest) -> tuple[QueueFilterForm, QueryDict]:
    """Return the bound, validated filter form of ``request`` and the query it was bound to."""
    data = initial_data(request.GET)
    form = QueueFilterForm(data, user=staff_user(request))
    form.is_valid()
    return form, data


@require_GET
@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    """Show one page of the filtered queue; an htmx request gets only the results part."""
    user = staff_user(request)
    form, data = filtered_reports(request)
    scoped = reports_visible_to(user)
    reports = form.apply(scoped)
    in_page_order = form.apply(scoped, for_ordering=True)
    cursor = request.GET.get("after", "")
    try:
        page = queue_page(reports, sort=form.sort_key, cursor=cursor, ordering_source=in_page_order)
        bad_cursor = False
    except BadCursorError:
        page = queue_page(reports, sort=form.sort_key, ordering_source=in_page_order)
        bad_cursor = True
    query = filter_query_string(data)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "next_url": _page_url(query, page),
        "is_first_page": not cursor or bad_cursor,
        "bad_cursor": bad_cursor,
        "now": timezone.now(),
        "saved_filters": SavedFilter.objects.filter(owner=user),
        "save_form": SavedFilterForm(initial={"query": query}),
        "current_query": query,
    }
    # A history restore asks for the whole page, not the part a filter change replaces.
    partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    template = "backoffice/_queue_results.html" if partial else "backoffice/queue.html"
    return render(request, template, context)


def _page_url(query: str, page: QueuePage) -> str:
    if not page.next_cursor:
        return ""
    separator = "&" if query else ""
    return f"{reverse('backoffice:queue')}?{query}{separator}after={page.next_cursor}"


@require_POST
@staff_required
def save_saved_filter(request: HttpRequest) -> HttpResponse:
    """Store the current filter under a name and go back to the queue with it applied."""
    user = staff_user(request)
    form = SavedFilterForm(request.POST)
    query = request.POST.get("query", "")
    if form.is_valid():
        try:
            saved = save_filter(
                owner=user,
                name=form.cleaned_data["name"],
                query=form.cleaned_data["query"],
                show_on_queue=form.cleaned_data["show_on_queue"],
            )
        except SavedFilterError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Filter “%(name)s” saved.") % {"name": saved.name})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(f"{reverse('backoffice:queue')}?{query}" if query else reverse("backoffice:queue"))


@require_POST
@staff_required
def delete_saved_filter(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one of the user's own saved filters (another user's answers 404)."""
    user = staff_user(request)
    saved = get_object_or_404(SavedFilter, pk=pk, owner=user)
    delete_filter(saved=saved, actor=user)
    messages.success(request, _("Filter “%(name)s” deleted.") % {"name": saved.name})
    return redirect("backoffice:queue")
