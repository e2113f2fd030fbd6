from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="mentors_can_view",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Mentors may find her among the women they could help, and see the fields "
                    "she shares."
                ),
            ),
        ),
    ]
