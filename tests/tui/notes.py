"""Rep notes written for these tests (fresh text, not from the dev set)."""

# A pasted email: several lines, a blank line, a signature. Asks for a quote -> SQL.
QUOTE_EMAIL = """From: Ines Carvalho <ines.carvalho@orbitanalytics.io>
Subject: Pricing for our team

Hi there,
I'm Head of Sales at Orbit Analytics, we are about 150 employees.
Could you send us a quote for 40 seats? We downloaded your onboarding guide last week.

Thanks,
Ines"""

# Marketing interest, no hand-raise: downloads, a webinar and the pricing page -> MQL.
MQL_NOTE = (
    "Tomas Berg, Marketing Director at Fjordlane, downloaded two guides yesterday, "
    "attended our webinar today and visited the pricing page"
)

# Engaged but the fit is unknown: no size, so the fit stays below the MQL bar.
ENGAGED_SMALL_FIT = (
    "Call with Petra Lind, Director at Kestrel Works: she downloaded three whitepapers "
    "yesterday, attended our webinar today and visited the pricing page twice"
)

SECOND_LEAD = "Omar Haddad from Dunecrest visited our site yesterday and subscribed to the newsletter"
