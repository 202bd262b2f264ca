import pytest

from graphmodel.core.errors import InvalidIdentifier
from graphmodel.core.model import check_identifier, role_name, roles
from graphmodel.server.versions import GDS_VERSION, NEO4J_VERSION, parse_version


def test_vocabulary_has_every_domain_role_in_both_languages():
    vocabulary = roles()
    assert set(vocabulary) == {
        "manager", "leader", "executor", "follower", "connector", "contributor",
        "seed_user", "participant", "lurker",
    }
    for role in vocabulary.values():
        assert role.en and role.zh and role.description_en and role.description_zh
        assert role.family in {"belonging", "outside", "lifecycle"}


@pytest.mark.parametrize("text,expected", [
    ("KOL", "leader"), ("意见领袖", "leader"), ("群主", "manager"), ("  Seed   User ", "seed_user"),
    ("鼓励官", "executor"), ("围观者", "lurker"), ("nobody", None), ("", None),
])
def test_role_names_in_english_and_chinese(text, expected):
    assert role_name(text) == expected


def test_whitelist_rejects_hostile_identifiers():
    assert check_identifier("Member", ("Member", "Event"), "label") == "Member"
    with pytest.raises(InvalidIdentifier):
        check_identifier("Member`) DETACH DELETE n //", ("Member",), "label")


def test_versions_pinned_in_pom():
    assert parse_version(NEO4J_VERSION)[:2] == (5, 26)
    assert parse_version(GDS_VERSION)[:2] == (2, 13)
    assert parse_version("2025.01.0-aura") == (2025, 1, 0)
