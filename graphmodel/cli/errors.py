"""Library errors to messages and exit codes, in one place.

0 success; 1 a problem in the user's data (rows rejected, a check failed, an unknown
community); 2 an error that stopped the command (configuration, server, bug). A job
ends with the same code for the same cause (``graphmodel.jobs.JobResult.exit_code``).
"""

from __future__ import annotations

import os
import traceback
from typing import Any

import click
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graphmodel.core.errors import EXIT_ERROR, GraphModelError


class GraphModelGroup(click.Group):
    """A command group whose commands' errors become a message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphModelError as exc:
            raise _exit(str(exc), exc.exit_code) from exc
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except (ServiceUnavailable, SessionExpired) as exc:  # the server went away mid-command
            raise _exit(
                f"lost the connection to Neo4j ({type(exc).__name__}: {exc}), and retrying "
                "(GRAPHMODEL_RETRY_SECONDS) did not bring it back. Start the server again "
                "(graphmodel server start, or check NEO4J_URI) and rerun the command: loads and "
                "analyses are safe to rerun and end with the same graph.", EXIT_ERROR) from exc
        except Exception as exc:  # an unexpected error: exit 2, traceback on request
            if os.environ.get("GRAPHMODEL_DEBUG"):
                traceback.print_exc()
            raise _exit(f"unexpected error: {type(exc).__name__}: {exc} "
                        "(GRAPHMODEL_DEBUG=1 shows the traceback)", EXIT_ERROR) from exc


def _exit(message: str, code: int) -> click.ClickException:
    error = click.ClickException(message)
    error.exit_code = code
    return error
