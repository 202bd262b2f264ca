"""Domain errors. Each carries a message a user can act on.

The CLI maps them to exit codes in one place (``graphmodel.cli.errors``), and a job
ends with the same code for the same error:
``DataRejected`` and ``CheckFailed`` are the user's data or model (exit 1),
everything else is an error the user must fix before anything runs (exit 2).
"""

from __future__ import annotations

#: exit codes, the same from the CLI and from a job: success; a problem in the user's data
#: or a failed check; an error that stopped the work
EXIT_OK, EXIT_DATA, EXIT_ERROR = 0, 1, 2


class GraphModelError(Exception):
    """Base class of every error graphmodel raises on purpose."""

    exit_code = EXIT_ERROR


class ConfigurationError(GraphModelError):
    """A setting is missing or malformed."""


class ServerError(GraphModelError):
    """The local Neo4j server cannot be assembled, started or stopped."""


class JavaNotFound(ServerError):
    """No usable Java runtime."""


class MavenError(ServerError):
    """Maven is missing or failed to assemble the server."""


class PortInUse(ServerError):
    """The Bolt port is taken by another program."""


class ConnectionFailed(GraphModelError):
    """Neo4j cannot be reached."""


class AuthenticationFailed(GraphModelError):
    """Neo4j rejected the credentials."""


class IncompatibleServer(GraphModelError):
    """Neo4j or GDS is missing or too old."""


class QueryNotFound(GraphModelError):
    """No named Cypher query by that name."""


class InvalidIdentifier(GraphModelError):
    """A label, type or property name from a user is not on the whitelist."""


class InvalidCommunityId(InvalidIdentifier):
    """A community id is empty, too long or holds control characters."""


class InputError(GraphModelError):
    """An input file cannot be read at all (encoding, missing column, ...)."""


class DataRejected(GraphModelError):
    """Some rows were rejected; the good rows were loaded."""

    exit_code = EXIT_DATA


class CheckFailed(GraphModelError):
    """A check on the user's community failed."""

    exit_code = EXIT_DATA


class QueryParameterError(GraphModelError):
    """A query parameter is missing, unknown or of the wrong type."""


class QueryFailed(GraphModelError):
    """The server refused or failed an analyst's query (syntax, a write, a timeout)."""


class QueryRefused(QueryFailed):
    """graphmodel refused an analyst's query before sending it: it calls a procedure, function
    or command that is not on the allow-list (``graphmodel.core.cypher_guard``)."""


class UnknownCommunity(GraphModelError):
    """No community with that id in the graph."""

    exit_code = EXIT_DATA


class LockTimeout(GraphModelError):
    """Another run holds the community's lock and did not release it in time."""


class AnalysisTooLarge(GraphModelError):
    """The analysis would not fit in the server's heap."""


class NoAnalysis(GraphModelError):
    """The community has no (finished) analysis run."""


class DeliveryFailed(GraphModelError):
    """A digest could not be delivered (webhook, chat bot or mail server)."""
