"""REST API for mentorships and conversations. Thin: parse, call one service or selector, render."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.models import Role
from backend.core.api import HasRole, ServiceCallMixin, drf_validation_error
from mentoring import models, selectors, services
from mentoring.models import Conversation, Mentorship
from mentoring.serializers import (
    ConversationSerializer,
    MarkReadSerializer,
    MentorshipRequestSerializer,
    MentorshipSerializer,
    MessageSendSerializer,
    MessageSerializer,
    ReportSerializer,
)


class MentorshipViewSet(
    ServiceCallMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """My requests and mentorships, as mentee or mentor (`?role=mentee|mentor`, `?status=`)."""

    serializer_class = MentorshipSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.Mentorship.objects.none()
    filter_backends: list[Any] = []

    def get_permissions(self):  # type: ignore[no-untyped-def]
        if self.action == "create":
            return [HasRole.of(Role.JOBSEEKER, Role.ENTREPRENEUR)()]
        return super().get_permissions()

    def get_queryset(self):  # type: ignore[no-untyped-def]
        role = self.request.query_params.get("role")
        queryset = selectors.mentorships_for(
            user=self.request.user, as_role=role if role in ("mentee", "mentor") else None
        )
        wanted = self.request.query_params.get("status")
        return queryset.filter(status=wanted) if wanted else queryset

    @extend_schema(request=MentorshipRequestSerializer, responses={201: MentorshipSerializer})
    def create(self, request: Request) -> Response:
        serializer = MentorshipRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        mentorship = self.call_service(
            services.mentorship_request,
            mentee=request.user,
            mentor_profile_id=serializer.validated_data["mentor"],
            message=serializer.validated_data["message"],
        )
        mentorship = selectors.mentorships_for(user=request.user).get(pk=mentorship.pk)
        return Response(self.get_serializer(mentorship).data, status=status.HTTP_201_CREATED)

    def _transition(self, request: Request, pk: str | None, service: Any) -> Response:
        mentorship: Mentorship = self.get_object()
        self.call_service(service, mentorship=mentorship, user=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=mentorship.pk)).data)

    @extend_schema(request=None, responses=MentorshipSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, pk, services.mentorship_accept)

    @extend_schema(request=None, responses=MentorshipSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, pk, services.mentorship_decline)

    @extend_schema(request=None, responses=MentorshipSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, pk, services.mentorship_withdraw)

    @extend_schema(request=None, responses=MentorshipSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, pk, services.mentorship_end)


class MessageCursorPagination(CursorPagination):
    """Newest first; the cursor stays stable while new messages arrive."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ConversationViewSet(
    ServiceCallMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """My conversations with unread counts; history, read marker, report and block per conversation."""

    serializer_class = ConversationSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.Conversation.objects.none()
    filter_backends: list[Any] = []

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.conversations_for(user=self.request.user)

    def _conversation(self, pk: str | None) -> Conversation:
        conversation = selectors.conversation_for_member(
            user=self.request.user, conversation_id=int(pk or 0)
        )
        if conversation is None:
            raise Http404
        return conversation

    @extend_schema(request=MessageSendSerializer, responses=MessageSerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=MessageCursorPagination)
    def messages(self, request: Request, pk: str | None = None) -> Response:
        conversation = self._conversation(pk)
        if request.method == "POST":
            return self._send(request, conversation)
        page = self.paginate_queryset(selectors.messages_of(conversation=conversation))
        return self.get_paginated_response(MessageSerializer(page, many=True).data)

    def _send(self, request: Request, conversation: Conversation) -> Response:
        serializer = MessageSendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            message, created = services.message_send(
                user=request.user, conversation_id=conversation.pk, **serializer.validated_data
            )
        except DjangoValidationError as exc:
            error = drf_validation_error(exc)
            codes = [e.code for errors in exc.error_dict.values() for e in errors]
            if "rate_limited" in codes:
                return Response(error.detail, status=status.HTTP_429_TOO_MANY_REQUESTS)
            raise error from exc
        return Response(
            MessageSerializer(message).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(request=MarkReadSerializer, responses=MarkReadSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        conversation = self._conversation(pk)
        serializer = MarkReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        up_to = self.call_service(
            services.conversation_mark_read,
            user=request.user,
            conversation_id=conversation.pk,
            up_to=serializer.validated_data["up_to"],
        )
        return Response({"up_to": up_to})

    @extend_schema(request=ReportSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str | None = None) -> Response:
        conversation = self._conversation(pk)
        serializer = ReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = self.call_service(
            services.report_create,
            reporter=request.user,
            conversation=conversation,
            message_id=serializer.validated_data.get("message"),
            reason=serializer.validated_data["reason"],
        )
        return Response({"id": report.pk}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={201: None})
    @action(detail=True, methods=["post"])
    def block(self, request: Request, pk: str | None = None) -> Response:
        conversation = self._conversation(pk)
        block = self.call_service(
            services.conversation_block, user=request.user, conversation=conversation
        )
        return Response({"blocked": block.blocked_id}, status=status.HTTP_201_CREATED)
