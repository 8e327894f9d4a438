"""CRM files: HubSpot and Salesforce exports in (`importer`), and back out (`exporter`).

Column names, value tables and what an export writes live in `formats.toml` (data).
"""
