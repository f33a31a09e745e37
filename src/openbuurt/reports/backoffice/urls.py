"""Routes of the back office under /backoffice/."""

from django.urls import path

from openbuurt.reports.backoffice.views import actions, audit, auth, detail, queue
from openbuurt.reports.backoffice.views import map as map_views

app_name = "backoffice"

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("", queue.queue, name="queue"),
    path("filters/", queue.save_saved_filter, name="filter-save"),
    path("filters/<int:pk>/delete", queue.delete_saved_filter, name="filter-delete"),
    path("map/", map_views.report_map, name="map"),
    path("map/data.geojson", map_views.map_data, name="map-data"),
    path("audit/", audit.audit_log, name="audit"),
    path("reports/<str:public_id>/", detail.report_detail, name="report-detail"),
    path("reports/<str:public_id>/photos/<int:pk>", detail.report_photo, name="report-photo"),
    path("reports/<str:public_id>/contact", detail.reveal_contact, name="report-contact"),
    path("reports/<str:public_id>/status", actions.change_status, name="report-status"),
    path("reports/<str:public_id>/assign", actions.assign, name="report-assign"),
    path("reports/<str:public_id>/refer", actions.refer, name="report-refer"),
    path("reports/<str:public_id>/category", actions.change_category, name="report-category"),
    path("reports/<str:public_id>/priority", actions.set_priority, name="report-priority"),
    path("reports/<str:public_id>/note", actions.add_note, name="report-note"),
    path("reports/<str:public_id>/duplicate", actions.link_duplicate, name="report-duplicate"),
    path("reports/<str:public_id>/unlink", actions.unlink_duplicate, name="report-unlink"),
]
