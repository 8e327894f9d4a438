"""Rules extractor, English: every interaction kind, negation, counts, dates, titles,
places, industries, BANT and disqualifiers. Notes written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.rules_cases import AS_OF, kinds, one, read

KIND_CASES = [
    ("website_visit", "Tom visited our website twice this week."),
    ("website_visit", "She's been reading our blog articles on onboarding."),
    ("pricing_page_visit", "He checked the pricing page on Monday."),
    ("pricing_page_visit", "Viewed pricing three times since Friday."),
    ("content_download", "Downloaded the ROI calculator template."),
    ("content_download", "Grabbed our whitepaper on churn last week."),
    ("newsletter_signup", "Signed up for the monthly newsletter."),
    ("newsletter_signup", "She subscribed to our mailing list after the event."),
    ("form_submission", "Filled in the contact form asking about integrations."),
    ("form_submission", "Submitted the partner survey yesterday."),
    ("webinar_registration", "Registered for Thursday's webinar on forecasting."),
    ("webinar_attendance", "Attended our webinar on data quality and stayed for the Q&A."),
    ("event_attendance", "Met him at our booth at SaaStr Europa."),
    ("event_attendance", "We chatted at the Retail Tech conference in Berlin."),
    ("email_open", "Opened the last three nurture emails."),
    ("email_click", "Clicked the link in the case-study email."),
    ("email_reply", "She replied to my follow-up asking for the security whitepaper."),
    ("social_engagement", "He follows us on LinkedIn and liked our latest post."),
    ("ad_click", "Came in via a Google ad for CRM migration."),
    ("ad_click", "Clicked one of our retargeting banner ads."),
    ("cart_add", "Added two licences to the cart but never checked out."),
    ("wishlist_add", "Saved the enterprise bundle to her wishlist."),
    ("free_trial_signup", "Started a 14-day free trial on Monday."),
    ("product_usage", "Their trial team is actively using the tool, 12 active users so far."),
    ("demo_request", "Requested a demo for her whole team."),
    ("quote_request", "Asked us for a quote for 25 seats."),
    ("quote_request", "Wants pricing for 3 warehouses."),
    ("contact_sales", "Wants to talk to sales about an annual contract."),
    ("contact_sales", "Asked for someone to call him back tomorrow."),
    ("meeting_booked", "Booked a discovery call for next Tuesday."),
    ("meeting_booked", "Scheduled a meeting with our AE via Calendly."),
    ("upgrade_request", "Wants to upgrade from the free plan to Business."),
    ("upgrade_request", "Asked how to move to a paid plan before the trial ends."),
    ("unsubscribe", "Unsubscribed from all marketing emails."),
    ("email_bounce", "Our last email bounced, the address looks invalid."),
]


@pytest.mark.parametrize(
    ("kind", "text"), KIND_CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(KIND_CASES)]
)
def test_each_kind(kind: str, text: str) -> None:
    assert kind in kinds(text, "en")


NEGATED = [
    "She did not ask for a demo.",
    "No demo requested yet.",
    "He hasn't downloaded anything.",
    "Never replied to our emails.",
    "Didn't register for the webinar.",
    "Not asking for a quote yet, too early.",
    "Has yet to book a call.",
    "He won't upgrade this year.",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negation_gives_nothing(text: str) -> None:
    assert kinds(text, "en") == set()


def test_registered_not_attended_is_registration_only() -> None:
    assert kinds("Registered for the webinar but did not attend.", "en") == {"webinar_registration"}


def test_live_demo_webinar_is_a_webinar() -> None:
    assert kinds('Attended our webinar "Live product demo: pipelines".', "en") == {
        "webinar_attendance"
    }


def test_quote_form_is_only_the_hand_raise() -> None:
    assert kinds("Filled in the request-a-quote form for 10 users.", "en") == {"quote_request"}


def test_reply_asking_for_something_is_reply_and_hand_raise() -> None:
    assert kinds("She replied to our email asking for a demo next week.", "en") == {
        "email_reply",
        "demo_request",
    }


def test_interactive_product_tour_is_usage() -> None:
    assert kinds("On her trial she took the interactive product tour.", "en") == {
        "free_trial_signup",
        "product_usage",
    }


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("Opened 4 emails from the sequence.", "email_open", 4),
        ("Downloaded two of our guides.", "content_download", 2),
        ("Visited the pricing page 5 times.", "pricing_page_visit", 5),
        ("Clicked the webinar link twice.", "email_click", 2),
        ("Added 3 items to the wishlist.", "wishlist_add", 3),
        ("Downloaded the guide three weeks ago.", "content_download", 1),
    ],
)
def test_counts(text: str, kind: str, count: int) -> None:
    assert one(text, kind, "en").count == count


@pytest.mark.parametrize(
    ("text", "kind", "day"),
    [
        ("Downloaded the ebook yesterday.", "content_download", date(2025, 6, 17)),
        ("Asked for a demo today.", "demo_request", AS_OF),
        ("Attended the webinar last week.", "webinar_attendance", date(2025, 6, 11)),
        ("On 3 March 2025 she filled in the contact form.", "form_submission", date(2025, 3, 3)),
        ("Free trial started 2025-06-01.", "free_trial_signup", date(2025, 6, 1)),
        ("Visited our website.", "website_visit", None),
    ],
)
def test_dates(text: str, kind: str, day: date | None) -> None:
    assert one(text, kind, "en").occurred_on == day


def test_future_meeting_date_is_not_the_occurrence() -> None:
    assert (
        one("Booked a call with me for next Thursday.", "meeting_booked", "en").occurred_on is None
    )


@pytest.mark.parametrize(
    ("text", "seniority", "department"),
    [
        ("Sarah Jones, CFO at Brightmill", "executive", "finance"),
        ("Li Wei, CTO at Kernel Labs", "executive", "it"),
        ("Omar Haddad, CEO of Lumen Ltd", "executive", "executive"),
        ("Paul Reid, founder & owner of Reid Bakeries", "executive", "executive"),
        ("Maria Lopez, VP of Sales at Tidewater", "vp", "sales"),
        ("Ken Adams, Head of Marketing at Orbit", "director", "marketing"),
        ("Ana Costa, IT Director at Portline", "director", "it"),
        ("Jo Park, Procurement Director at Steelbay", "director", "procurement"),
        ("Ben Cole, HR Manager at Fieldway", "manager", "hr"),
        ("Eva Lind, Senior Operations Manager at Nordfrakt", "manager", "operations"),
        ("Raj Patel, Data Engineering Analyst at Coreview", "individual", "it"),
        ("Nina Brandt, Marketing Specialist at Glow", "individual", "marketing"),
        ("Tim Wu, junior accountant at Ledgerly", "entry", "finance"),
        ("Amy Fox, marketing intern at Brightside", "entry", "marketing"),
    ],
)
def test_titles(text: str, seniority: str, department: str) -> None:
    contact = read(text + ".", "en").contact
    assert contact.seniority is not None and contact.seniority.value == seniority
    assert contact.department is not None and contact.department.value == department


def test_ceo_title_alone_is_not_decision_maker() -> None:
    assert read("Spoke with Dan Miles, CEO of Quayside Foods.", "en").bant.authority is None


@pytest.mark.parametrize(
    ("text", "country", "city"),
    [
        ("Carla runs a bakery chain based in Manchester.", "GB", "Manchester"),
        ("The team sits in Rotterdam.", "NL", "Rotterdam"),
        ("HQ Munich, 200 staff.", "DE", "Munich"),
        ("Office in Milan, Italy.", "IT", "Milan"),
        ("They are a Polish software house.", "PL", None),
        ("Customers across Germany.", "DE", None),
    ],
)
def test_places(text: str, country: str, city: str | None) -> None:
    company = read(text, "en").company
    assert company.country == country
    assert company.city == city


def test_country_stays_null_when_only_the_company_name_hints() -> None:
    company = read("Lead from Hamburg Logistics GmbH asked for a quote.", "en").company
    # an explicit city would set it, a company name or legal suffix does not
    assert company.industry is None


@pytest.mark.parametrize(
    ("text", "industry"),
    [
        ("Zentro (B2B SaaS for dentists, 40 people)", "software"),
        ("Hollis & Co (online-only jewellery brand, 25 staff)", "ecommerce"),
        ("Redfern (chain of 12 garden stores)", "retail"),
        ("Kraftwerk Parts (manufacturer of pump components)", "manufacturing"),
        ("Meridian (regional insurance broker)", "financial_services"),
        ("Brightpath (management consultancy)", "consulting"),
        ("Carta (freight forwarding company)", "logistics"),
        ("Seaview (boutique hotel group)", "hospitality"),
        ("Northgate (private clinics network)", "healthcare"),
        ("Linguo (language school, 30 teachers)", "education"),
        ("Solaris (solar panel installer)", "energy"),
        ("Pixel & Pine (digital marketing agency)", "marketing_agency"),
        ("Nettle (managed IT services provider)", "it_services"),
        ("Fibreline (rural broadband ISP)", "telecommunications"),
        ("Keystone (real estate agency)", "real_estate"),
        ("Dunmore County Council (local authority)", "public_sector"),
    ],
)
def test_industries(text: str, industry: str) -> None:
    company = read(f"Call with {text}.", "en").company
    assert company.industry is not None and company.industry.value == industry


@pytest.mark.parametrize(
    ("text", "employees"),
    [
        ("Acme (~140 staff)", 140),
        ("Acme, 1,200 employees", 1200),
        ("a team of 35 people", 35),
        ("Acme: 420 FTE", 420),
    ],
)
def test_employees(text: str, employees: int) -> None:
    assert read(text, "en").company.employees == employees


@pytest.mark.parametrize(
    ("text", "budget", "amount"),
    [
        ("Budget approved: €50k for this year.", "confirmed", 50000),
        ("They have budget allocated, about $20,000.", "confirmed", 20000),
        ("Budget is being planned for next year.", "planned", None),
        ("No budget this year.", "none", None),
        ("No budget talk yet.", None, None),
    ],
)
def test_budget(text: str, budget: str | None, amount: float | None) -> None:
    bant = read(text, "en").bant
    assert (bant.budget.value if bant.budget else None) == budget
    assert bant.budget_amount == amount


@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("She makes the final decision herself.", "decision_maker"),
        ("He signs off himself.", "decision_maker"),
        ("Needs approval from the CFO before buying.", "influencer"),
        ("His boss decides, he'll recommend us.", "influencer"),
    ],
)
def test_authority(text: str, authority: str) -> None:
    bant = read(text, "en").bant
    assert bant.authority is not None and bant.authority.value == authority


def test_need_and_timeline() -> None:
    bant = read(
        "Pain: invoices are still keyed in by hand. Wants to go live by 31 July.", "en"
    ).bant
    assert bant.need and "by hand" in bant.need
    assert bant.timeline_days == 43


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Turns out Fluxio is a direct competitor.", "competitor"),
        ("She is a university student writing her thesis on CRMs.", "student"),
        ("He is looking for a job in sales and sent his CV.", "job_seeker"),
        ("Told us they're not interested, please stop calling.", "not_interested"),
        ("We lost it: they went with another vendor.", "not_interested"),
    ],
)
def test_disqualifiers(text: str, kind: str) -> None:
    assert kind in {d.kind.value for d in read(text, "en").disqualifiers}


@pytest.mark.parametrize(
    "text",
    [
        "They are not a competitor, just a partner.",
        "Their competitors all use spreadsheets.",
        "Runs a school with 400 students.",
        "Their job ads suggest they are growing.",
        "Very interested in the analytics module.",
    ],
)
def test_no_disqualifier(text: str) -> None:
    assert read(text, "en").disqualifiers == []


def test_contact_fields() -> None:
    e = read(
        "Call w/ Hannah Kerr, Head of Sales @ Loopwise, hannah@loopwise.io, +44 20 7946 0958.", "en"
    )
    assert e.contact.name == "Hannah Kerr"
    assert e.contact.email == "hannah@loopwise.io"
    assert e.contact.phone == "+44 20 7946 0958"
    assert e.contact.job_title == "Head of Sales"
    assert e.company.name == "Loopwise"


def test_labelled_record() -> None:
    e = read(
        "Name: Olga Berg\nTitle: Operations Manager\nCompany: Fjordline AS\nCity: Oslo\nEmail: olga@fjordline.no",
        "en",
    )
    assert e.contact.name == "Olga Berg"
    assert e.contact.seniority and e.contact.seniority.value == "manager"
    assert e.company.name == "Fjordline AS"
    assert e.company.country == "NO"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Came in through the website contact form.", "inbound"),
        ("Referred by our customer Velo.", "referral"),
        ("Met at our booth at the trade show.", "event"),
        ("Came in from the LinkedIn ad.", "paid"),
        ("Cold call, outbound list.", "outbound"),
    ],
)
def test_lead_source(text: str, source: str) -> None:
    e = read(text, "en")
    assert e.lead_source is not None and e.lead_source.value == source


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (
            "Krzysztof Nowak, wiceprezes w TransKrak Sp. z o.o. (transport, 200 osób)",
            "TransKrak Sp. z o.o.",
        ),
        ("Firma: Elektro-Dom S.A. (sieć sklepów)", "Elektro-Dom S.A."),
        ("Ana Ruiz, CFO at Lumen Ltd. She wants a quote.", "Lumen Ltd."),
        ("job title 'Product Manager'. Pipecrest is another SaaS vendor.", "Pipecrest"),
    ],
)
def test_company_names_keep_their_legal_form(text: str, company: str) -> None:
    assert read(text).company.name == company


def test_phone_does_not_run_into_the_next_line() -> None:
    e = read(
        "Sergio Vitale – Titolare, Ferramenta Vitale (7 dipendenti) – cell. 347 118 2290\n12/11/2025  Visita al sito"
    )
    assert e.contact.phone == "347 118 2290"
    assert e.contact.name == "Sergio Vitale"


@pytest.mark.parametrize(
    "text",
    [
        "They are evaluating us vs two competitors.",
        "Lost the deal to a competitor last year, now back in the market.",
        "Sta valutando noi e altri concorrenti.",
        "Porównuje nas z konkurentami.",
    ],
)
def test_comparing_with_competitors_is_not_being_one(text: str) -> None:
    assert "competitor" not in {d.kind.value for d in read(text).disqualifiers}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("She landed on our homepage from Google.", "website_visit"),
        ("He checked the plans page.", "pricing_page_visit"),
        ("Connected with me on LinkedIn.", "social_engagement"),
        ("Asked for a walkthrough of the reporting module.", "demo_request"),
        ("We have a call with her on Thursday.", "meeting_booked"),
    ],
)
def test_more_phrasings(text: str, kind: str) -> None:
    assert kind in kinds(text, "en")


@pytest.mark.parametrize(
    ("email", "personal"),
    [
        ("a@gmail.com", True),
        ("b@gmail.it", True),
        ("c@wp.pl", True),
        ("d@libero.it", True),
        ("e@acme.io", False),
        ("f@mail.wp.pl", True),
    ],
)
def test_personal_email_domains(email: str, personal: bool) -> None:
    from assistant.extract.attributes import is_personal_email
    from assistant.extract.vocab import common

    assert is_personal_email(email, tuple(common()["email"]["personal_domains"])) is personal


def test_business_email_wins_over_free_mail_and_shared_mailboxes() -> None:
    e = read(
        "Reach her at anna.k@gmail.com or at work: anna.kowal@acme-tools.com (not info@acme-tools.com)."
    )
    assert e.contact.email == "anna.kowal@acme-tools.com"


def test_evidence_is_the_clause_without_its_leading_conjunction_or_the_next_sentence() -> None:
    e = read("Downloaded 2 guides last week and asked for a demo today. anna@velora.it", "en")
    evidence = {i.kind.value: i.evidence for i in e.interactions}
    assert evidence["demo_request"] == "asked for a demo today"
    assert evidence["content_download"] == "Downloaded 2 guides last week"


@pytest.mark.parametrize(
    ("text", "industry"),
    [
        ("Call with Sunhouse (residential property developer)", "real_estate"),
        ("Call with CityMove (moving and storage company)", "logistics"),
        ("Call with Brenner (family-owned brewery, 60 staff)", "manufacturing"),
        ("Call with Orbix (cybersecurity consultancy, 30 people)", "consulting"),
    ],
)
def test_description_words_that_look_like_titles(text: str, industry: str) -> None:
    e = read(text, "en")
    assert e.company.industry is not None and e.company.industry.value == industry
