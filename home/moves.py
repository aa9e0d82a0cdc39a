"""Helpers for migrations that move models from one app to another.

A moved model keeps its table and rows: the new app's first migration creates
the model in Django's *state* only (with the old `db_table`), the old app's
migration removes it from the state only, and a later migration renames the
table. What also has to move is the model's `ContentType` row: pages, revisions,
permissions and translation sources point to it by id, so it is renamed in place
(same id) rather than created anew.
"""


def move_content_types(old_app, new_app, model_names):
    """A `RunPython` function: the content types of `model_names` (lower case)
    move from `old_app` to `new_app`, keeping their ids."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for name in model_names:
            old = ContentType.objects.using(db).filter(app_label=old_app, model=name).first()
            if old is None:
                continue  # a new database: the type is made by `migrate` when needed
            # A type made under the new name before this ran (by an earlier
            # `migrate` of the new app alone) holds nothing yet: the old one wins.
            ContentType.objects.using(db).filter(app_label=new_app, model=name).delete()
            old.app_label = new_app
            old.save(update_fields=["app_label"])

    def backwards(apps, schema_editor):
        move_content_types(new_app, old_app, model_names)(apps, schema_editor)

    forwards.backwards = backwards
    return forwards


def run_move(old_app, new_app, model_names):
    """The `RunPython` operation for `move_content_types`, reversible."""
    from django.db import migrations

    forwards = move_content_types(old_app, new_app, model_names)
    return migrations.RunPython(forwards, forwards.backwards)
