from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.core.api import HasRole, ServiceCallMixin
from backend.profiles import selectors, services
from backend.profiles.serializers import MentorProfileSerializer, ProfileSerializer
from backend.profiles.skills import skills_suggest


class OwnProfileApi(ServiceCallMixin, APIView):
    """Her own profile: only she reads or writes it; there is no endpoint for anyone else's."""

    permission_classes = [HasRole.of(Role.JOBSEEKER, Role.ENTREPRENEUR)]

    def _profile(self, request: Request):  # type: ignore[no-untyped-def]
        return selectors.profile_of(user=request.user) or services.profile_create(user=request.user)

    @extend_schema(responses=ProfileSerializer)
    def get(self, request: Request) -> Response:
        return Response(ProfileSerializer(self._profile(request)).data)

    @extend_schema(request=ProfileSerializer, responses=ProfileSerializer)
    def put(self, request: Request) -> Response:
        return self._write(request, partial=False)

    @extend_schema(request=ProfileSerializer, responses=ProfileSerializer)
    def patch(self, request: Request) -> Response:
        return self._write(request, partial=True)

    def _write(self, request: Request, *, partial: bool) -> Response:
        profile = self._profile(request)
        serializer = ProfileSerializer(profile, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        profile = self.call_service(
            services.profile_update, profile=profile, **serializer.validated_data
        )
        return Response(ProfileSerializer(profile).data)


class OwnMentorProfileApi(ServiceCallMixin, APIView):
    permission_classes = [HasRole.of(Role.MENTOR)]

    def _profile(self, request: Request):  # type: ignore[no-untyped-def]
        return selectors.mentor_profile_of(user=request.user) or services.mentor_profile_create(
            user=request.user
        )

    @extend_schema(responses=MentorProfileSerializer)
    def get(self, request: Request) -> Response:
        return Response(MentorProfileSerializer(self._profile(request)).data)

    @extend_schema(request=MentorProfileSerializer, responses=MentorProfileSerializer)
    def put(self, request: Request) -> Response:
        return self._write(request, partial=False)

    @extend_schema(request=MentorProfileSerializer, responses=MentorProfileSerializer)
    def patch(self, request: Request) -> Response:
        return self._write(request, partial=True)

    def _write(self, request: Request, *, partial: bool) -> Response:
        mentor_profile = self._profile(request)
        serializer = MentorProfileSerializer(mentor_profile, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        mentor_profile = self.call_service(
            services.mentor_profile_update,
            mentor_profile=mentor_profile,
            **serializer.validated_data,
        )
        return Response(MentorProfileSerializer(mentor_profile).data)


class SkillSuggestApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="part of a skill name")],
        responses={200: {"type": "array", "items": {"type": "string"}}},
    )
    def get(self, request: Request) -> Response:
        return Response(skills_suggest(query=request.query_params.get("q", "")[:80]))
