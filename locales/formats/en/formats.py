"""English as written in Europe: "Saturday 12 December 2026", "Sat 12 Dec", no
commas inside the date, 24-hour clock (Django's default English is American:
"Dec. 12, 2026", "p.m.")."""

DATE_FORMAT = "j F Y"
WEEKDAY_DATE_FORMAT = "l j F Y"
DATETIME_FORMAT = "j F Y, H:i"
WEEKDAY_DATETIME_FORMAT = "l j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
WEEKDAY_MONTH_DAY_FORMAT = "l j F"
YEAR_MONTH_FORMAT = "F Y"
SHORT_WEEKDAY_FORMAT = "D j M"
SHORT_WEEKDAY_DATE_FORMAT = "D j M Y"
SHORT_WEEKDAY_TIME_FORMAT = "D j M, H:i"
SHORT_MONTH_FORMAT = "M"
SHORT_MONTH_DAY_FORMAT = "j M"
SHORT_MONTH_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
