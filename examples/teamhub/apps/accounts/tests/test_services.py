from django.test import TestCase

from apps.accounts.services import offboard_user
from apps.integrations.tests import factories


class OffboardUserTests(TestCase):
    def test_offboarding_revokes_the_users_credentials(self):
        leaver, admin = factories.make_user(), factories.make_user()
        mine = factories.make_credential(created_by=leaver)
        factories.make_credential(created_by=leaver, revoked_at=mine.created_at)
        theirs = factories.make_credential(created_by=admin)

        self.assertEqual(offboard_user(leaver, performed_by=admin), 1)

        leaver.refresh_from_db()
        mine.refresh_from_db()
        theirs.refresh_from_db()
        self.assertFalse(leaver.is_active)
        self.assertEqual(mine.revoked_by, admin)
        self.assertFalse(theirs.is_revoked)
