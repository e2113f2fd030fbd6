from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework import permissions, viewsets
from rest_framework.exceptions import PermissionDenied

from backend.catalog import selectors, services
from backend.catalog.filters import FinancingSchemeFilter, TrainingFilter
from backend.catalog.models import FinancingScheme, Training
from backend.catalog.serializers import FinancingSchemeSerializer, TrainingSerializer
from backend.core.api import ServiceCallMixin


class _CatalogViewSet(ServiceCallMixin, viewsets.ModelViewSet):
    """Anyone reads published items; members of the owning organisation write them."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    model: type[Training] | type[FinancingScheme]
    ordering_fields = ["id", "title", "created_at"]

    def _guarded(self, fn, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return self.call_service(fn, **kwargs)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc

    def perform_create(self, serializer) -> None:  # type: ignore[no-untyped-def]
        serializer.instance = self._guarded(
            services.catalog_item_save,
            model=self.model,
            user=self.request.user,
            **serializer.validated_data,
        )

    def perform_update(self, serializer) -> None:  # type: ignore[no-untyped-def]
        serializer.instance = self._guarded(
            services.catalog_item_save,
            model=self.model,
            instance=serializer.instance,
            user=self.request.user,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance) -> None:  # type: ignore[no-untyped-def]
        self._guarded(services.catalog_item_delete, item=instance, user=self.request.user)


class TrainingViewSet(_CatalogViewSet):
    serializer_class = TrainingSerializer
    filterset_class = TrainingFilter
    model = Training

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.trainings_visible(user=self.request.user).order_by("id")


class FinancingSchemeViewSet(_CatalogViewSet):
    serializer_class = FinancingSchemeSerializer
    filterset_class = FinancingSchemeFilter
    model = FinancingScheme

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.financing_visible(user=self.request.user).order_by("id")
