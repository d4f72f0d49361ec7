"""
The one place teamhub talks HTTP to GitHub, Jira and Slack (stdlib urllib, JSON in and out).

The test runner calls block_network(): any request during tests raises NetworkAccessBlocked, which no
caller catches, so a test that forgets to mock a client fails loudly instead of reaching the internet.
"""

import json
import logging
import urllib.error
import urllib.request

logger = logging.getLogger(__name__)

_blocked_reason = None


class HTTPRequestError(Exception):
    def __init__(self, method, url, status, body=""):
        super().__init__(f"{method} {url} failed with HTTP {status}")
        self.method = method
        self.url = url
        self.status = status
        self.body = body


class NetworkAccessBlocked(RuntimeError):
    """Raised for any request while the network is blocked. Deliberately not an HTTPRequestError."""


def block_network(reason: str) -> None:
    global _blocked_reason
    _blocked_reason = reason


def allow_network() -> None:
    global _blocked_reason
    _blocked_reason = None


def request_json(method, url, *, headers=None, payload=None, timeout=10):
    if _blocked_reason is not None:
        raise NetworkAccessBlocked(f"{method} {url}: {_blocked_reason}")
    body = None
    all_headers = {"Accept": "application/json", "User-Agent": "teamhub/1.0"}
    all_headers.update(headers or {})
    if payload is not None:
        body = json.dumps(payload).encode("utf-8")
        all_headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, headers=all_headers, method=method)
    logger.debug("HTTP %s %s", method, url)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        raise HTTPRequestError(method, url, exc.code, exc.read().decode("utf-8", "replace")) from exc
    except urllib.error.URLError as exc:
        raise HTTPRequestError(method, url, 0, str(exc.reason)) from exc
    return json.loads(raw) if raw else {}
