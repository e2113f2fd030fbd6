"""What accounts tells the apps built on it. Accounts knows no app above it: profiles listens."""

from django.dispatch import Signal

# Sent inside user_register's transaction once the user row exists; receivers create what her
# role needs to start (profiles: her profile or mentor profile). kwargs: user.
user_registered = Signal()
