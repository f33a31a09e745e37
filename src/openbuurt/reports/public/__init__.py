"""Public pages and endpoints beside the report form: the map of open reports, nearby reports, following one.

Everything here is built on :func:`openbuurt.reports.selectors.public_reports`, so police and confidential
reports never appear, and shows no description, photo or exact address: only number, category, status, date and
a rounded point.
"""
