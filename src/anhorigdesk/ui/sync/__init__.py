"""Sync as users meet it: sign-in dialog, sync controller, status panel, conflict view."""
