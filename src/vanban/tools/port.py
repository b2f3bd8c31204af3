"""`make serve` asks first whether its port is free: MkDocs answers a busy one with a traceback.

``python -m vanban.tools.port HOST PORT`` exits 0 when the port can be used, else 1 with a message.
"""

from __future__ import annotations

import socket
import sys


def free(host: str, port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    host, port = (sys.argv[1:] if argv is None else argv)[:2]
    if not port.isdigit() or not 0 < int(port) < 65536:
        print(f"PORT={port} không phải số cổng (1–65535), ví dụ: make serve PORT=8001", file=sys.stderr)
        return 1
    if free(host, int(port)):
        return 0
    print(f"Cổng {port} đang được dùng (có thể một `make serve` khác đang chạy). "
          f"Chọn cổng khác, ví dụ: make serve PORT={int(port) + 1}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
