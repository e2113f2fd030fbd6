from django.contrib.auth.signals import user_logged_in
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts import selectors, services
from backend.accounts.models import Organisation
from backend.accounts.serializers import (
    MemberAddSerializer,
    MembershipSerializer,
    OrganisationSerializer,
    RegisterSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    UserSerializer,
)
from backend.core.api import ServiceCallMixin


class RegisterApi(ServiceCallMixin, APIView):
    permission_classes = [AllowAny]
    throttle_scope = "auth"

    @extend_schema(request=RegisterSerializer, responses={201: UserSerializer})
    def post(self, request: Request) -> Response:
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = self.call_service(services.user_register, **serializer.validated_data)
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)


class TokenApi(APIView):
    """Exchange email and password for an API token (the same token each time until revoked)."""

    permission_classes = [AllowAny]
    throttle_scope = "auth"

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer})
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, _created = Token.objects.get_or_create(user=user)
        # No session login here, so send its signal: django-axes resets her failure count on it
        # (otherwise earlier typos add up to a lockout across successful sign-ins), and
        # last_login is kept as for the web.
        user_logged_in.send(sender=type(user), request=request._request, user=user)
        return Response({"token": token.key})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        if request.user.is_authenticated:
            Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(ServiceCallMixin, APIView):
    @extend_schema(responses=UserSerializer)
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(request.user).data)

    @extend_schema(request=UserSerializer, responses=UserSerializer)
    def patch(self, request: Request) -> Response:
        serializer = UserSerializer(request.user, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = self.call_service(
            services.user_update, user=request.user, **serializer.validated_data
        )
        return Response(UserSerializer(user).data)


class OrganisationViewSet(
    ServiceCallMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The organisations I belong to; admins edit them and add members."""

    serializer_class = OrganisationSerializer
    permission_classes = [IsAuthenticated]
    queryset = Organisation.objects.none()  # for the schema; the real one depends on the user

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if getattr(self, "swagger_fake_view", False):
            return Organisation.objects.none()
        return selectors.organisations_of(user=self.request.user)

    def perform_update(self, serializer: OrganisationSerializer) -> None:
        organisation = serializer.instance
        if not selectors.is_admin_member(user=self.request.user, organisation=organisation):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied("Only the organisation's admins can edit it.")
        self.call_service(
            services.organisation_update, organisation=organisation, **serializer.validated_data
        )

    @extend_schema(request=MemberAddSerializer, responses={200: MembershipSerializer(many=True)})
    @action(detail=True, methods=["get", "post"])
    def members(self, request: Request, pk: str | None = None) -> Response:
        organisation: Organisation = get_object_or_404(self.get_queryset(), pk=pk)
        if request.method == "POST":
            if not selectors.is_admin_member(user=request.user, organisation=organisation):
                return Response(
                    {"detail": "Only the organisation's admins can add members."}, status=403
                )
            serializer = MemberAddSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            self.call_service(
                services.organisation_member_add,
                organisation=organisation,
                **serializer.validated_data,
            )
        members = organisation.memberships.select_related("user").order_by("id")
        return Response(MembershipSerializer(members, many=True).data)
