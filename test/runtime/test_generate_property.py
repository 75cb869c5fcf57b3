"""The property of `generate`: for random schema changes (test/runtime/schema_pairs.py, seeded), the generated
script applied leaves no difference. An instance is created at a random schema A, schema.py becomes B (a few
random edits of A), `generate --raise-numversion` writes the script, `diff --after-pending` is empty, the
upgrade runs it, `diff` is empty; then B is edited again, on the same instance. Every type holds an entity
(so renames, type changes, required attributes and drops meet rows). SQLite and PostgreSQL. (hypothesis is
not installed here: Python's random, seeded, so a failure names its seed and step.)"""
from __future__ import annotations

import io
import json
import os
import random

import schema_pairs
from runtime_case import Database, DatabaseUrl, EventSink, RuntimeCase, on_both_databases

SEEDS = (11, 29)     # one chain of edited schemas per seed
STEPS = 6            # schemas per chain after the first (about 60 s per database for both chains)
EDITS = 5            # random edits from one schema to the next


def _last(out: str):
    return json.loads(out.strip().splitlines()[-1])


@on_both_databases
class GeneratedScriptsLeaveNoDifference(RuntimeCase):
    def reset(self):
        if self.backend == "sqlite":
            if os.path.exists(self.db_path):
                os.remove(self.db_path)
        else:
            from runtime_case import reset_postgresql
            reset_postgresql(self.url)
        for name in os.listdir(os.path.join(self.app, "migration")):
            os.remove(os.path.join(self.app, "migration", name))

    def fill(self, schema):
        """An entity in every type that has none (a new type is empty after its upgrade)."""
        db = Database(DatabaseUrl.parse(self.url), EventSink(out=io.StringIO(), err=io.StringIO()))
        try:  # one connection for them all (PostgreSQL counts connections)
            p = db.dialect.param
            for etype, entity in schema["types"].items():
                if db.query(f"SELECT COUNT(*) FROM cw_{etype}")[0][0]:
                    continue
                values = schema_pairs.row_values(entity["attributes"])
                db.begin()
                eid = db.dialect.insert_entity(db, etype)
                names = ["cw_eid"] + [f"cw_{name}" for name in values]
                db.execute(f"INSERT INTO cw_{etype} ({', '.join(names)}) VALUES ({', '.join([p] * len(names))})",
                           [eid, *values.values()])
                db.commit()
        finally:
            db.close()

    def test_random_schema_changes(self):
        kinds = set()
        for seed in SEEDS:
            self.reset()
            rng = random.Random(seed)
            schema = schema_pairs.random_schema(rng)
            schema_pairs.write_application(self.app, schema)
            self.ok("create")
            self.fill(schema)
            for step in range(STEPS):
                schema = schema_pairs.edited(schema, rng, EDITS)
                with open(os.path.join(self.app, "schema.py"), "w", encoding="utf-8") as handle:
                    handle.write(schema_pairs.schema_text(schema))
                where = f"seed {seed}, step {step}:\n{schema_pairs.schema_text(schema)}"
                generated = _last(self.ok("generate", "--json", "--raise-numversion"))
                self.assertEqual(generated["event"], "generated", where)
                kinds.update(c["kind"] for c in _last(self.ok("diff", "--json"))["changes"])
                where += f"\n{generated['text']}"
                left = _last(self.ok("diff", "--json", "--after-pending"))["changes"]
                self.assertEqual([c["summary"] for c in left], [], where)
                self.ok("upgrade", "--no-backup")
                code, out, _ = self.migrate("diff", "--exit-code")
                self.assertEqual(code, 0, where + "\n" + out)
                self.fill(schema)
        # The chains went through every kind of change the edits make (so the property was really exercised).
        self.assertLessEqual({"entity-type-added", "entity-type-removed", "attribute-added", "attribute-removed",
                              "attribute-changed", "relation-type-added", "relation-type-removed",
                              "relation-definition-changed", "permissions-changed"}, kinds)
