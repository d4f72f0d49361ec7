"""Thin API clients for the providers. All HTTP goes through apps.core.http.request_json."""
