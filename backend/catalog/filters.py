import django_filters

from backend.catalog.models import FinancingScheme, Training


class TrainingFilter(django_filters.FilterSet):
    city = django_filters.CharFilter(lookup_expr="iexact")
    title = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Training
        fields = [
            "organisation",
            "city",
            "country",
            "remote",
            "level",
            "audience",
            "published",
            "title",
        ]


class FinancingSchemeFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    need = django_filters.NumberFilter(
        method="filter_need", label="funding need (EUR) within the range"
    )

    class Meta:
        model = FinancingScheme
        fields = ["organisation", "audience", "published", "title"]

    def filter_need(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.filter(amount_min_eur__lte=value, amount_max_eur__gte=value)
