"""REST API for fairs, roles, applications, interview slots, bookings, reports and check-in.

Thin: parse with a serializer, call one service or selector, render. Another person's private
objects are outside the queryset, so they answer 404; a visible object the viewer may not
change answers 403 with the reason.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role as UserRole
from backend.core.api import HasRole, ServiceCallMixin
from events import ical, models, qr, selectors, services
from events.filters import (
    ApplicationFilter,
    BookingFilter,
    FairFilter,
    InterviewFilter,
    RoleFilter,
    SlotFilter,
)
from events.models import RegistrationStatus
from events.permissions import is_staff_user
from events.serializers import (
    ApplicationSerializer,
    BookingSerializer,
    CheckInResultSerializer,
    CheckInSerializer,
    FairSerializer,
    InterestSerializer,
    InterviewSerializer,
    RegistrationCreateSerializer,
    RegistrationSerializer,
    RoleReportSerializer,
    RoleSerializer,
    SlotSerializer,
)
from matching import interest

WomenOnly = HasRole.of(UserRole.JOBSEEKER, UserRole.ENTREPRENEUR)
EmployersOnly = HasRole.of(UserRole.EMPLOYER)


class _ServiceViewSet(ServiceCallMixin):
    def run(self, service: Any, **kwargs: Any) -> Any:
        try:
            return self.call_service(service, **kwargs)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc) or None) from exc


class FairViewSet(
    _ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Anyone reads published fairs; staff and verified programmes organise them."""

    serializer_class = FairSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.Fair.objects.none()
    filterset_class = FairFilter
    ordering_fields = ["starts_at", "id"]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return (
            selectors.fairs_visible(user=self.request.user)
            .annotate(
                n_registered=Count(
                    "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
                ),
                n_waitlisted=Count(
                    "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
                ),
            )
            .prefetch_related("employers")
            .order_by("starts_at", "id")
        )

    def perform_create(self, serializer) -> None:  # type: ignore[no-untyped-def]
        serializer.instance = self.run(
            services.fair_create, user=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer) -> None:  # type: ignore[no-untyped-def]
        serializer.instance = self.run(
            services.fair_update,
            fair=serializer.instance,
            user=self.request.user,
            **serializer.validated_data,
        )

    @extend_schema(request=None, responses={201: RegistrationSerializer})
    @action(detail=True, methods=["post"], permission_classes=[WomenOnly])
    def register(self, request: Request, pk: str | None = None) -> Response:
        registration = self.run(services.fair_register, fair=self.get_object(), user=request.user)
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: RegistrationSerializer})
    @action(detail=True, methods=["post"], permission_classes=[WomenOnly])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        registration = selectors.registration_of(fair=self.get_object(), user=request.user)
        if registration is None:
            raise NotFound()
        registration = self.run(services.fair_cancel, registration=registration, user=request.user)
        return Response(RegistrationSerializer(registration).data)

    @extend_schema(responses={(200, "text/calendar"): bytes})
    @action(detail=True, methods=["get"], permission_classes=[permissions.AllowAny])
    def ics(self, request: Request, pk: str | None = None) -> HttpResponse:
        fair = self.get_object()
        response = HttpResponse(
            ical.fair_ics(fair=fair), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="fair-{fair.pk}.ics"'
        return response


class RegistrationViewSet(
    _ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """My fair registrations: register, cancel, QR code for the door, my interview schedule."""

    serializer_class = RegistrationSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.Registration.objects.none()
    permission_classes = [WomenOnly]
    filterset_fields = ["fair", "status"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.registrations_of(user=self.request.user)

    @extend_schema(request=RegistrationCreateSerializer, responses={201: RegistrationSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = RegistrationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration = self.run(
            services.fair_register, fair=serializer.validated_data["fair"], user=request.user
        )
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: RegistrationSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        registration = self.run(
            services.fair_cancel, registration=self.get_object(), user=request.user
        )
        return Response(RegistrationSerializer(registration).data)

    @extend_schema(responses={(200, "image/svg+xml"): bytes})
    @action(detail=True, methods=["get"])
    def qr(self, request: Request, pk: str | None = None) -> HttpResponse:
        registration = self.get_object()
        response = HttpResponse(
            qr.checkin_qr_svg(code=registration.checkin_code), content_type="image/svg+xml"
        )
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(responses=BookingSerializer(many=True))
    @action(detail=True, methods=["get"])
    def schedule(self, request: Request, pk: str | None = None) -> Response:
        registration = self.get_object()
        bookings = selectors.schedule_of(user=request.user, fair=registration.fair)
        return Response(BookingSerializer(bookings, many=True).data)

    @extend_schema(responses={(200, "text/calendar"): bytes})
    @action(detail=True, methods=["get"], url_path="schedule/ics")
    def schedule_ics(self, request: Request, pk: str | None = None) -> HttpResponse:
        registration = self.get_object()
        bookings = list(selectors.schedule_of(user=request.user, fair=registration.fair))
        return HttpResponse(
            ical.schedule_ics(bookings=bookings), content_type="text/calendar; charset=utf-8"
        )


class RoleViewSet(
    _ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Open roles for everyone; an employer's members also see and edit their drafts."""

    serializer_class = RoleSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.JobRole.objects.none()
    filterset_class = RoleFilter
    ordering_fields = ["id", "title", "published_at", "created_at"]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if self.action in ("applications", "candidates", "publish", "close"):
            # Management views exist only for the owning organisation: 404 for everyone else.
            return selectors.roles_managed(user=self.request.user).order_by("id")
        qs = selectors.roles_visible(user=self.request.user)
        if self.request.query_params.get("mine") in ("1", "true"):
            qs = qs.filter(
                organisation_id__in=selectors.my_organisation_ids(user=self.request.user)
            )
        return qs.order_by("id")

    def perform_create(self, serializer) -> None:  # type: ignore[no-untyped-def]
        serializer.instance = self.run(
            services.role_save, user=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer) -> None:  # type: ignore[no-untyped-def]
        serializer.instance = self.run(
            services.role_save,
            user=self.request.user,
            instance=serializer.instance,
            **serializer.validated_data,
        )

    @extend_schema(request=None, responses=RoleSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        role = self.run(services.role_publish, role=self.get_object(), user=request.user)
        return Response(self.get_serializer(role).data)

    @extend_schema(request=None, responses=RoleSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        role = self.run(services.role_close, role=self.get_object(), user=request.user)
        return Response(self.get_serializer(role).data)

    @extend_schema(responses={200: {"type": "array", "items": {"type": "object"}}})
    @action(detail=True, methods=["get"])
    def applications(self, request: Request, pk: str | None = None) -> Response:
        return Response(selectors.applications_for_role(role=self.get_object()))

    @extend_schema(responses={200: {"type": "array", "items": {"type": "object"}}})
    @action(detail=True, methods=["get"])
    def candidates(self, request: Request, pk: str | None = None) -> Response:
        return Response(selectors.candidates_for_role(role=self.get_object()))


class ApplicationViewSet(
    _ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """My applications. Employers read applications per role (roles/{id}/applications/)."""

    serializer_class = ApplicationSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.Application.objects.none()
    permission_classes = [WomenOnly]
    filterset_class = ApplicationFilter

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.applications_of(user=self.request.user).order_by("id")

    def perform_create(self, serializer) -> None:  # type: ignore[no-untyped-def]
        role = serializer.validated_data["role"]
        if not selectors.roles_visible(user=self.request.user).filter(pk=role.pk).exists():
            raise NotFound()
        serializer.instance = self.run(
            services.application_create,
            user=self.request.user,
            role=role,
            note=serializer.validated_data.get("note", ""),
        )

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        application = self.run(
            services.application_withdraw, application=self.get_object(), user=request.user
        )
        return Response(self.get_serializer(application).data)


class InterestViewSet(
    _ServiceViewSet,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = InterestSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.Interest.objects.none()
    permission_classes = [WomenOnly]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.interests_of(user=self.request.user).order_by("id")

    def perform_create(self, serializer) -> None:  # type: ignore[no-untyped-def]
        role = serializer.validated_data["role"]
        if not selectors.roles_visible(user=self.request.user).filter(pk=role.pk).exists():
            raise NotFound()
        serializer.instance = self.run(services.interest_add, user=self.request.user, role=role)

    def perform_destroy(self, instance) -> None:  # type: ignore[no-untyped-def]
        self.run(services.interest_remove, user=self.request.user, interest=instance)


class SlotViewSet(
    _ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Interview slots at fairs; participating employers offer them, registered women book them."""

    serializer_class = SlotSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.InterviewSlot.objects.none()
    filterset_class = SlotFilter
    ordering_fields = ["starts_at", "id"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = selectors.slots_visible(user=self.request.user)
        if self.action == "destroy":
            qs = qs.filter(
                organisation_id__in=selectors.my_organisation_ids(user=self.request.user)
            )
        return qs.order_by("starts_at", "id")

    def perform_create(self, serializer) -> None:  # type: ignore[no-untyped-def]
        data = serializer.validated_data
        if not selectors.fairs_visible(user=self.request.user).filter(pk=data["fair"].pk).exists():
            raise NotFound()
        serializer.instance = self.run(services.slot_create, user=self.request.user, **data)

    def perform_destroy(self, instance) -> None:  # type: ignore[no-untyped-def]
        self.run(services.slot_delete, user=self.request.user, slot=instance)


class BookingViewSet(
    _ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """My interview bookings, in time order: this is her schedule (filter ?fair=)."""

    serializer_class = BookingSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.Booking.objects.none()
    permission_classes = [WomenOnly]
    filterset_class = BookingFilter

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.bookings_of(user=self.request.user)

    def perform_create(self, serializer) -> None:  # type: ignore[no-untyped-def]
        slot = serializer.validated_data["slot"]
        if not selectors.slots_visible(user=self.request.user).filter(pk=slot.pk).exists():
            raise NotFound()
        serializer.instance = self.run(services.booking_create, user=self.request.user, slot=slot)

    def perform_destroy(self, instance) -> None:  # type: ignore[no-untyped-def]
        self.run(services.booking_cancel, user=self.request.user, booking=instance)


class OutcomeViewSet(
    _ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The employer's interviews at fairs, and the outcome of each (PATCH {"outcome": ...})."""

    serializer_class = InterviewSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.Booking.objects.none()
    permission_classes = [EmployersOnly]
    filterset_class = InterviewFilter
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.interviews_for_employer(user=self.request.user).order_by(
            "slot__starts_at", "id"
        )

    def perform_update(self, serializer) -> None:  # type: ignore[no-untyped-def]
        serializer.instance = self.run(
            services.booking_outcome_record,
            user=self.request.user,
            booking=serializer.instance,
            outcome=serializer.validated_data["outcome"],
        )


class ReportViewSet(
    _ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """A woman reports a suspicious role or employer; she sees only her own reports."""

    serializer_class = RoleReportSerializer
    # For the schema only; get_queryset applies the viewer's permissions.
    queryset = models.Report.objects.none()
    permission_classes = [WomenOnly]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.reports_of(user=self.request.user).order_by("-id")

    def perform_create(self, serializer) -> None:  # type: ignore[no-untyped-def]
        data = serializer.validated_data
        role = data.get("role")
        # Roles she cannot see (drafts) do not exist for her; a hidden role she already saw can
        # still be reported.
        if role is not None and role.status == "draft":
            raise NotFound()
        serializer.instance = self.run(
            services.report_create,
            user=self.request.user,
            role=role,
            organisation=data.get("organisation"),
            reason=data["reason"],
            text=data.get("text", ""),
        )


class CanCheckIn(permissions.BasePermission):
    message = "Only staff and fair organisers check people in."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(
            is_staff_user(user) or (user.is_authenticated and user.role == UserRole.PROGRAMME)
        )


class CheckInApi(_ServiceViewSet, APIView):
    """At the door: the code from her QR (or typed). Checking in twice is harmless."""

    permission_classes = [CanCheckIn]

    @extend_schema(request=CheckInSerializer, responses=CheckInResultSerializer)
    def post(self, request: Request) -> Response:
        serializer = CheckInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration, already = self.run(
            services.registration_check_in,
            code=serializer.validated_data["code"],
            user=request.user,
        )
        return Response(
            {**CheckInResultSerializer(registration).data, "already_checked_in": already}
        )


class ProgrammeFinancingStatsApi(APIView):
    """Per financing scheme of my programme: how many matched entrepreneurs saved or asked."""

    permission_classes = [HasRole.of(UserRole.PROGRAMME, UserRole.STAFF)]

    @extend_schema(
        parameters=[OpenApiParameter("organisation", int, required=False)],
        responses={200: {"type": "array", "items": {"type": "object"}}},
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("organisation")
        if raw is not None and not raw.isdigit():
            return Response({"organisation": ["Expected an organisation id."]}, status=400)
        return Response(
            interest.financing_interest_counts(
                user=request.user, organisation_id=int(raw) if raw else None
            )
        )
