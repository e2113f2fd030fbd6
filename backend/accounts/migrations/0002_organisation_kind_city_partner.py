from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("employer", "Employer"),
                    ("programme", "Start-up / finance programme"),
                    ("city_partner", "City partner"),
                ],
                max_length=20,
            ),
        ),
    ]
