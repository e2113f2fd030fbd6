import django_filters
from django.utils import timezone

from events.models import Application, Booking, Fair, InterviewSlot, JobRole


class FairFilter(django_filters.FilterSet):
    city = django_filters.CharFilter(lookup_expr="iexact")
    title = django_filters.CharFilter(lookup_expr="icontains")
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lte")
    upcoming = django_filters.BooleanFilter(method="filter_upcoming")

    class Meta:
        model = Fair
        fields = ["city", "country", "organiser", "title"]

    def filter_upcoming(self, queryset, name, value):  # type: ignore[no-untyped-def]
        now = timezone.now()
        return queryset.filter(ends_at__gt=now) if value else queryset.filter(ends_at__lte=now)


class RoleFilter(django_filters.FilterSet):
    city = django_filters.CharFilter(lookup_expr="iexact")
    title = django_filters.CharFilter(lookup_expr="icontains")
    skill = django_filters.CharFilter(method="filter_skill")
    salary_at_least = django_filters.NumberFilter(field_name="salary_max_eur", lookup_expr="gte")

    class Meta:
        model = JobRole
        fields = [
            "organisation", "city", "country", "remote", "level", "contract_type", "status",
            "fair", "title",
        ]  # fmt: skip

    def filter_skill(self, queryset, name, value):  # type: ignore[no-untyped-def]
        # JSON containment is not on SQLite; skills are short lists, so a text match is enough.
        return queryset.filter(skills__icontains=value)


class ApplicationFilter(django_filters.FilterSet):
    class Meta:
        model = Application
        fields = ["role", "status"]


class SlotFilter(django_filters.FilterSet):
    available = django_filters.BooleanFilter(field_name="booking", lookup_expr="isnull")

    class Meta:
        model = InterviewSlot
        fields = ["fair", "organisation", "role"]


class BookingFilter(django_filters.FilterSet):
    fair = django_filters.NumberFilter(field_name="slot__fair")

    class Meta:
        model = Booking
        fields = ["fair"]


class InterviewFilter(django_filters.FilterSet):
    fair = django_filters.NumberFilter(field_name="slot__fair")
    role = django_filters.NumberFilter(field_name="slot__role")
    outcome = django_filters.CharFilter()

    class Meta:
        model = Booking
        fields = ["fair", "role", "outcome"]
