from django.test import SimpleTestCase, override_settings

from apps.core.fields import PREFIX, EncryptedTextField, decrypt_text, encrypt_text


class EncryptedTextFieldTests(SimpleTestCase):
    def test_round_trip_including_non_ascii(self):
        for text in ("xoxb-123-456", "päßwörd ✓", "a" * 1000):
            with self.subTest(text=text[:10]):
                token = encrypt_text(text)
                self.assertTrue(token.startswith(PREFIX))
                self.assertNotIn(text, token)
                self.assertEqual(decrypt_text(token), text)

    def test_plain_text_rows_are_read_as_is(self):
        self.assertEqual(decrypt_text("legacy value"), "legacy value")

    def test_key_depends_on_secret_key(self):
        token = encrypt_text("hello")
        with override_settings(SECRET_KEY="another-key"):
            self.assertNotEqual(encrypt_text("hello"), token)
            with self.assertRaisesMessage(ValueError, "SECRET_KEY changed"):
                decrypt_text(token)

    def test_field_prep_and_python(self):
        field = EncryptedTextField()
        self.assertEqual(field.get_prep_value(""), "")
        self.assertIsNone(field.get_prep_value(None))
        self.assertEqual(field.to_python(field.get_prep_value("secret")), "secret")
        self.assertEqual(field.deconstruct()[1], "apps.core.fields.EncryptedTextField")
