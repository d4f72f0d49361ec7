from urllib.parse import urlencode

from apps.core.http import HTTPRequestError, request_json


class ProviderAPIError(Exception):
    def __init__(self, message, *, status=None, body=""):
        super().__init__(message)
        self.status = status
        self.body = body

    @property
    def is_rate_limited(self):
        return self.status == 429 or (self.status == 403 and "rate limit" in self.body.lower())


class BaseAPIClient:
    base_url = ""
    error_class = ProviderAPIError

    def __init__(self, *, timeout=10):
        self.timeout = timeout

    def default_headers(self) -> dict:
        return {}

    def request(self, method, path, *, params=None, payload=None):
        url = self.base_url.rstrip("/") + "/" + path.lstrip("/")
        if params:
            url += "?" + urlencode(params)
        try:
            return request_json(
                method, url, headers=self.default_headers(), payload=payload, timeout=self.timeout
            )
        except HTTPRequestError as exc:
            raise self.error_class(str(exc), status=exc.status, body=exc.body) from exc

    def paginate(self, path, *, params=None, page_size=100, max_pages=50):
        params = dict(params or {}, per_page=page_size)
        for page in range(1, max_pages + 1):
            batch = self.request("GET", path, params={**params, "page": page})
            if not batch:
                return
            yield from batch
            if len(batch) < page_size:
                return
