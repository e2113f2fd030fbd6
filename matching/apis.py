"""Her matches over HTTP: list (ranked, explained, filterable), save, dismiss, recompute state."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.models import Role
from backend.core.api import HasRole, ServiceCallMixin
from matching import selectors, services
from matching.models import Match, MatchStatus, OpportunityKind
from matching.reasons import as_code, render_reason, render_reasons


class ReasonCodeSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='What the reason says, e.g. "skills"; "text" for words.')
    params = serializers.DictField(help_text="Plain values the sentence is built from.")


class MatchSerializer(serializers.ModelSerializer):
    opportunity_id = serializers.CharField(read_only=True)
    reasons = serializers.SerializerMethodField(
        help_text="Why it fits her, in the request's language (Accept-Language)."
    )
    reason_codes = serializers.SerializerMethodField(
        help_text="The same reasons as data, for clients that word them themselves."
    )

    class Meta:
        model = Match
        fields = [
            "id",
            "kind",
            "object_id",
            "opportunity_id",
            "title",
            "summary",
            "score",
            "reasons",
            "reason_codes",
            "status",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_reasons(self, match: Match) -> list[str]:
        return render_reasons(match.reasons_for_her)

    @extend_schema_field(ReasonCodeSerializer(many=True))
    def get_reason_codes(self, match: Match) -> list[dict[str, Any]]:
        return [as_code(r) for r in match.reasons_for_her]


class LanguageCourseSerializer(serializers.Serializer):
    object_id = serializers.IntegerField(source="course_id", help_text="The training's id.")
    title = serializers.CharField(source="course_title")
    text = serializers.SerializerMethodField(help_text="Why this course, in her language.")

    def get_text(self, gap: selectors.LanguageGapItem) -> str:
        return render_reason(gap.course_reason)


class LanguageGapSerializer(serializers.Serializer):
    """An item hidden from her only by her level in its language (never one of her matches)."""

    kind = serializers.CharField()
    object_id = serializers.IntegerField()
    title = serializers.CharField()
    language = serializers.CharField(help_text="ISO 639-1 code of the language it needs.")
    needed = serializers.CharField(help_text="The level it needs, e.g. B2.")
    have = serializers.CharField(help_text="Her level in that language, e.g. A1.")
    text = serializers.SerializerMethodField(help_text="The gap in words, in her language.")
    course = serializers.SerializerMethodField(
        help_text="A published training that teaches the language at her level or the next; "
        "null when there is none."
    )

    def get_text(self, gap: selectors.LanguageGapItem) -> str:
        return render_reason(gap.reason)

    @extend_schema_field(LanguageCourseSerializer(allow_null=True))
    def get_course(self, gap: selectors.LanguageGapItem) -> dict[str, Any] | None:
        return LanguageCourseSerializer(gap).data if gap.course_id is not None else None


def language_gaps_data(profile: Any, kind: str | None) -> list[dict[str, Any]]:
    """Her language gaps for one kind, or for every kind she is matched to."""
    if profile is None:
        return []
    kinds = [kind] if kind else selectors.KINDS_FOR_ROLE.get(profile.user.role, ())
    gaps = [g for k in kinds for g in selectors.language_gaps_for(profile=profile, kind=k)]
    return list(LanguageGapSerializer(gaps, many=True).data)


class MatchQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=OpportunityKind.choices, required=False)
    status = serializers.ChoiceField(
        choices=MatchStatus.choices,
        required=False,
        help_text="Only matches with this status; without it, all but dismissed ones.",
    )


class MatchStateSerializer(serializers.Serializer):
    recomputing = serializers.BooleanField()
    computed_at = serializers.DateTimeField(allow_null=True)
    notice = serializers.CharField(allow_null=True)


class MatchPagination(PageNumberPagination):
    """Pages of matches, plus whether they are being recomputed and what would improve them."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 50
    extra: dict[str, Any]

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data.update(getattr(self, "extra", {}))
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        out = super().get_paginated_response_schema(schema)
        out["properties"]["recomputing"] = {"type": "boolean"}
        out["properties"]["computed_at"] = {
            "type": "string",
            "format": "date-time",
            "nullable": True,
        }
        out["properties"]["notice"] = {"type": "string", "nullable": True}
        out["properties"]["language_gaps"] = {
            "type": "array",
            "description": "Items hidden only by her language level (up to 3 per kind), each "
            "with a course that closes the gap where one exists.",
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string"},
                    "object_id": {"type": "integer"},
                    "title": {"type": "string"},
                    "language": {"type": "string"},
                    "needed": {"type": "string"},
                    "have": {"type": "string"},
                    "text": {"type": "string"},
                    "course": {
                        "type": "object",
                        "nullable": True,
                        "properties": {
                            "object_id": {"type": "integer"},
                            "title": {"type": "string"},
                            "text": {"type": "string"},
                        },
                    },
                },
            },
        }
        return out


class MatchViewSet(ServiceCallMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Her own matches only; anyone else's match id is a 404."""

    permission_classes = [HasRole.of(Role.JOBSEEKER, Role.ENTREPRENEUR)]
    serializer_class = MatchSerializer
    pagination_class = MatchPagination
    filter_backends: list[Any] = []

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # LocaleMiddleware runs before DRF authenticates: a client that names no language
        # (no Accept-Language, no language cookie) gets her reasons in her chosen language.
        if (
            "HTTP_ACCEPT_LANGUAGE" in request.META
            or settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        ):
            return
        preferred = getattr(request.user, "preferred_language", "")
        if preferred in dict(settings.LANGUAGES):
            self._language_before = translation.get_language()
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        before = getattr(self, "_language_before", None)
        if before is not None:
            # The data is rendered by now; the thread's language must not outlive the request.
            response["Content-Language"] = translation.get_language()
            translation.activate(before)
        return response

    def _profile(self):  # type: ignore[no-untyped-def]
        if not hasattr(self, "_her_profile"):
            self._her_profile = selectors.profile_of(user=self.request.user)
        return self._her_profile

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if self.action == "list":
            query = MatchQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            return selectors.matches_for(profile=self._profile(), **query.validated_data)
        # save/dismiss: any of her rows, also dismissed ones (she may change her mind).
        return selectors.matches_for(profile=self._profile(), status=None, include_dismissed=True)

    @extend_schema(parameters=[MatchQuerySerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        profile = self._profile()
        query = MatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        self.paginator.extra = {  # type: ignore[union-attr]
            **selectors.match_state_of(profile=profile),
            "notice": selectors.profile_notice(profile=profile),
            # What her level hides belongs with her full list, not a status-filtered one.
            "language_gaps": (
                []
                if query.validated_data.get("status")
                else language_gaps_data(profile, query.validated_data.get("kind"))
            ),
        }
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses=MatchSerializer)
    @action(detail=True, methods=["post"])
    def save(self, request: Request, pk: str | None = None) -> Response:
        match = self.call_service(services.match_save, match=self.get_object())
        return Response(MatchSerializer(match).data)

    @extend_schema(request=None, responses=MatchSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        match = self.call_service(services.match_dismiss, match=self.get_object())
        return Response(MatchSerializer(match).data)

    @extend_schema(responses=MatchStateSerializer)
    @action(detail=False, methods=["get"])
    def state(self, request: Request) -> Response:
        profile = self._profile()
        return Response(
            {
                **selectors.match_state_of(profile=profile),
                "notice": selectors.profile_notice(profile=profile),
            }
        )
