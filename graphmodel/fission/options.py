"""The norms and knobs of fission, each a key of the config file's ``[fission]`` table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from graphmodel.core.config import checked_table
from graphmodel.core.errors import ConfigurationError
from graphmodel.core.norms import Thresholds
from graphmodel.fission.critical import PERIODS


@dataclass(frozen=True)
class FissionOptions:
    """Norms and knobs, each a key of the config file's ``[fission]`` table.

    Cascades: ``layering_depth``: generations below a root the layering norm allows
    (core KOL -> KOL layer -> members: 2); ``small_circle``: circles up to this size
    count as small for repeated-share decay and internal echo (Dunbar's 50);
    ``period``: day, week or month; ``sustain``: periods the cohort reproduction must
    stay >= 1; ``top``: rows per ranked list; ``min_cascade_size``: smallest cascade
    written as a Cascade node.

    Quality of invitations (``graphmodel.fission.quality``): ``activation_days``: an
    invitee who starts an interaction within this many days of joining is activated
    (7); ``retention_days`` and ``long_retention_days``: one who starts one this many
    days or more after joining is retained (30 and 60).

    Fraud signals (``graphmodel.fission.fraud``): ``burst_joins`` joins of one
    inviter's invitees within ``burst_minutes`` are a burst (5 in 10); a star farm is
    ``star_farm_invitees`` or more hollow invitees making ``star_farm_share`` or more of
    the inviter's joins (5, 0.8); reward harvesting is ``harvest_invitees`` or more
    invitees leaving within ``harvest_days`` of joining, ``harvest_share`` or more of
    the joins (3, 3 days, 0.5); a chain of new accounts is ``new_account_chain`` or
    more invitations in a row, each sent within ``new_account_days`` of the sender's
    own join by an account that never took part (3, 1 day); low retention needs
    ``low_retention_invitees`` or more invitees old enough, retained at less than
    ``low_retention_ratio`` times the community's rate with a binomial tail below
    ``low_retention_p`` (10, 0.5, 0.01).

    Internal echo (``graphmodel.fission.echo``): ``echo_min_shares`` shares among the
    same staff or small circle that brought nobody in make a finding (10).
    """

    layering_depth: int = 2
    small_circle: int = 50
    period: str = "month"
    sustain: int = 2
    top: int = 20
    min_cascade_size: int = 2
    activation_days: int = 7
    retention_days: int = 30
    long_retention_days: int = 60
    burst_minutes: int = 10
    burst_joins: int = 5
    star_farm_invitees: int = 5
    star_farm_share: float = 0.8
    harvest_days: int = 3
    harvest_invitees: int = 3
    harvest_share: float = 0.5
    new_account_days: int = 1
    new_account_chain: int = 3
    low_retention_invitees: int = 10
    low_retention_ratio: float = 0.5
    low_retention_p: float = 0.01
    echo_min_shares: int = 10

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ConfigurationError(f"fission period must be one of {', '.join(PERIODS)}; "
                                     f"got {self.period!r}")
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "int" and (isinstance(value, bool) or not isinstance(value, int)
                                    or value < (0 if f.name == "layering_depth" else 1)):
                raise ConfigurationError(f"fission option {f.name} must be a positive integer; "
                                         f"got {value!r}")
            if f.type == "float" and (isinstance(value, bool) or not isinstance(value, (int, float))
                                      or not 0 < value <= 1):
                raise ConfigurationError(f"fission option {f.name} must be a number above 0 and "
                                         f"at most 1; got {value!r}")
        if self.long_retention_days < self.retention_days:
            raise ConfigurationError("fission option long_retention_days must be at least retention_days; "
                                     f"got {self.long_retention_days} < {self.retention_days}")

    @classmethod
    def from_config(cls, tables: Mapping[str, Mapping[str, Any]] | None = None,
                    source: str | Path | None = None, **overrides: Any) -> FissionOptions:
        """From the config file's ``[fission]`` table; ``layering_depth`` and ``small_circle``
        default to the norms of ``[thresholds]`` (``layering_depth``, ``dunbar_small``), so a
        norm is set once for both analyses. ``overrides`` (those not None) win."""
        tables = tables or {}
        norms = checked_table(dict(tables.get("thresholds", {})), Thresholds(), "thresholds", source)
        values: dict[str, Any] = {"layering_depth": norms.get("layering_depth", Thresholds.layering_depth),
                                  "small_circle": norms.get("dunbar_small", Thresholds.dunbar_small)}
        values.update(checked_table(dict(tables.get("fission", {})), cls(), "fission", source))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
