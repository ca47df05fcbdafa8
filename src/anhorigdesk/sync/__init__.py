"""Sync between a laptop's store and the AnhörigDesk server (no Qt)."""
