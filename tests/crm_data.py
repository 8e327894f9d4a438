"""Generated CRM exports for the tests and benchmarks: a HubSpot contacts export and a
Salesforce leads export with their real column headers, and their notes and tasks.

Every person and company is made up (names drawn from short lists, emails on `.example`
domains), so no real personal data is involved. A few rows are bad on purpose; `BAD_ROWS`
says which line each is on and why, so a test can check that the import names them.

    .venv/bin/python -m tests.crm_data OUTDIR [--rows 1000] [--seed 12]
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HUBSPOT_HEADER = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Job Title",
                  "Company Name", "Country/Region", "City", "Number of Employees", "Industry",
                  "Lifecycle Stage", "Lead Status", "Original Source", "Contact owner", "Create Date"]
SALESFORCE_HEADER = ["Id", "FirstName", "LastName", "Email", "Title", "Company", "Phone", "Country",
                     "City", "NumberOfEmployees", "Industry", "LeadSource", "Status", "Description",
                     "Rating", "CreatedDate"]
HUBSPOT_NOTES_HEADER = ["Record ID", "Activity date", "Note body", "Associated Contact",
                        "Associated Contact IDs", "Created by"]
SALESFORCE_TASKS_HEADER = ["Id", "WhoId", "Subject", "Description", "ActivityDate", "Status", "Type"]

FIRST = ["Anna", "Marco", "Giulia", "Luca", "Ola", "Piotr", "Katarzyna", "Tomasz", "Emma", "Liam",
         "Sofia", "Noah", "Mia", "Jonas", "Lea", "Hugo", "Chiara", "Pawel", "Zofia", "Oliver",
         "Elena", "Matteo", "Agnieszka", "Jakub", "Clara", "Felix", "Ines", "Mateusz", "Nora", "Theo"]
LAST = ["Rossi", "Bianchi", "Ferrari", "Nowak", "Kowalski", "Wisniewska", "Berg", "Schmidt", "Muller",
        "Dubois", "Martin", "Garcia", "Jansen", "Visser", "Romano", "Greco", "Lewandowski", "Zielinska",
        "Fischer", "Weber", "Moreau", "Lopez", "Bakker", "Conti", "Esposito", "Wojcik", "Kaminski",
        "Hofmann", "Laurent", "Smit"]
COMPANY_A = ["Lumina", "Vela", "Nordwind", "Quarzo", "Blue Fjord", "Kappa", "Orbit", "Tessera",
             "Arcadia", "Polaris", "Mosaico", "Sokol", "Brightline", "Castello", "Wavelet"]
COMPANY_B = ["Apps", "Systems", "Logistics", "Retail", "Labs", "Group", "Software", "Analytics",
             "Trading", "Media", "Foods", "Energy", "Studio", "Partners"]
TITLES = ["Head of Marketing", "Marketing Manager", "CEO", "Chief Financial Officer", "CTO",
          "Sales Director", "VP Sales", "Marketing Specialist", "IT Manager", "Operations Manager",
          "Founder", "Junior Analyst", "Procurement Manager", "Digital Marketing Lead", "HR Director",
          "Data Analyst", "Managing Director", "Sales Representative", "Software Engineer", "Owner"]
PLACES = [("Italy", "Milano"), ("Italy", "Roma"), ("Poland", "Warszawa"), ("Poland", "Kraków"),
          ("Germany", "Hamburg"), ("Germany", "Berlin"), ("France", "Lyon"), ("Spain", "Madrid"),
          ("Netherlands", "Utrecht"), ("United Kingdom", "Leeds"), ("United States", "Austin"),
          ("Brazil", "Curitiba"), ("Japan", "Osaka")]
HS_INDUSTRIES = ["Computer Software", "Information Technology and Services", "Retail", "Internet",
                 "Financial Services", "Marketing and Advertising", "Logistics and Supply Chain",
                 "Hospital & Health Care", "Machinery", "Real Estate", "Education Management", ""]
SF_INDUSTRIES = ["Technology", "Retail", "Finance", "Manufacturing", "Healthcare", "Education",
                 "Consulting", "Transportation", "Media", "Energy", ""]
HS_EMPLOYEES = ["1-5", "5-25", "25-50", "50-100", "100-500", "500-1000", "1000+", "120", "2400", ""]
LIFECYCLE = ["Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity"]
HS_STATUS = ["New", "Open", "In Progress", "Attempted to Contact", "Connected", ""]
HS_SOURCES = ["Organic Search", "Paid Search", "Referrals", "Direct Traffic", "Social Media",
              "Email Marketing", "Offline Sources"]
SF_SOURCES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Trade Show", "Advertisement",
              "Other"]
SF_STATUS = ["Open - Not Contacted", "Working - Contacted", "Closed - Not Converted"]

ASSETS = ["pricing guide", "ROI calculator", "case study on retail", "GDPR whitepaper", "onboarding checklist",
          "integration ebook", "benchmark report"]
TOPICS = ["reporting", "automation", "data quality", "forecasting", "customer journeys"]
WHEN = ["yesterday", "last week", "two weeks ago", "on Monday", "", "", "today"]
DESCRIPTION_PARTS_EN = [
    "Downloaded the {asset} {when}.", "Asked for a demo {when}.", "Visited the pricing page {n} times.",
    "Attended the webinar on {topic}.", "Registered for the webinar on {topic} but did not attend.",
    "Filled the contact form on the website.", "Opened {n} emails and clicked the link to the {asset}.",
    "Asked us for a quote for {n}0 seats.", "Met us at the booth at the trade show.",
    "Started a free trial {when}.", "Subscribed to the newsletter.", "Wants to talk to sales about {topic}.",
    "Budget approved for this year.", "Needs better {topic}.", "Unsubscribed from our emails.",
]
DESCRIPTION_PARTS_IT = ["Ha scaricato la guida prezzi {when_it}.", "Ha chiesto una demo.",
                        "Ha partecipato al webinar sul {topic}.", "Ha visitato la pagina prezzi {n} volte."]
DESCRIPTION_PARTS_PL = ["Pobrał cennik {when_pl}.", "Poprosił o wycenę.", "Wziął udział w webinarze.",
                        "Odwiedził stronę z cennikiem {n} razy."]
NOTE_BODIES = [
    "Call with {first}: they downloaded the {asset} {when} and asked for a demo next week.",
    "{first} replied to our email and asked for pricing details for {n}0 users.",
    "Booked a call with sales for {weekday}. Decision maker is the CEO.",
    "{first} attended the webinar on {topic}; opened {n} follow-up emails.",
    "Left a voicemail, no answer yet.", "Sent the {asset}; {first} said they will read it.",
    "{first} visited our site {n} times this month.", "Not interested right now, maybe next year.",
]


@dataclass
class Files:
    hubspot: Path
    salesforce: Path
    hubspot_notes: Path
    salesforce_tasks: Path
    # file -> {line: why the row is bad}; `skipped` rows are not stored at all
    bad_rows: dict[str, dict[int, str]] = field(default_factory=dict)
    skipped: dict[str, set[int]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def _person(rng: random.Random, n: int) -> tuple[str, str, str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    company = f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"
    slug = company.lower().replace(" ", "")
    return first, last, company, f"{first.lower()}.{last.lower()}{n}@{slug}.example"


def _description(rng: random.Random) -> str:
    pool = rng.choices([DESCRIPTION_PARTS_EN, DESCRIPTION_PARTS_IT, DESCRIPTION_PARTS_PL], [8, 1, 1])[0]
    parts = rng.sample(pool, k=rng.randint(1, min(3, len(pool))))
    return " ".join(p.format(asset=rng.choice(ASSETS), when=rng.choice(WHEN), n=rng.randint(2, 9),
                             topic=rng.choice(TOPICS), when_it=rng.choice(["ieri", "la settimana scorsa", ""]),
                             when_pl=rng.choice(["wczoraj", "w zeszłym tygodniu", ""]))
                    .replace(" .", ".") for p in parts)


def write_files(out: Path, *, rows: int = 1000, seed: int = 12, descriptions: float = 0.7) -> Files:
    """Write the four exports into `out` and say where their bad rows are."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files = Files(out / "hubspot-contacts.csv", out / "salesforce-leads.csv", out / "hubspot-notes.csv",
                  out / "salesforce-tasks.csv")
    today = date(2026, 3, 2)
    hubspot_people: list[tuple[str, str, str]] = []  # (record id, first, email)
    salesforce_people: list[tuple[str, str]] = []

    # HubSpot contacts: line 1 is the header, each row one line (no newlines in cells)
    bad: dict[int, str] = {}
    skipped: set[int] = set()
    with files.hubspot.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HUBSPOT_HEADER)
        for n in range(1, rows + 1):
            first, last, company, email = _person(rng, n)
            country, city = rng.choice(PLACES)
            record_id = str(51000 + n)
            row = [record_id, first, last, email, f"+39 02 {rng.randint(1000000, 9999999)}", rng.choice(TITLES),
                   company, country, city, rng.choice(HS_EMPLOYEES), rng.choice(HS_INDUSTRIES),
                   rng.choice(LIFECYCLE), rng.choice(HS_STATUS), rng.choice(HS_SOURCES), "Sam Seller",
                   (today - timedelta(days=rng.randint(5, 400))).isoformat()]
            line = n + 1
            if n == 17:
                row[3] = "giulia.rossi@"
                bad[line] = "not an email address"
                skipped.add(line)
            elif n == 230:
                row[1] = row[2] = row[3] = ""
                bad[line] = "no email and no name"
                skipped.add(line)
            elif n == 512:
                row += ["stray", "cells"]
                bad[line] = "more cells than the header"
                skipped.add(line)
            elif n == 640:
                row[9] = "lots"
                bad[line] = "employees not a number"
            elif n == 777:
                row[7] = "Atlantis"
                bad[line] = "not a country"
            else:
                hubspot_people.append((record_id, first, email))
            w.writerow(row)
    files.bad_rows[files.hubspot.name], files.skipped[files.hubspot.name] = bad, skipped
    files.rows[files.hubspot.name] = rows

    bad, skipped = {}, set()
    with files.salesforce.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(SALESFORCE_HEADER)
        for n in range(1, rows + 1):
            first, last, company, email = _person(rng, 5000 + n)
            country, city = rng.choice(PLACES)
            lead_id = f"00Q5g00000{n:08d}"
            desc = _description(rng) if rng.random() < descriptions else ""
            row = [lead_id, first, last, email, rng.choice(TITLES), company, f"+48 22 {rng.randint(100, 999)} "
                   f"{rng.randint(10, 99)} {rng.randint(10, 99)}", country, city,
                   str(rng.choice([8, 35, 120, 480, 900, 2400, 12000])), rng.choice(SF_INDUSTRIES),
                   rng.choice(SF_SOURCES), rng.choice(SF_STATUS), desc, rng.choice(["Hot", "Warm", "Cold", ""]),
                   f"{(today - timedelta(days=rng.randint(5, 400))).isoformat()}T09:30:00.000Z"]
            line = n + 1
            if n == 44:
                row[3] = "piotr at nowak.example"
                bad[line] = "not an email address"
                skipped.add(line)
            elif n == 301:
                row[1] = row[2] = row[3] = ""
                bad[line] = "no email and no name"
                skipped.add(line)
            elif n == 888:
                row[9] = "about fifty"
                bad[line] = "employees not a number"
            else:
                salesforce_people.append((lead_id, email))
            w.writerow(row)
    files.bad_rows[files.salesforce.name], files.skipped[files.salesforce.name] = bad, skipped
    files.rows[files.salesforce.name] = rows

    bad, skipped = {}, set()
    with files.hubspot_notes.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HUBSPOT_NOTES_HEADER)
        for n in range(1, rows // 2 + 1):
            record_id, first, email = rng.choice(hubspot_people)
            body = rng.choice(NOTE_BODIES).format(first=first, asset=rng.choice(ASSETS), when=rng.choice(WHEN),
                                                  n=rng.randint(2, 6), topic=rng.choice(TOPICS), weekday="Thursday")
            when = today - timedelta(days=rng.randint(0, 120))
            row = [str(910000 + n), f"{when.isoformat()} 10:{n % 60:02d}", body, f"{first} ({email})",
                   record_id, "Sam Seller"]
            line = n + 1
            if n == 9:
                row[2] = ""
                bad[line] = "no note text"
                skipped.add(line)
            elif n == 120:
                row[1] = "next tuesday"
                bad[line] = "not a date"
                skipped.add(line)
            elif n == 200:
                row[3], row[4] = "Nobody (nobody@nowhere.example)", "999999"
                bad[line] = "no such lead"
                skipped.add(line)
            w.writerow(row)
    files.bad_rows[files.hubspot_notes.name], files.skipped[files.hubspot_notes.name] = bad, skipped
    files.rows[files.hubspot_notes.name] = rows // 2

    bad, skipped = {}, set()
    with files.salesforce_tasks.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(SALESFORCE_TASKS_HEADER)
        for n in range(1, rows // 2 + 1):
            lead_id, _email = rng.choice(salesforce_people)
            when = today - timedelta(days=rng.randint(0, 120))
            subject = rng.choice(["Call", "Email", "Follow-up", "Demo request"])
            body = rng.choice(NOTE_BODIES).format(first="they", asset=rng.choice(ASSETS), when=rng.choice(WHEN),
                                                  n=rng.randint(2, 6), topic=rng.choice(TOPICS), weekday="Friday")
            w.writerow([f"00T5g00000{n:08d}", lead_id, subject, body, when.isoformat(), "Completed", "Call"])
    files.bad_rows[files.salesforce_tasks.name], files.skipped[files.salesforce_tasks.name] = bad, skipped
    files.rows[files.salesforce_tasks.name] = rows // 2
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    files = write_files(args.out, rows=args.rows, seed=args.seed)
    for name, lines in files.bad_rows.items():
        print(f"{args.out / name}: {files.rows[name]} rows; bad: " + ", ".join(f"line {k} ({v})" for k, v in lines.items()))


if __name__ == "__main__":
    main()
