from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from backend.core.validators import (
    validate_city_has_country,
    validate_country_code,
    validate_plain_text,
)


class Role(models.TextChoices):
    JOBSEEKER = "jobseeker", _("Job seeker")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    MENTOR = "mentor", _("Mentor")
    EMPLOYER = "employer", _("Employer")
    PROGRAMME = "programme", _("Start-up / finance programme")
    STAFF = "staff", _("Staff")


WOMEN_ROLES = frozenset({Role.JOBSEEKER, Role.ENTREPRENEUR})
ORGANISATION_ROLES = frozenset({Role.EMPLOYER, Role.PROGRAMME})


class EmailUserManager(UserManager):
    """Users log in with their email; it is stored lower-cased so uniqueness is case-insensitive."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):  # type: ignore[override]
        if not email:
            raise ValueError("An email address is required")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.STAFF)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):  # type: ignore[no-untyped-def]
        return self.get(email__iexact=username)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    # What she wants to be called; no legal name is needed for anything Pathways does.
    display_name = models.CharField(
        _("name to show"), max_length=80, blank=True, validators=[validate_plain_text]
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    preferred_language = models.CharField(max_length=8, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["role"]

    objects = EmailUserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_ci_unique",
                violation_error_message=_("An account with this email address already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def clean(self) -> None:
        super().clean()
        # Stored lower-cased wherever it is written (admin included), as the manager does.
        self.email = (self.email or "").lower()

    @property
    def is_woman_user(self) -> bool:
        """Job seekers and entrepreneurs: the women Pathways serves."""
        return self.role in WOMEN_ROLES

    @property
    def is_staff_member(self) -> bool:
        """Pathways staff: Django staff or the staff role (the one rule for both)."""
        return bool(self.is_staff or self.role == Role.STAFF)

    @property
    def public_name(self) -> str:
        return self.display_name or self.email.split("@")[0]


class OrganisationKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    PROGRAMME = "programme", _("Start-up / finance programme")
    # A city or regional partner, created and verified by staff: its members see the demand page
    # (what women look for and do not find) so the city can fund or host the missing offer.
    CITY_PARTNER = "city_partner", _("City partner")


class Organisation(models.Model):
    name = models.CharField(max_length=200, validators=[validate_plain_text])
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    description = models.TextField(blank=True, max_length=3000, validators=[validate_plain_text])
    website = models.URLField(blank=True)
    city = models.CharField(max_length=100, blank=True, validators=[validate_plain_text])
    country = models.CharField(max_length=2, blank=True, validators=[validate_country_code])
    verified = models.BooleanField(
        default=False, help_text=_("Checked by staff; only verified organisations publish.")
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    members = models.ManyToManyField(User, through="Membership", related_name="organisations")
    # Set for rows created by `import_dataset`, so a second import updates instead of duplicating.
    external_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_city_has_country(self.city, self.country)


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    is_admin = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"
