import re

import pytest

from graphmodel.core.community_ids import MAX_COMMUNITY_ID, SLUG_BYTES, checked_community, file_slug
from graphmodel.core.errors import InvalidCommunityId


@pytest.mark.parametrize("community", ["camp-2024", "训练营 2024", "x-../../../escape", "a/b", "Ünïcode",
                                       "x" * MAX_COMMUNITY_ID])
def test_valid_ids_are_kept_exactly(community):
    assert checked_community(community) == community


@pytest.mark.parametrize("community, says", [
    ("", "empty"), ("   ", "empty"), ("x" * (MAX_COMMUNITY_ID + 1), f"at most {MAX_COMMUNITY_ID}"),
    ("x" * 5_004, "5,004 characters long"), ("a\nb", "control character (U+000A) at position 2"),
    ("a\x00", "control character (U+0000)"), ("report\u202eLMTH.exe", "bidirectional control character (U+202E)"),
    ("\ud800", "control character (U+D800)"), (42, "must be text"),
])
def test_ids_that_cannot_be_used_are_refused_saying_why(community, says):
    with pytest.raises(InvalidCommunityId, match=re.escape(says)):
        checked_community(community)


def test_a_plain_id_is_its_own_slug():
    assert file_slug("camp-2024") == "camp-2024"
    assert file_slug("训练营") == "训练营"


@pytest.mark.parametrize("community", ["x-../../../escape", "../../etc/passwd", "a/b", "a\\b", "..", ".hidden",
                                       "evil\u202egnp.exe", "C:\\temp\\x", "a b", "~root", "*?<>|\":"])
def test_slugs_are_one_plain_file_name(community):
    slug = file_slug(community)
    assert slug and "/" not in slug and "\\" not in slug and not slug.startswith(".")
    assert all(ch.isalnum() or ch in "-_." for ch in slug), slug
    assert "\u202e" not in slug


def test_ids_that_differ_in_replaced_characters_get_different_slugs():
    assert len({file_slug(c) for c in ("a/b", "a?b", "a b", "a-b", "a:b")}) == 5


def test_long_ids_give_short_file_names():
    for community in ("训" * MAX_COMMUNITY_ID, "x" * MAX_COMMUNITY_ID, "😀" * MAX_COMMUNITY_ID):
        slug = file_slug(community)
        assert len(slug.encode("utf-8")) <= SLUG_BYTES + 9
        assert len(f"graphmodel-rejects-{slug}.csv".encode()) < 255
