"""Follow-up of the carer support (uppföljning): the unit head's statistics.

``followup.statistics`` counts, for units and a period (month, term, year), the carers
identified, conversations, support plans (stödplan), check-ins (frivillighet), flags and
their follow-ups, short-term stays (korttid) and handouts. The same pure function serves
the laptop (its own caseload, read from the encrypted store by ``followup.local``) and the
server (the whole unit, read from the merged entity states). ``followup.export`` writes
CSV, XLSX and a PDF report with small counts shown as "< 5".

Qt-free.
"""
