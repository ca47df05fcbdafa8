"""Follow-up of the carer support (uppföljning): the unit head's statistics.

``followup.statistics`` counts, for units and a period (month, term, year), the carers
identified, conversations, support plans (stödplan), check-ins (frivillighet), flags and
their follow-ups, short-term stays (korttid) and handouts: the rule book, a pure function
checked by a hand-computed fixture. ``followup.aggregate`` counts by the same rules with
set-based SQL over a narrow fact table (``stat_facts``) that the server's writes and the
laptop's triggers keep in step: the laptop's own caseload (``followup.local``) and the
server's whole unit (``server/store/statistics.py``). ``followup.export`` writes
CSV, XLSX and a PDF report with small counts shown as "< 5".

Qt-free.
"""
