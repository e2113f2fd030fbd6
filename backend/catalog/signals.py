"""What the catalogue asks of the apps above it, without knowing them."""

from django.dispatch import Signal

# The programme dashboard asks how many women saved or asked about each financing scheme the
# user's programmes run. Matching answers (it keeps the matches): a list of rows per receiver,
# each {"scheme_id", "title", "organisation_id", "published", "saved", "asked"}. kwargs: user.
financing_interest = Signal()
