import pytest

from graphmodel.core.errors import QueryNotFound
from graphmodel.graph import cypher


def test_every_file_loads_with_a_description():
    names = cypher.names()
    assert "schema" in names and "community_delete" in names
    for name in names:
        query = cypher.load(name)
        assert query.description, f"{name}.cypher needs a first comment line describing it"
        assert query.text.strip()


def test_params_are_parsed():
    query = cypher.load("community_delete")
    assert query.params[0].name == "community"
    assert query.params[0].description == "the community id"
    assert query.params[0].type == "string" and query.params[0].required


@pytest.mark.parametrize("name", ["nope", "../schema", "Schema", "x;y"])
def test_unknown_or_malformed_names(name):
    with pytest.raises(QueryNotFound):
        cypher.load(name)


def test_every_declared_param_is_used_in_the_text():
    for name in cypher.names():
        query = cypher.load(name)
        body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("//"))
        for param in query.params:
            assert f"${param.name}" in body, f"{name}: ${param.name} declared but not used"
