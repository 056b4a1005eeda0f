import json
from pathlib import Path

from compare.schema import json_schemas

DOCS = Path(__file__).parent.parent / "docs" / "schema"


def test_committed_json_schemas_are_current():
    """Other tools read docs/schema/*.json: it must match the models (`make schema` regenerates)."""
    for name, schema in json_schemas().items():
        committed = json.loads((DOCS / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert committed == schema, f"docs/schema/{name}.schema.json is stale: run make schema"
