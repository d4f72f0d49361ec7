"""Every module of the project imports cleanly (catches broken imports in files no other test touches)."""

import importlib
import pkgutil

from django.test import SimpleTestCase

import apps


class ImportEveryModuleTests(SimpleTestCase):
    def test_every_module_imports(self):
        names = [info.name for info in pkgutil.walk_packages(apps.__path__, prefix="apps.")]
        self.assertGreater(len(names), 50)
        for name in names:
            with self.subTest(module=name):
                importlib.import_module(name)
