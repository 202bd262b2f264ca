"""The ``load_csv`` and ``load_chat`` step kinds of job files (``graphmodel job run``)::

    [[steps]]
    kind = "load_csv"
    path = "exports/camp-7"          # an interchange directory
    name = "训练营 7"                 # optional display name
    rejects = "rejects/camp-7.csv"   # optional reject file

    [[steps]]
    kind = "load_chat"
    export = "telegram"              # telegram, slack or discord
    path = "exports/ChatExport_2024-05-01/result.json"
"""

from __future__ import annotations

from graphmodel.jobs.steps import StepKind, StepOutcome, register


def run_load_step(connection, job, params) -> StepOutcome:
    from graphmodel.loaders.directory import load_directory

    summary = load_directory(connection, job.path(params["path"]), job.community,
                             name=params.get("name"), reject_path=_rejects(job, params),
                             lock=False)  # the job holds the community's lock
    return _outcome(summary)


def run_load_chat_step(connection, job, params) -> StepOutcome:
    from graphmodel.loaders.chat import load_export

    conversion, summary = load_export(
        connection, params.get("export", ""), job.path(params["path"]), job.community, name=params.get("name"),
        reject_path=_rejects(job, params), lock=False)  # the job holds the community's lock
    outcome = _outcome(summary)
    outcome.counts.update(messages=conversion.messages, not_mapped=sum(conversion.skipped.values()))
    return outcome


def _rejects(job, params):
    return job.path(params["rejects"]) if params.get("rejects") else None


def _outcome(summary) -> StepOutcome:
    counts = {"loaded": summary.loaded, "rejected": summary.rejected,
              "outsiders_created": summary.outsiders_created,
              **{f"{t.table}_loaded": t.loaded for t in summary.tables}}
    message = (f"{summary.loaded} rows loaded, {summary.rejected} rejected, "
               f"{summary.outsiders_created} outsiders created")
    if summary.reject_path:
        message += f"; rejects in {summary.reject_path}"
    return StepOutcome(counts, rejected=summary.rejected, message=message)


LOAD_STEP = StepKind("load_csv", ("path", "name", "rejects"), run_load_step,
                     "load an interchange directory (CSV/JSONL)")
register(LOAD_STEP)
register(StepKind("load_chat", ("export", "path", "name", "rejects"), run_load_chat_step,
                  "load a Telegram, Slack or Discord export"))
