"""Event portal: events, recurrence, occurrences, festival programmes, registration."""
