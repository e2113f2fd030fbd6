# "Role" was both a user's role and an employer's job role; the job one is now JobRole.
from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_registration_seat_notified_at"),
        # impact.Outcome points at the old name: rename after it is built, so its reference follows.
        ("impact", "0002_statistics_consent_and_unique_outcomes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Role", new_name="JobRole"),
    ]
