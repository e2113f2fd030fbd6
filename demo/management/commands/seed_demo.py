from django.core.management.base import BaseCommand

from backend.core.demo_data import DEMO_PASSWORD
from demo.seed import demo_seed


class Command(BaseCommand):
    help = "Create the demo world (women, mentors, employers, a programme, a job fair); idempotent."

    def handle(self, *args: object, **options: object) -> None:
        logins = demo_seed()
        from matching.services import match_rebuild_all

        match_rebuild_all()
        self.stdout.write(
            self.style.SUCCESS("Demo data ready. Log in at http://127.0.0.1:8000/accounts/login/")
        )
        self.stdout.write(f"Every demo account's password: {DEMO_PASSWORD}")
        width = max(len(email) for email, _ in logins)
        for email, role in logins:
            self.stdout.write(f"  {email.ljust(width)}  {role}")
