"""Scheduling in the desktop app: due lists on the home screen, the carer page's check-in
panel and chart, the follow-up page, decisions about check-ins and the daily reminder."""
