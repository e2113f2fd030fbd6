"""REST API: her outcomes (/api/impact/outcomes/) and the suppressed figures (/api/impact/funnel/).

Thin: parse, call one service or selector, render. Outcomes list only her own; another
person's outcome answers 404.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Organisation
from backend.core.api import ServiceCallMixin
from impact import selectors, services
from impact.filters import parse_filters
from impact.models import Outcome
from impact.renderers import FiguresCSVRenderer
from impact.serializers import (
    OutcomeCreateSerializer,
    OutcomeSerializer,
    StatisticsConsentSerializer,
)


class _Service(ServiceCallMixin):
    def run(self, service: Any, **kwargs: Any) -> Any:
        try:
            return self.call_service(service, **kwargs)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc) or None) from exc


class OutcomeViewSet(_Service, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = OutcomeSerializer
    queryset = Outcome.objects.none()  # for the schema; get_queryset applies permissions

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.outcomes_for(user=self.request.user)

    @extend_schema(request=OutcomeCreateSerializer, responses={201: OutcomeSerializer})
    def create(self, request: Request) -> Response:
        data = OutcomeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        woman_id = values.pop("woman", None)
        woman = request.user if woman_id is None else selectors.woman_by_id(woman_id)
        if woman is None:
            raise PermissionDenied(str(services.NOT_ALLOWED))
        outcome = self.run(services.outcome_record, user=request.user, woman=woman, **values)
        return Response(OutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: OutcomeSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        outcome = self.run(services.outcome_confirm, user=request.user, outcome=self.get_object())
        return Response(OutcomeSerializer(outcome).data)

    @extend_schema(request=None, responses={200: OutcomeSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        outcome = self.run(services.outcome_reject, user=request.user, outcome=self.get_object())
        return Response(OutcomeSerializer(outcome).data)


class FunnelApi(APIView):
    """Suppressed impact figures for staff and programme members, as JSON or CSV."""

    renderer_classes = [JSONRenderer, FiguresCSVRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("from", str, required=False),
            OpenApiParameter("to", str, required=False),
            OpenApiParameter("city", str, required=False),
            OpenApiParameter("programme", int, required=False),
            OpenApiParameter("period", str, required=False, enum=list(selectors.PERIODS)),
            OpenApiParameter("format", str, required=False, enum=["json", "csv"]),
        ],
        responses={200: {"type": "object"}},
    )
    def get(self, request: Request) -> Response:
        if not selectors.can_view_impact(user=request.user):
            raise PermissionDenied("Only staff and programme members see impact figures.")
        filters, errors = parse_filters(request.query_params)
        if filters is None:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        try:
            programme = selectors.impact_programme(
                user=request.user, programme_id=filters.programme_id
            )
        except Organisation.DoesNotExist as exc:
            raise NotFound() from exc
        figures = filters.figures(programme)
        return Response(figures)


class StatisticsConsentApi(_Service, APIView):
    """Her own opt-in to be counted in breakdowns by origin region and right to work."""

    @extend_schema(responses={200: StatisticsConsentSerializer})
    def get(self, request: Request) -> Response:
        if not request.user.is_woman_user:
            raise PermissionDenied("Only job seekers and entrepreneurs are counted in breakdowns.")
        consent = selectors.statistics_consent_of(user=request.user)
        return Response(StatisticsConsentSerializer(consent).data)

    @extend_schema(
        request=StatisticsConsentSerializer, responses={200: StatisticsConsentSerializer}
    )
    def put(self, request: Request) -> Response:
        data = StatisticsConsentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = self.run(
            services.statistics_consent_set, user=request.user, **data.validated_data
        )
        return Response(StatisticsConsentSerializer(consent).data)
