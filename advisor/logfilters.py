"""Logging filters (configured in ``settings.LOGGING``).

Django logs every 4xx it answers with the exception attached, so a malformed request writes a traceback:
hostile clients can flood the log that way. A client error is the client's fault and the traceback says
nothing an operator can act on, so keep the one line (message, path, status) and drop the traceback.
Server errors (5xx) keep theirs.
"""

import logging


class ClientErrorsInOneLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
