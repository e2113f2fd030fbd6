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
from matching.reasons import as_code, render_reasons


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
        return render_reasons(match.reasons)

    @extend_schema_field(ReasonCodeSerializer(many=True))
    def get_reason_codes(self, match: Match) -> list[dict[str, Any]]:
        return [as_code(r) for r in match.reasons or []]


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
        self.paginator.extra = {  # type: ignore[union-attr]
            **selectors.match_state_of(profile=profile),
            "notice": selectors.profile_notice(profile=profile),
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
