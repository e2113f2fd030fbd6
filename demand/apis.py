"""Demand export (programmes, staff) and asks (women) over the API; thin views over services."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.api import HasRole, ServiceCallMixin
from demand import selectors, services
from demand.models import Ask
from matching.engine.types import KINDS

GROUP_COLUMNS = [
    "kind",
    "size",
    "label",
    "description",
    "place",
    "languages",
    "level",
    "nearest_offer",
    "why_it_does_not_fit",
]
ASK_COLUMNS = ["id", "text", "votes"]


class HistorySerializer(serializers.Serializer):
    at = serializers.CharField()
    size = serializers.CharField(help_text='A number, or "<5" for a run where it was too small.')


class DemandGroupSerializer(serializers.Serializer):
    """Documentation of an exported group: aggregates only."""

    kind = serializers.CharField()
    size = serializers.IntegerField()
    label = serializers.CharField()
    description = serializers.CharField()
    place = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    level = serializers.CharField()
    nearest_offer = serializers.CharField()
    nearest_offer_kind = serializers.CharField()
    nearest_offer_id = serializers.IntegerField(allow_null=True)
    why_it_does_not_fit = serializers.ListField(child=serializers.CharField())
    history = HistorySerializer(many=True)


class DemandGroupsSerializer(serializers.Serializer):
    run_at = serializers.CharField(allow_null=True)
    results = DemandGroupSerializer(many=True)
    suppressed_groups = serializers.IntegerField()


class AskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    votes = serializers.IntegerField()
    voted = serializers.BooleanField(required=False)
    can_vote = serializers.BooleanField(required=False)


class AskListSerializer(serializers.Serializer):
    results = AskSerializer(many=True)


class AskCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


FORMAT = OpenApiParameter("format", str, enum=["json", "csv"], required=False)


class CSVRenderer(BaseRenderer):
    """Rows under data["results"] as CSV (lists joined with "; "); `csv_columns` from the view."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> bytes:
        view = (renderer_context or {}).get("view")
        columns = getattr(view, "csv_columns", None)
        out = io.StringIO()
        writer = csv.writer(out)
        if not isinstance(data, dict) or "results" not in data or columns is None:
            writer.writerow(["detail"])
            writer.writerow([str(data.get("detail", "")) if isinstance(data, dict) else ""])
            return out.getvalue().encode()
        writer.writerow(columns)
        for row in data["results"]:
            writer.writerow(
                [
                    "; ".join(map(str, v)) if isinstance(v, list) else v
                    for v in (row[c] for c in columns)
                ]
            )
        if "suppressed_groups" in data:
            least = services.min_group_size()
            writer.writerow(["suppressed", f"<{least}", f"{data['suppressed_groups']} groups"])
        return out.getvalue().encode()


class CanSeeDemand(BasePermission):
    message = gettext_lazy(
        "Only staff and members of a verified programme or city partner see demand."
    )

    def has_permission(self, request: Request, view: Any) -> bool:
        return selectors.can_see_demand(request.user)


class CanReadAsks(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method == "GET":
            return selectors.can_see_demand(request.user) or selectors.can_ask(request.user)
        return selectors.can_ask(request.user)


class DemandGroupsApi(APIView):
    permission_classes = [CanSeeDemand]
    renderer_classes = [JSONRenderer, CSVRenderer]
    csv_columns = GROUP_COLUMNS

    @extend_schema(
        responses=DemandGroupsSerializer,
        parameters=[FORMAT, OpenApiParameter("kind", str, enum=list(KINDS), required=False)],
    )
    def get(self, request: Request) -> Response:
        unknown = sorted(set(request.query_params) - {"kind", "format"})
        if unknown:
            raise ValidationError(
                {name: [_("Unknown parameter; use kind or format.")] for name in unknown}
            )
        kind = request.query_params.get("kind", "")
        if "kind" in request.query_params and kind not in KINDS:
            raise ValidationError(
                {"kind": [_("Choose one of: %(kinds)s.") % {"kinds": ", ".join(KINDS)}]}
            )
        found = selectors.demand_groups(kind=kind or None)
        return Response(
            {
                "run_at": found.run.created_at.isoformat() if found.run else None,
                "results": [selectors.group_row(g) for g in found.groups],
                "suppressed_groups": found.suppressed,
            }
        )


class AsksApi(ServiceCallMixin, APIView):
    permission_classes = [CanReadAsks]
    renderer_classes = [JSONRenderer, CSVRenderer]
    csv_columns = ASK_COLUMNS

    @extend_schema(responses=AskListSerializer, parameters=[FORMAT])
    def get(self, request: Request) -> Response:
        rows = selectors.asks_approved(viewer=request.user)
        return Response({"results": [selectors.ask_row(a, viewer=request.user) for a in rows]})

    @extend_schema(request=AskCreateSerializer, responses={201: DetailSerializer})
    def post(self, request: Request) -> Response:
        text = request.data.get("text", "") if hasattr(request.data, "get") else ""
        self.call_service(services.ask_create, user=request.user, text=text)
        return Response(
            {"detail": _("Thank you. Your ask will appear once it has been reviewed.")},
            status=status.HTTP_201_CREATED,
        )


class AskVoteApi(ServiceCallMixin, APIView):
    permission_classes = [HasRole.of("jobseeker", "entrepreneur")]

    @extend_schema(request=None, responses={201: AskSerializer})
    def post(self, request: Request, pk: int) -> Response:
        try:
            self.call_service(services.ask_vote, user=request.user, ask_id=pk)
        except Ask.DoesNotExist:
            raise NotFound() from None
        ask = selectors.asks_approved(viewer=request.user).get(pk=pk)
        return Response(selectors.ask_row(ask, viewer=request.user), status=status.HTTP_201_CREATED)
