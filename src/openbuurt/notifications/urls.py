"""Pages behind the links in e-mails; Dutch paths because residents see and share them."""

from django.urls import path

from openbuurt.notifications import views

app_name = "notifications"

urlpatterns = [
    path("volg/<str:signed>/", views.track, name="track"),
    path("feedback/<str:signed>/yes", views.feedback, {"answer": "yes"}, name="feedback-yes"),
    path("feedback/<str:signed>/no", views.feedback, {"answer": "no"}, name="feedback-no"),
    path("feedback/<str:signed>/thanks", views.feedback_thanks, name="feedback-thanks"),
]
