"""Pages: my mentorships, the mentor's inbox, asking a mentor, and the chat page."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from backend.profiles.models import MentorProfile
from mentoring import selectors, services
from mentoring.forms import MentorshipRequestForm
from mentoring.models import DELETED_USER_NAME

ACTIONS = {
    "accept": (services.mentorship_accept, gettext_lazy("Request accepted. You can now chat.")),
    "decline": (services.mentorship_decline, gettext_lazy("Request declined.")),
    "withdraw": (services.mentorship_withdraw, gettext_lazy("Request withdrawn.")),
    "end": (services.mentorship_end, gettext_lazy("Mentorship ended.")),
}


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def mentorship_list(request: HttpRequest) -> HttpResponse:
    mentorships = selectors.mentorships_for(user=request.user)
    return render(request, "mentoring/mentorships.html", {"mentorships": mentorships})


@login_required
def mentor_inbox(request: HttpRequest) -> HttpResponse:
    requests = selectors.pending_requests_for_mentor(user=request.user)
    return render(request, "mentoring/inbox.html", {"requests": requests})


@login_required
def mentorship_ask(request: HttpRequest, mentor_id: int) -> HttpResponse:
    mentor = get_object_or_404(MentorProfile.objects.select_related("user"), pk=mentor_id)
    form = MentorshipRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentorship_request(
                mentee=request.user,
                mentor_profile_id=mentor.pk,
                message=form.cleaned_data["message"],
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("Your request is sent. The mentor will answer soon."))
            return redirect("mentoring-list")
    return render(request, "mentoring/ask.html", {"form": form, "mentor": mentor})


@require_POST
@login_required
def mentorship_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    mentorship = get_object_or_404(selectors.mentorships_for(user=request.user), pk=pk)
    service, done = ACTIONS[action]
    try:
        service(mentorship=mentorship, user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        text = _error_text(exc) if isinstance(exc, ValidationError) else _("Not allowed.")
        messages.error(request, text)
    else:
        messages.success(request, done)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or "mentoring-list")


@login_required
def conversation_page(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_for_member(user=request.user, conversation_id=pk)
    if conversation is None:
        raise Http404
    mentorship = conversation.mentorship
    if mentorship.mentee_id == request.user.pk:
        other = mentorship.mentor.user if mentorship.mentor is not None else None
    else:
        other = mentorship.mentee
    if other is None:
        other = SimpleNamespace(pk=None, public_name=DELETED_USER_NAME)
    config = {
        "conversationId": conversation.pk,
        "userId": request.user.pk,
        "otherName": other.public_name,
        "active": mentorship.is_active,
    }
    return render(
        request,
        "mentoring/chat.html",
        {"conversation": conversation, "other": other, "chat_config": config},
    )
