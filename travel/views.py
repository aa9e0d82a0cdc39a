"""The travel section public pages (below)."""
