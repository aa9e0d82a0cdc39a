"""The travel section's pages below each event page (filled in below)."""
