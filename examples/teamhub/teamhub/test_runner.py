"""Test runner that blocks outbound HTTP, so a test that forgets a mock fails instead of calling GitHub."""

from django.test.runner import DiscoverRunner

from apps.core import http


class TeamhubTestRunner(DiscoverRunner):
    def setup_test_environment(self, **kwargs):
        super().setup_test_environment(**kwargs)
        http.block_network("outbound HTTP is disabled under tests; mock the client or helper instead")

    def teardown_test_environment(self, **kwargs):
        http.allow_network()
        super().teardown_test_environment(**kwargs)
