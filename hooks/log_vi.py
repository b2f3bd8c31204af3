"""MkDocs' own INFO lines, for the clerk who runs ``make serve`` or ``make build``: said in
Vietnamese, or left out where they tell a clerk nothing (which temporary folder MkDocs cleans,
which browser tab connected). Warnings and errors pass as they are: ``--strict`` counts them, and
vanban's own messages are in Vietnamese already.

Relies on these MkDocs internals: the handler MkDocs 1.6 puts on the ``mkdocs`` logger
(``mkdocs.__main__``, named ``MkDocsStreamHandler``; ProperDocs' is on ``properdocs``), and the wording of the INFO lines of
``mkdocs/commands/serve.py``, ``commands/build.py`` and ``livereload/__init__.py`` (``SAID`` and
``DROPPED`` below). A line MkDocs words otherwise passes in English: nothing breaks, and
``tests/test_serve.py`` says which line it was.
"""

from __future__ import annotations

import logging
import re

import mkdocs

# (MkDocs' line, as a full match; what the clerk reads instead)
SAID = (
    (re.compile(r"Building documentation\.\.\."), "Đang dựng trang…"),
    (re.compile(r"Documentation built in (\d+)\.(\d+) seconds"), r"Đã dựng xong trong \1,\2 giây"),
    (re.compile(r"Watching paths for changes: (.*)", re.S), r"Đang theo dõi thay đổi trong: \1"),
    (re.compile(r"Serving on (\S+) and opening it in a browser"), r"Trang xem thử ở \1 (đang mở trong trình duyệt; Ctrl+C để dừng)"),
    (re.compile(r"Serving on (\S+)"), r"Trang xem thử ở \1 (Ctrl+C để dừng)"),
    (re.compile(r"Detected file changes"), "Có tệp thay đổi: đang dựng lại"),
    (re.compile(r"Reloading browsers"), "Đang tải lại trang trong trình duyệt"),
    (re.compile(r"Shutting down\.\.\."), "Đang dừng…"),
    (re.compile(r'The following pages exist in the docs directory, but are not included in the "nav" '
                r"configuration:\n(.*)", re.S),
     r"Các trang sau có trong docs/ nhưng không có trong nav của mkdocs.yml (chân trang liên kết đến chúng):\n\1"),
)
_STAMP = re.compile(r"(\[\d\d:\d\d:\d\d\] |)(.*)", re.S)
DROPPED = re.compile(r"Cleaning site directory|Browser connected: .*|Building documentation to directory: .*"
                     r"|The directory contains stale files\..*", re.S)


class Vietnamese(logging.Filter):
    """On MkDocs' handler: its INFO lines said in Vietnamese, or dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or ".hooks" in record.name:
            return True
        stamp, message = _STAMP.match(record.getMessage()).groups()  # the server's lines say when
        if DROPPED.fullmatch(message):
            return False
        for pattern, said in SAID:
            m = pattern.fullmatch(message)
            if m:
                record.msg, record.args = stamp + m.expand(said), ()
                break
        return True


def on_startup(command, dirty):
    # ProperDocs' `mkdocs` is `properdocs`, whose handler is on the logger "properdocs".
    for handler in logging.getLogger(mkdocs.__name__).handlers:
        if not any(isinstance(f, Vietnamese) for f in handler.filters):
            handler.addFilter(Vietnamese())
