from django.test import SimpleTestCase

from apps.core import http
from apps.integrations.clients.github import GitHubClient


class NetworkBlockedTests(SimpleTestCase):
    def test_requests_fail_loudly_under_tests(self):
        with self.assertRaises(http.NetworkAccessBlocked):
            http.request_json("GET", "https://api.github.com/rate_limit")

    def test_clients_are_blocked_too_and_do_not_wrap_the_error(self):
        client = GitHubClient(token="t", organization="acme")
        with self.assertRaises(http.NetworkAccessBlocked):
            client.list_repositories()
        self.assertFalse(issubclass(http.NetworkAccessBlocked, http.HTTPRequestError))
