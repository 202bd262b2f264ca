from pathlib import Path

import pytest

from graphmodel.core.config import load_settings
from graphmodel.core.errors import ConfigurationError


def test_defaults(tmp_path):
    settings = load_settings(environ={"GRAPHMODEL_HOME": str(tmp_path)})
    assert settings.home == tmp_path
    assert settings.uri is None and settings.uses_local_server
    assert settings.bolt_port == 7687 and settings.http_port is None
    assert settings.database == "neo4j" and settings.username == "neo4j"


def test_precedence_flag_env_file_default(tmp_path):
    (tmp_path / "config.toml").write_text('bolt_port = 7001\nheap = "2g"\ndatabase = "filedb"\n')
    env = {"GRAPHMODEL_HOME": str(tmp_path), "GRAPHMODEL_BOLT_PORT": "7002", "NEO4J_DATABASE": "envdb"}
    settings = load_settings({"database": "flagdb"}, environ=env)
    assert settings.database == "flagdb"  # flag beats env and file
    assert settings.bolt_port == 7002  # env beats file
    assert settings.heap == "2g"  # file beats default
    assert settings.pagecache == "8g"  # default


def test_config_file_from_env_variable(tmp_path):
    config = tmp_path / "elsewhere.toml"
    config.write_text("bolt_port = 7010\n")
    env = {"GRAPHMODEL_HOME": str(tmp_path / "home"), "GRAPHMODEL_CONFIG": str(config)}
    assert load_settings(environ=env).bolt_port == 7010


@pytest.mark.parametrize("key,value", [("GRAPHMODEL_BOLT_PORT", "99999"), ("GRAPHMODEL_HEAP", "lots")])
def test_invalid_values_name_the_setting_and_origin(tmp_path, key, value):
    with pytest.raises(ConfigurationError, match=key):
        load_settings(environ={"GRAPHMODEL_HOME": str(tmp_path), key: value})


def test_unknown_key_in_config_file(tmp_path):
    (tmp_path / "config.toml").write_text("bolt_prot = 1\n")
    with pytest.raises(ConfigurationError, match="bolt_prot"):
        load_settings(environ={"GRAPHMODEL_HOME": str(tmp_path)})


def test_password_never_in_repr(tmp_path):
    settings = load_settings(environ={"GRAPHMODEL_HOME": str(tmp_path), "NEO4J_PASSWORD": "s3cr3t-pw"})
    assert settings.password == "s3cr3t-pw"
    assert "s3cr3t-pw" not in repr(settings)


def test_invalid_secret_is_not_echoed(tmp_path):
    # password has no parser that can fail, so check a failing port shows its value, not a secret
    with pytest.raises(ConfigurationError) as info:
        load_settings(environ={"GRAPHMODEL_HOME": str(tmp_path), "GRAPHMODEL_HTTP_PORT": "x"})
    assert "'x'" in str(info.value)


def test_home_defaults_to_user_data_dir(monkeypatch):
    settings = load_settings(environ={})
    assert isinstance(settings.home, Path) and "graphmodel" in str(settings.home)
