"""Structured logging: one JSON object per record, for production's stdout."""

import json
import logging
from datetime import UTC, datetime

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Time, level, logger, message, any `extra=` fields and the traceback.

    Request objects are never serialised: Django attaches the request to error
    records, and a request carries personal data (e-mail addresses in forms).
    """

    def format(self, record):
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key in _STANDARD or key == "request" or key.startswith("_"):
                continue
            data[key] = value if isinstance(value, str | int | float | bool | None) else repr(value)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)
