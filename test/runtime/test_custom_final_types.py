"""A final type a schema registers (yams.register_base_type + make_type, postgis' Geometry) that the runtime
has no column type for: `create` refuses it before writing anything, naming the schema file, the attribute's
line and the fix; `add_attribute` in an upgrade refuses it the same way. A make_type of a built-in type
(the tracker cube's `Load = make_type('Float')`) is stored as that type. SQLite and PostgreSQL."""
from __future__ import annotations

import os

from runtime_case import RuntimeCase, on_both_databases

GEOMETRY = """
from yams import register_base_type
register_base_type('Geometry', ('geom_type', 'srid'))
Geometry = make_type('Geometry')


class _Located(EntityType):
    name = String(required=True)


class Place(_Located):
    title = String()
    location = Geometry(geom_type='POINT', srid=4326)
"""


@on_both_databases
class CustomFinalTypes(RuntimeCase):
    def test_create_refuses_a_type_without_column_type(self) -> None:
        self.application(GEOMETRY)
        code, out, err = self.migrate("create")
        self.assertEqual(code, 1, out + err)
        schema_py = os.path.join(self.app, "schema.py")
        self.assertIn(f"{schema_py}:14:", err)  # the line of `location = Geometry(...)`
        self.assertIn("Place.location is of type Geometry", err)
        self.assertIn("register_base_type", err)
        self.assertIn("Declare the attribute with one of them", err)
        self.assertEqual(self.tables(), [])  # nothing written

    def test_create_refuses_it_in_json_with_file_and_line(self) -> None:
        self.application(GEOMETRY)
        code, out, err = self.migrate("create", "--json")
        self.assertEqual(code, 1)
        import json
        error = [json.loads(line) for line in out.splitlines() if line.startswith("{")][-1]
        self.assertEqual(error["event"], "error")
        self.assertEqual((os.path.basename(error["file"]), error["line"]), ("schema.py", 14))

    def test_add_attribute_refuses_it_in_an_upgrade(self) -> None:
        self.create("class Place(EntityType):\n    name = String(required=True)\n")
        self.application(GEOMETRY.replace("class Place(_Located):\n", "class Place(EntityType):\n    name = String(required=True)\n"),
                         version="0.2.0", scripts={"0.2.0_Any.py": "add_attribute('Place', 'location')\n"})
        code, out, err = self.migrate("upgrade")
        self.assertEqual(code, 1, out + err)
        self.assertIn("Place.location is of type Geometry", err)
        self.assertIn("schema.py:", err)
        self.assertNotIn("cw_location", self.columns("cw_Place"))

    def test_a_make_type_of_a_built_in_type_is_stored_as_it(self) -> None:
        self.create("Load = make_type('Float')\n\nclass Ticket(EntityType):\n    load = Load()\n")
        self.assertEqual(self.columns("cw_Ticket")["cw_load"][0], "float8")
