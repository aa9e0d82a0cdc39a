"""How each language writes dates and times: Django's per-language format modules
(`FORMAT_MODULE_PATH`), beside the translations in `locales/`.

Templates and code name a format, never spell one out:
`{{ day|date:"WEEKDAY_DATE_FORMAT" }}`, `date_format(value, "SHORT_WEEKDAY_FORMAT")`.
Machine formats (`datetime` attributes, iCal, ISO in exports) stay literal.

| name | nl | de | en |
| --- | --- | --- | --- |
| DATE_FORMAT | 12 december 2026 | 12. Dezember 2026 | 12 December 2026 |
| WEEKDAY_DATE_FORMAT | zaterdag 12 december 2026 | Samstag, 12. Dezember 2026 | Saturday 12 December 2026 |
| DATETIME_FORMAT | 12 december 2026, 10:00 | 12. Dezember 2026, 10:00 | 12 December 2026, 10:00 |
| WEEKDAY_DATETIME_FORMAT | zaterdag 12 december 2026, 10:00 | Samstag, 12. Dezember 2026, 10:00 | Saturday 12 December 2026, 10:00 |
| MONTH_DAY_FORMAT | 12 december | 12. Dezember | 12 December |
| WEEKDAY_MONTH_DAY_FORMAT | zaterdag 12 december | Samstag, 12. Dezember | Saturday 12 December |
| YEAR_MONTH_FORMAT | december 2026 | Dezember 2026 | December 2026 |
| SHORT_WEEKDAY_FORMAT | za 12 dec | Sa., 12. Dez. | Sat 12 Dec |
| SHORT_WEEKDAY_DATE_FORMAT | za 12 dec 2026 | Sa., 12. Dez. 2026 | Sat 12 Dec 2026 |
| SHORT_WEEKDAY_TIME_FORMAT | za 12 dec, 10:00 | Sa., 12. Dez., 10:00 | Sat 12 Dec, 10:00 |
| SHORT_MONTH_FORMAT | dec | Dez | Dec |
| SHORT_MONTH_DAY_FORMAT | 12 dec | 12. Dez. | 12 Dec |
| SHORT_MONTH_DATE_FORMAT | 12 dec 2026 | 12. Dez. 2026 | 12 Dec 2026 |
| TIME_FORMAT | 10:00 | 10:00 | 10:00 (24 h everywhere) |

Every language module defines every name (tests/home/test_formats.py checks it):
Django reads a name missing from all modules as a literal format string.
"""

# The names our templates and code use beyond Django's own.
CUSTOM_FORMATS = (
    "WEEKDAY_DATE_FORMAT",
    "WEEKDAY_DATETIME_FORMAT",
    "WEEKDAY_MONTH_DAY_FORMAT",
    "SHORT_WEEKDAY_FORMAT",
    "SHORT_WEEKDAY_DATE_FORMAT",
    "SHORT_WEEKDAY_TIME_FORMAT",
    "SHORT_MONTH_FORMAT",
    "SHORT_MONTH_DAY_FORMAT",
    "SHORT_MONTH_DATE_FORMAT",
)
