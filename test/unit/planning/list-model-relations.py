"""
Oracle for the planning document: the relations Django itself builds for every model of one module.

Runs django.setup() with the project's settings and prints, per model whose __module__ is the module,
the forward relation fields of _meta.get_fields() (inherited ones included) and the reverse relations
(accessor names), as JSON {"ModelName": {"forward": [[name, type, label]], "reverse": [[accessor, type, label]]}}.
usage (cwd = project root): list-model-relations.py SETTINGS_MODULE apps.integrations.models
       list-model-relations.py --apps app1,app2 django.contrib.auth.models   (minimal settings.configure())
"""

import json
import os
import sys

sys.path.insert(0, os.getcwd())
import django  # noqa: E402
from django.conf import settings  # noqa: E402

if sys.argv[1] == "--apps":
    del sys.argv[1]
    settings.configure(
        INSTALLED_APPS=sys.argv[1].split(","),
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
else:
    os.environ["DJANGO_SETTINGS_MODULE"] = sys.argv[1]
django.setup()
from django.apps import apps  # noqa: E402
from django.db import models  # noqa: E402

KINDS = [
    (models.OneToOneField, "O2O"),
    (models.ForeignKey, "FK"),
    (models.ManyToManyField, "M2M"),
    (models.ForeignObject, "ForeignObject"),
]
REVERSE = {models.OneToOneRel: "O2O", models.ManyToOneRel: "FK", models.ManyToManyRel: "M2M"}


def kind_of(field):
    for cls, name in KINDS:
        if isinstance(field, cls):
            return name
    return None


def reverse_kind(rel):
    for cls in type(rel).__mro__:
        if cls in REVERSE:
            return REVERSE[cls]
    return "ForeignObject"


out = {}
for model in apps.get_models():
    if model.__module__ != sys.argv[2]:
        continue
    forward, reverse = [], []
    for field in model._meta.get_fields():
        if not field.is_relation:
            continue
        if field.auto_created and not field.concrete:
            reverse.append([field.get_accessor_name(), reverse_kind(field), field.related_model._meta.label])
        else:
            kind = kind_of(field)
            if kind is not None:
                forward.append([field.name, kind, field.related_model._meta.label])
    out[model.__name__] = {"forward": sorted(forward), "reverse": sorted(reverse)}
json.dump(out, sys.stdout, indent=1, sort_keys=True)
