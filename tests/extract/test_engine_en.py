"""English probes of the offline extractor's engine (vocab/en/): short notes of the kind
US, UK, Irish, Australian and Indian reps type, CRM and marketing-automation log lines,
sales shorthand. Each table checks one pattern; interaction tables check the EXACT set of
kinds found, so a false positive fails as surely as a miss."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.extract.engine import EngineExtractor

AS_OF = date(2025, 6, 18)
_EX = EngineExtractor()


def _read(text: str):
    return _EX.extract(text, as_of=AS_OF).extraction


def _kinds(text: str) -> set[str]:
    return {str(i.kind) for i in _read(text).interactions}


def P(pid: str, text: str, expected=frozenset(), xfail: str | None = None):
    marks = [pytest.mark.xfail(reason=f"engine: {xfail}", strict=True)] if xfail else []
    return pytest.param(text, expected, id=pid, marks=marks)


# --- every kind of SPEC section 3, the many ways reps write it ------------------------------

KINDS = [
    # website_visit
    P("visit-site-twice", "Visited our website twice last week", {"website_visit"}),
    P("visit-blog", "Browsed the blog for 10 mins", {"website_visit"}),
    P("visit-pageview-log", "Page view: /features", {"website_visit"}),
    P("visit-came-back", "came back to the site 3 times this week", {"website_visit"}),
    P("visit-blog-posts", "Read a couple of our blog posts", {"website_visit"}),
    P("visit-integrations", "Was on the website yesterday, looked at the integrations page", {"website_visit"}),
    P("visit-web-visit-log", "Web visit - homepage", {"website_visit"}),
    P("visit-sessions", "Returning visitor, 5 sessions on the site", {"website_visit"}),
    P("visit-poked-around", "Poked around the docs for a while", {"website_visit"}),
    # pricing_page_visit
    P("pricing-3x", "Viewed the pricing page 3x", {"pricing_page_visit"}),
    P("pricing-pageview-log", "Page view: /pricing", {"pricing_page_visit"}),
    P("pricing-plans", "Checked out our plans and pricing", {"pricing_page_visit"}),
    P("pricing-pg", "Hit the pricing pg twice yesterday", {"pricing_page_visit"}),
    P("pricing-visit-log", "Pricing page visit", {"pricing_page_visit"}),
    P("pricing-looking", "Been looking at the prices page", {"pricing_page_visit"}),
    P("pricing-url", "Visited /pricing and /plans", {"pricing_page_visit"}),
    P("pricing-timeline-row", "2025-06-12  Page view  /pricing", {"pricing_page_visit"}),
    # content_download
    P("dl-report", "Downloaded the State of Sales 2025 report", {"content_download"}),
    P("dl-grabbed", "Grabbed the ROI calculator", {"content_download"}),
    P("dl-shorthand", "d/l'd the whitepaper", {"content_download"}),
    P("dl-asset-log", "Asset download: Lead Scoring Playbook", {"content_download"}),
    P("dl-gated", "Gated content download - Buyer's Guide (PDF)", {"content_download"}),
    P("dl-two-case-studies", "Downloaded 2 case studies", {"content_download"}),
    P("dl-got-copy", "Got a copy of the benchmark report", {"content_download"}),
    P("dl-accessed", "Accessed the gated checklist from the resources hub", {"content_download"}),
    # newsletter_signup
    P("nl-subscribed", "Subscribed to our newsletter", {"newsletter_signup"}),
    P("nl-mailing-list", "Joined the mailing list via the blog", {"newsletter_signup"}),
    P("nl-footer-log", "Newsletter sign-up from the footer", {"newsletter_signup"}),
    P("nl-opted-in", "Opted in to our monthly digest", {"newsletter_signup"}),
    P("nl-blog-updates", "Signed up for blog updates", {"newsletter_signup"}),
    P("nl-crm-log", "Subscribed to newsletter", {"newsletter_signup"}),
    # form_submission
    P("form-contact-us-log", "Form submitted: Contact us", {"form_submission"}),
    P("form-filled-out", "Filled out the contact form on the website", {"form_submission"}),
    P("form-survey", "Filled in the customer survey", {"form_submission"}),
    P("form-partner", "Submitted the partner application form", {"form_submission"}),
    P("form-web-form-log", "Web form submission - 'Get in touch'", {"form_submission"}),
    P("form-questionnaire", "Completed the onboarding questionnaire", {"form_submission"}),
    # webinar_registration
    P("webreg-registered", "Registered for the webinar on Thursday", {"webinar_registration"}),
    P("webreg-rsvp", "RSVP'd to the AI in Sales webcast", {"webinar_registration"}),
    P("webreg-masterclass", "Signed up for next week's masterclass", {"webinar_registration"}),
    P("webreg-log", "Webinar registration: Pipeline Forecasting 101", {"webinar_registration"}),
    P("webreg-no-show", "Registered for the webinar but didn't attend", {"webinar_registration"}),
    P("webreg-enrolled", "Enrolled in the live session on forecasting", {"webinar_registration"}),
    # webinar_attendance
    P("webatt-attended", "Attended the webinar yesterday", {"webinar_attendance"}),
    P("webatt-recording", "Watched the webinar recording", {"webinar_attendance"}),
    P("webatt-joined", "Joined our live session on forecasting", {"webinar_attendance"}),
    P("webatt-log", "Webinar attended: Q2 product update", {"webinar_attendance"}),
    P("webatt-sat-in", "Sat in on the webinar for 45 mins", {"webinar_attendance"}),
    P("webatt-dialled", "Dialled into the webcast on Tuesday", {"webinar_attendance"}),
    P("webatt-both", "Registered for and attended the webinar", {"webinar_registration", "webinar_attendance"}),
    # event_attendance
    P("event-booth", "Met her at our booth at Web Summit", {"event_attendance"}),
    P("event-badge", "Badge scanned at DMEXCO", {"event_attendance"}),
    P("event-stand", "Stopped by our stand at the trade show", {"event_attendance"}),
    P("event-roadshow", "Came to our roadshow in Leeds", {"event_attendance"}),
    P("event-conference", "Attended our user conference in Dublin last month", {"event_attendance"}),
    P("event-booth-log", "Booth visitor - SaaStr Europa", {"event_attendance"}),
    P("event-swung-by", "Swung by the stand at the expo and grabbed a coffee", {"event_attendance"}),
    # email_open
    P("open-last-3", "Opened the last 3 emails", {"email_open"}),
    P("open-log", "Email opened: June newsletter", {"email_open"}),
    P("open-twice", "Opened our nurture email twice", {"email_open"}),
    P("open-read", "Read our email about the new release", {"email_open"}),
    P("open-sequence-log", "Email open - Onboarding sequence step 2", {"email_open"}),
    # email_click
    P("click-link", "Clicked the link in our last email", {"email_click"}),
    P("click-log", "Email clicked: Product launch CTA", {"email_click"}),
    P("click-cta", "Clicked the CTA in the promo email", {"email_click"}),
    P("click-link-log", "Link click - nurture #2", {"email_click"}),
    P("click-through", "Clicked through from the newsletter email", {"email_click"}),
    # email_reply
    P("reply-replied", "Replied to our email on Monday", {"email_reply"}),
    P("reply-wrote-back", "She wrote back the same day", {"email_reply"}),
    P("reply-got-reply", "Got a reply from him yesterday", {"email_reply"}),
    P("reply-responded", "Responded to the cold outreach", {"email_reply"}),
    P("reply-inmail", "He answered our InMail", {"email_reply"}),
    P("reply-with-ask", "Replied to our email asking for a demo", {"email_reply", "demo_request"}),
    # social_engagement
    P("social-follows", "Follows us on LinkedIn", {"social_engagement"}),
    P("social-liked-shared", "Liked and shared our post about AI", {"social_engagement"}),
    P("social-commented", "Commented on our LinkedIn post", {"social_engagement"}),
    P("social-retweet", "Retweeted our tweet about the launch", {"social_engagement"}),
    P("social-company-page", "Started following our company page", {"social_engagement"}),
    P("social-reacted", "Reacted to our CEO's post", {"social_engagement"}),
    # ad_click
    P("ad-google", "Clicked a Google Ads ad", {"ad_click"}),
    P("ad-came-in", "Came in from a LinkedIn ad", {"ad_click"}),
    P("ad-log", "Ad click - Facebook retargeting", {"ad_click"}),
    P("ad-sponsored", "Clicked our sponsored post on LinkedIn", {"ad_click"}),
    P("ad-ppc", "PPC click, keyword lead scoring tool", {"ad_click"}),
    # cart_add
    P("cart-basket", "Added 2 licences to the basket", {"cart_add"}),
    P("cart-abandoned", "Abandoned cart with 3 items", {"cart_add"}),
    P("cart-put", "Put the annual plan in her cart", {"cart_add"}),
    P("cart-log", "Add to cart: Pro bundle", {"cart_add"}),
    # wishlist_add
    P("wish-favourites", "Saved the starter kit to favourites", {"wishlist_add"}),
    P("wish-wishlist", "Added the jacket to her wishlist", {"wishlist_add"}),
    P("wish-one-word", "Wishlisted two products", {"wishlist_add"},
      xfail="no frame reads a single word that is both the act and the object (no wishlist event class)"),
    # free_trial_signup
    P("trial-started", "Started a free trial yesterday", {"free_trial_signup"}),
    P("trial-free-tier", "Signed up for the free tier", {"free_trial_signup"}),
    P("trial-sandbox", "Spun up a sandbox on Monday", {"free_trial_signup"}),
    P("trial-log", "Trial started: 14-day Pro trial", {"free_trial_signup"}),
    P("trial-free-account", "Created a free account on Monday", {"free_trial_signup"}),
    P("trial-activated", "Activated her trial", {"free_trial_signup"}),
    P("trial-freemium-log", "New freemium signup", {"free_trial_signup"}),
    P("trial-software", "Downloaded the trial version", {"free_trial_signup"}),
    P("trial-poc", "Kicked off a POC last week", {"free_trial_signup"}),
    # product_usage
    P("usage-daily", "Actively using the trial, logs in daily", {"product_usage"}),
    P("usage-invited", "Invited 4 teammates to the workspace", {"product_usage"}),
    P("usage-power-user", "Power user, built 12 dashboards", {"product_usage"}),
    P("usage-tyres", "Kicked the tyres last week", {"product_usage"}),
    P("trial-on-free-plan", "She's on the free plan", {"free_trial_signup"}),
    P("usage-playing", "She's been playing with the sandbox all week", {"product_usage"}),
    P("usage-active-users", "Heavy usage in the trial - 40 active users", {"product_usage"}),
    P("usage-tour", "Took the interactive product tour", {"product_usage"}),
    P("usage-trialing", "She's trialing the product", {"product_usage"}),
    # demo_request
    P("demo-requested", "Requested a demo via the website", {"demo_request"}),
    P("demo-walkthrough", "Asked for a walkthrough of the reporting module", {"demo_request"}),
    P("demo-walkthrough-plain", "Asked for a walkthrough of the platform", {"demo_request"}),
    P("demo-log", "Demo request - inbound", {"demo_request"}),
    P("demo-wants", "Wants to see a demo next week", {"demo_request"}),
    P("demo-booked", "Booked a demo for Tuesday", {"demo_request"}),
    P("demo-form", "Filled in the 'Book a demo' form", {"demo_request"}),
    P("demo-keen", "Keen to get a product demo for her team", {"demo_request"}),
    # quote_request
    P("quote-seats", "Asked for a quote for 25 seats", {"quote_request"}),
    P("quote-pricing", "Requested pricing for the enterprise plan", {"quote_request"}),
    P("quote-proposal", "Wants a proposal by Friday", {"quote_request"}),
    P("quote-rfq", "RFQ received from their procurement team", {"quote_request"}),
    P("quote-how-much", "Asked how much it would cost for 40 users", {"quote_request"}),
    P("quote-enquired", "Enquired about pricing for 10 users", {"quote_request"}),
    P("quote-send-over", "Can you send over a quotation for 3 years?", {"quote_request"}),
    # contact_sales
    P("sales-speak", "Wants to speak to someone in sales", {"contact_sales"}),
    P("sales-callback", "Asked for a call back from an account manager", {"contact_sales"}),
    P("sales-form-log", "Contact sales form submitted", {"contact_sales"}),
    P("sales-put-in-touch", "Asked to be put in touch with sales", {"contact_sales"}),
    P("sales-talk", "Chat: wants to talk to a salesperson about licensing", {"contact_sales"}),
    # meeting_booked
    P("mtg-booked-call", "Booked a call for Thursday 2pm", {"meeting_booked"}),
    P("mtg-discovery", "Discovery call scheduled for next Tue", {"meeting_booked"}),
    P("mtg-shorthand", "mtg bkd w/ CFO for Fri", {"meeting_booked"}),
    P("mtg-calendly", "Meeting booked via Calendly link", {"meeting_booked"}),
    P("mtg-accepted", "Accepted the meeting invite for Wednesday", {"meeting_booked"}),
    P("mtg-disco", "Locked in a disco call for next week", {"meeting_booked"}),
    P("mtg-organised", "Organised a video call with us for Monday", {"meeting_booked"}),
    # upgrade_request
    P("upg-paid", "Asked to upgrade to the paid plan", {"upgrade_request"}),
    P("upg-free-to-pro", "Wants to move from free to Pro", {"upgrade_request"}),
    P("upg-log", "Upgrade request: Team plan, 10 seats", {"upgrade_request"}),
    P("upg-go-paid", "Wants to go paid before the trial ends", {"upgrade_request"}),
    P("upg-convert", "Asked to convert the trial to a paid subscription", {"upgrade_request"}),
    # unsubscribe
    P("unsub-newsletter", "Unsubscribed from the newsletter", {"unsubscribe"}),
    P("unsub-opted-out", "Opted out of marketing emails", {"unsubscribe"}),
    P("unsub-removed", "Asked to be removed from the mailing list", {"unsubscribe"}),
    P("unsub-short", "unsub'd", {"unsubscribe"}),
    P("unsub-clicked", "Clicked unsubscribe in the June mailer", {"unsubscribe"},
      xfail="no suppression rule drops email_click when unsubscribe is read in the same clause "
            "(common.toml drops only email_open)"),
    # email_bounce
    P("bounce-mailbox", "Email bounced - mailbox not found", {"email_bounce"}),
    P("bounce-hard", "Hard bounce on the work address", {"email_bounce"}),
    P("bounce-undeliverable", "Our email to her came back undeliverable", {"email_bounce"}),
    P("bounce-left", "She's no longer at the company, got an auto-reply", {"email_bounce"}),
    P("bounce-ndr", "NDR received, address invalid", {"email_bounce"}),
    # several in one note
    P("multi-dl-demo", "Downloaded the ebook, then booked a demo for Friday.", {"content_download", "demo_request"}),
    P("multi-open-click", "Opened the email and clicked the link", {"email_open", "email_click"}),
    P("multi-trial-usage", "Started a trial on Monday and invited 3 colleagues", {"free_trial_signup", "product_usage"}),
    P("multi-webinar-quote", "Attended the webinar, then asked for a quote", {"webinar_attendance", "quote_request"}),
    P("multi-timeline", "06/10 Email opened\n06/11 Clicked link in email\n06/12 Page view /pricing",
      {"email_open", "email_click", "pricing_page_visit"}),
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_kinds(text, expected):
    assert _kinds(text) == expected


# --- negation, hedges, plans, conditions: nothing happened -----------------------------------

NOTHING = [
    P("neg-didnt-dl", "Didn't download anything"),
    P("neg-never-opened", "Never opened any of our emails"),
    P("neg-hasnt-trial", "Hasn't started the trial yet"),
    P("neg-no-demo", "No demo requested"),
    P("neg-demo-not-yet", "Demo: not yet"),
    P("neg-quote-no", "Quote? No."),
    P("neg-did-not-attend", "Did not attend the webinar"),
    P("neg-no-reply", "No reply yet"),
    P("neg-not-subscribed", "Not subscribed to the newsletter"),
    P("neg-didnt-apostrophe", "Didnt open the email"),
    P("neg-trial-nope", "Trial? nope"),
    P("neg-pricing-never", "Pricing page - never visited"),
    P("neg-demo-fronted", "Demo - didn't ask for one"),
    P("neg-trial-not-started", "Trial - not started yet"),
    P("neg-nobody-booth", "Nobody from Acme came to the booth"),
    P("neg-hasnt-booked", "Hasn't booked a call"),
    P("neg-zero-opens", "Zero email opens so far"),
    P("neg-no-show", "No-show at the webinar"),
    P("neg-yet-to", "Yet to reply to any of our emails"),
    P("hedge-probably", "Probably going to start a trial next week"),
    P("hedge-might", "Might download the guide later"),
    P("plan-will", "Will register for the webinar"),
    P("cond-if", "If she likes the guide she'll book a call"),
    P("plan-thinking", "Thinking about upgrading to paid"),
    P("hedge-unlikely", "Unlikely to start a trial before Q4"),
    P("hedge-maybe-demo", "Maybe interested in a demo down the line"),
    P("plan-gonna", "Gonna sign up for the trial after the holidays"),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(p.values[0], set(), id=p.id, marks=p.marks) for p in NOTHING])
def test_nothing(text, expected):
    assert _kinds(text) == expected


# --- who did it: our side's actions are no interaction of the lead ---------------------------

OURS = [
    P("us-sent-guide", "I sent her the pricing guide"),
    P("us-emailed", "We emailed him the case study"),
    P("us-downloaded", "I downloaded their annual report"),
    P("us-visited", "We visited their website before the call"),
    P("us-replied", "I replied to her email"),
    P("us-shared-recording", "Shared the webinar recording with him"),
    P("us-newsletter", "Our marketing team sent the newsletter"),
    P("us-rep-turn", "Rep: Want me to set up a demo?\nLead: Not right now."),
    P("us-voicemail", "Called him, left voicemail"),
    P("us-will-quote", "I'll send a quote tomorrow"),
    P("us-demoed", "Our AE demoed the product to them"),
    P("us-sdr-followed-up", "SDR followed up by email, no response"),
    P("us-support-replied", "Support replied to his ticket"),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(p.values[0], set(), id=p.id, marks=p.marks) for p in OURS])
def test_our_side(text, expected):
    assert _kinds(text) == expected


# --- inflection, spelling variants, typos -----------------------------------------------------

INFLECTION = [
    P("inf-downloading", "downloading the guide as we speak", {"content_download"}),
    P("inf-signed-up-hyphen", "signed-up for the free trial", {"free_trial_signup"}),
    P("inf-reopened", "Re-opened the email 4 times", {"email_open"}),
    P("inf-unsubbed", "Unsubbed", {"unsubscribe"}),
    P("inf-enquired-uk", "Enquired about a quote", {"quote_request"}),
    P("inf-inquired-us", "Inquired about a quote", {"quote_request"}),
    P("inf-organized-us", "Organized a call for next week", {"meeting_booked"}),
    P("inf-trialling-uk", "Trialling the software with two colleagues", {"product_usage"}),
    P("inf-typo-download", "donwloaded the ebook", {"content_download"}),
    P("inf-typo-registerd", "registerd for the webinar", {"webinar_registration"}),
    P("inf-caps", "DOWNLOADED WHITEPAPER", {"content_download"}),
    P("inf-requesting", "Requesting a demo for the whole team", {"demo_request"}),
    P("inf-booking", "booking a meeting w/ us for tmrw", {"meeting_booked"}),
]


@pytest.mark.parametrize(("text", "expected"), INFLECTION)
def test_inflection(text, expected):
    assert _kinds(text) == expected


# --- counts and lists --------------------------------------------------------------------------

COUNTS = [
    P("count-pricing-3", "Visited the pricing page 3 times", ("pricing_page_visit", 3)),
    P("count-two-whitepapers", "Downloaded two whitepapers", ("content_download", 2)),
    P("count-opened-5", "Opened 5 emails", ("email_open", 5)),
    P("count-list-3", "Downloaded the checklist, the template and the ebook", ("content_download", 3)),
    P("count-x4", "Viewed pricing x4", ("pricing_page_visit", 4)),
    P("count-twice", "Clicked the email link twice", ("email_click", 2)),
    P("count-couple", "Clicked our LinkedIn ad a couple of times", ("ad_click", 2)),
]


@pytest.mark.parametrize(("text", "expected"), COUNTS)
def test_counts(text, expected):
    kind, count = expected
    found = {str(i.kind): i.count for i in _read(text).interactions}
    assert found == {kind: count}


# --- dates -------------------------------------------------------------------------------------

DATES = [
    P("date-yesterday", "Downloaded the guide yesterday", date(2025, 6, 17)),
    P("date-last-week", "Attended the webinar last week", date(2025, 6, 11)),
    P("date-days-ago", "Requested a demo 3 days ago", date(2025, 6, 15)),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_dates(text, expected):
    found = _read(text).interactions
    assert [i.occurred_on for i in found] == [expected]


# --- sizes ------------------------------------------------------------------------------------

SIZES = [
    P("size-employees", "Acme, 250 employees", 250),
    P("size-staff-approx", "~1,200 staff across 4 sites", 1200),
    P("size-me-and-partner", "It's just me and my business partner", 2, xfail="'me and my business partner' is no vague-size phrase yet"),
    P("size-person-agency", "a 15-person agency in Bristol", 15),
    P("size-sole-trader", "She's a sole trader", 1),
    P("size-five-of-us", "There are five of us", 5),
    P("size-headcount-label", "Headcount: 85", 85),
    P("size-dozen", "A small firm, about a dozen people", 12),
    P("size-on-my-own", "I run the business on my own", 1, xfail="'on my own' is no vague-size phrase yet"),
    P("size-k", "Around 2.5k employees worldwide", 2500),
    P("size-fte", "40 FTEs", 40),
    P("size-strong", "a 60-strong team of accountants", None, xfail="'60-strong team' counts a team, yet 'strong' reads as the company's staff"),
    P("size-handful", "only a handful of staff", 5, xfail="'a handful of staff' is no vague-size phrase yet"),
    P("size-couple-of-us", "Just a couple of us at the moment", 2),
]


@pytest.mark.parametrize(("text", "expected"), SIZES)
def test_sizes(text, expected):
    company = _read(text).company
    assert (company.employees if company else None) == expected


# --- titles -> seniority and department ------------------------------------------------------

TITLES = [
    P("title-head-growth", "Title: Head of Growth", ("director", "marketing")),
    P("title-vp-sales", "Title: VP Sales", ("vp", "sales")),
    P("title-sr-swe", "Title: Sr. Software Engineer", ("individual", "it")),
    P("title-mkt-intern", "Title: Marketing Intern", ("entry", "marketing")),
    P("title-cfo", "Title: CFO", ("executive", "finance")),
    P("title-founder-ceo", "Title: Founder & CEO", ("executive", "executive")),
    P("title-md", "Title: Managing Director", ("executive", "executive")),
    P("title-it-mgr", "Title: IT Manager", ("manager", "it")),
    P("title-procurement-lead", "Title: Procurement Lead", ("manager", "procurement")),
    P("title-ta-specialist", "Title: Talent Acquisition Specialist", ("individual", "hr")),
    P("title-ops-mgr", "Title: Ops Manager", ("manager", "operations")),
    P("title-mkt-exec-uk", "Title: Digital Marketing Exec", ("individual", "marketing")),
    P("title-dir-finance", "Title: Director of Finance", ("director", "finance")),
    P("title-avp-eng", "Title: AVP, Engineering", ("vp", "it")),
    P("title-purchasing", "Title: Purchasing Manager", ("manager", "procurement")),
    P("title-grad-trainee", "Title: Graduate Trainee", ("entry", None)),
    P("title-deputy-head-it", "Title: Deputy Head of IT", ("director", "it")),
    P("title-cco", "Title: Chief Commercial Officer", ("executive", "sales")),
    P("title-sr-mgr-india", "Designation: Sr. Manager - Marketing", ("manager", "marketing")),
    P("title-agm-india", "Designation: AGM - Procurement", ("manager", "procurement")),
    P("title-exec-accounts", "Designation: Executive - Accounts", ("individual", "finance")),
    P("title-sdr", "Title: Sales Development Representative", ("individual", "sales")),
    P("title-bizdev", "Title: Business Development Manager", ("manager", "sales")),
    P("title-hrbp", "Title: HR Business Partner", ("individual", "hr")),
    P("title-team-leader-cs", "Title: Team Leader, Customer Service", ("manager", "operations")),
    P("title-prose", "Spoke with Jane Doe, Head of Demand Gen at Acme", ("director", "marketing")),
    P("title-cmo", "Call with the CMO of Brightly, Tom Reed", ("executive", "marketing")),
    P("title-practice-mgr", "Title: Practice Manager", ("manager", None)),
    P("title-ceo-owner", "Title: Owner / Director", ("executive", "executive")),
    P("title-cto", "Title: Co-founder & CTO", ("executive", "it"), xfail="'Co-founder & CTO': the glued hyphen of 'Co-founder' is skipped by the pair index, so the title is cut"),
    P("title-payroll", "Title: Payroll Administrator", ("individual", "finance")),
    P("title-warehouse", "Title: Warehouse Supervisor", ("manager", "operations")),
]


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_titles(text, expected):
    contact = _read(text).contact
    got = (str(contact.seniority) if contact and contact.seniority else None,
           str(contact.department) if contact and contact.department else None)
    assert got == expected


# --- industries ---------------------------------------------------------------------------------

INDUSTRIES = [
    P("ind-online-store", "Acme (online store selling pet food)", "ecommerce"),
    P("ind-shopify", "Industry: Shopify brand", "ecommerce"),
    P("ind-saas", "Acme, a B2B SaaS company", "software"),
    P("ind-digital-agency", "Brightly, a digital agency in Manchester", "marketing_agency"),
    P("ind-dental", "Smile Co (chain of 12 dental clinics)", "healthcare"),
    P("ind-freight", "Works at Hollis, a freight forwarder", "logistics"),
    P("ind-3pl", "Industry: 3PL", "logistics"),
    P("ind-estate-agents", "Moss & Co, estate agents in Kent", "real_estate"),
    P("ind-msp", "Industry: MSP", "it_services"),
    P("ind-hotel", "Acme (boutique hotel group)", "hospitality", xfail="'hotel group' in parentheses is read as a company description only with a company noun first"),
    P("ind-council", "Industry: Local council", "public_sector"),
    P("ind-solar", "SunCo, a solar installer", "energy"),
    P("ind-consultancy", "Acme, a management consultancy", "consulting"),
    P("ind-bank", "Industry: Retail banking", "financial_services", xfail="'Retail banking' meets the retail class before the banking one"),
    P("ind-telco", "Industry: Mobile network operator", "telecommunications"),
    P("ind-manufacturing", "Acme (precision engineering manufacturer)", "manufacturing"),
    P("ind-school", "Industry: Secondary school", "education"),
    P("ind-grocery", "Freshway, a grocery chain", "retail"),
    P("ind-nbfc", "Industry: NBFC", "financial_services", xfail="'NBFC' is not in the financial_services class"),
    P("ind-law", "Industry: Law firm", "other"),
    P("ind-software-house", "Acme (software house in Pune)", "it_services"),
    P("ind-recruitment", "Acme, a recruitment agency", "other"),
    P("ind-hvac", "Industry: HVAC contractor", "other", xfail="'HVAC contractor' is not in any class"),
    P("ind-pharma", "Industry: Pharmaceuticals", "healthcare"),
    P("ind-university", "Industry: Higher education", "education"),
]


@pytest.mark.parametrize(("text", "expected"), INDUSTRIES)
def test_industries(text, expected):
    company = _read(text).company
    assert (str(company.industry) if company and company.industry else None) == expected


# --- places --------------------------------------------------------------------------------------

PLACES = [
    P("place-leeds", "Acme, based in Leeds", "GB"),
    P("place-pune", "HQ in Pune", "IN"),
    P("place-melbourne", "They're from Melbourne", "AU"),
    P("place-sydney-based", "Sydney-based agency", "AU"),
    P("place-hyderabad", "Office in Hyderabad", "IN"),
    P("place-gurugram", "Based out of Gurugram", "IN"),
    P("place-austin-tx", "HQ: Austin, TX", "US"),
    P("place-cork", "Based in Cork", "IE"),
    P("place-toronto", "Toronto office", "CA"),
    P("place-edinburgh", "Edinburgh, Scotland", "GB"),
    P("place-nz", "Headquartered in Auckland", "NZ"),
    P("place-country-label", "Country: United Kingdom", "GB"),
    P("place-australia", "Company based in Australia", "AU"),
    P("place-india", "Country: India", "IN"),
    P("place-demonym", "An Australian retailer", "AU", xfail="demonyms ('Australian') name no country yet"),
    P("place-region", "Based in Queensland", "AU", xfail="regions and states are not in the gazetteer's places"),
    P("place-state", "Located in New South Wales", "AU", xfail="regions and states are not in the gazetteer's places"),
    P("place-us-state", "Based in Ohio", "US", xfail="US states are not in the gazetteer's places"),
]


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_places(text, expected):
    company = _read(text).company
    assert (company.country if company else None) == expected


# --- BANT -----------------------------------------------------------------------------------------

BANT = [
    P("budget-signed-off", "Budget's been signed off for this project", ("budget", "confirmed")),
    P("budget-ringfenced", "They've ring-fenced a budget of £20k", ("budget", "confirmed")),
    P("budget-amount", "Budget: ~$50k, approved", ("budget_amount", 50000)),
    P("budget-none", "No budget this year", ("budget", "none")),
    P("budget-finalised", "Budget being finalised for next FY", ("budget", "planned")),
    P("budget-got", "They've got budget for this", ("budget", "confirmed")),
    P("budget-nothing", "Budget's tight, nothing allocated", ("budget", "none")),
    P("budget-tbc", "Budget TBC", ("budget", None)),
    P("auth-cfo", "Needs sign-off from the CFO", ("authority", "influencer")),
    P("auth-final", "She's the final decision maker", ("authority", "decision_maker")),
    P("auth-run-past", "Has to run it past his boss", ("authority", "influencer"), xfail="'run it past' (for 'run it by') is not an approval phrase"),
    P("auth-signs", "He signs the cheques", ("authority", "decision_maker")),
    P("auth-board", "The board will make the final call", ("authority", "influencer"), xfail="'the board will make the final call' reads as the lead's own decision"),
    P("need-label", "Need: reps waste hours on manual data entry", ("need", True)),
    P("need-mess", "Their current CRM is a mess", ("need", True)),
    P("need-painpoint", "Main pain point is leads falling through the cracks", ("need", True)),
    P("timeline-live-by", "Timeline: live by 30 September", ("timeline_days", 104)),
    P("timeline-within", "Wants it up and running within 3 months", ("timeline_days", 90)),
    P("timeline-eoq", "Looking to purchase before end of quarter", ("timeline_days", 12)),
    P("timeline-follow-up", "Follow up next Tuesday", ("timeline_days", None)),
]


@pytest.mark.parametrize(("text", "expected"), BANT)
def test_bant(text, expected):
    field, value = expected
    bant = _read(text).bant
    got = getattr(bant, field, None) if bant else None
    if value is True:
        assert got
    elif field in ("budget_amount", "timeline_days"):
        assert got == value
    else:
        assert (str(got) if got is not None else None) == value


# --- disqualifiers ----------------------------------------------------------------------------

DISQUALIFIERS = [
    P("dq-competitor", "Works for a competitor", {"competitor"}),
    P("dq-direct-competitor", "He's at Pipedrive, a direct competitor", {"competitor"}),
    P("dq-we-build", "They build lead scoring software too", {"competitor"}),
    P("dq-uni-student", "Uni student doing a dissertation on lead scoring", {"student"}),
    P("dq-mba", "MBA student researching CRM tools", {"student"}),
    P("dq-school-project", "Just doing a school project", {"student"}),
    P("dq-cv", "Sent over his CV, wants to work for us", {"job_seeker"}),
    P("dq-cv-asked-if", "Asked if we have any openings and sent his CV", {"job_seeker"},
      xfail="'if' after 'asked' is read as a condition whose reach does not end at 'and'"),
    P("dq-job", "Looking for a job in sales", {"job_seeker"}),
    P("dq-not-interested", "Said they're not interested", {"not_interested"}),
    P("dq-stop-calling", "Asked us to stop calling", {"not_interested"}),
    P("dq-not-good-fit", "Not a good fit for us, she said", {"not_interested"}),
    P("dq-not-now", "Not interested at the moment", set()),
    P("dq-gone-elsewhere", "They've gone with another vendor", {"not_interested"}),
    P("dq-no-thanks", "Replied: no thanks, we're sorted", {"not_interested"}),
    P("dq-none", "Downloaded the ebook", set()),
]


@pytest.mark.parametrize(("text", "expected"), DISQUALIFIERS)
def test_disqualifiers(text, expected):
    assert {str(d.kind) for d in _read(text).disqualifiers} == expected


# --- lead source ------------------------------------------------------------------------------

SOURCES = [
    P("src-google", "Found us through Google search", "inbound"),
    P("src-referral", "Referred by one of our partners", "referral"),
    P("src-expo", "Met at the expo in Birmingham", "event"),
    P("src-cold", "Cold outreach on LinkedIn, replied on the second touch", "outbound"),
    P("src-paid", "Came in from a Google Ads campaign", "paid"),
    P("src-word-of-mouth", "Heard about us by word of mouth", "referral"),
]


@pytest.mark.parametrize(("text", "expected"), SOURCES)
def test_sources(text, expected):
    got = _read(text).lead_source
    assert (str(got) if got else None) == expected
