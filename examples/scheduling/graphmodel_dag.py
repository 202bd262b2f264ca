"""An Apache Airflow DAG running graphmodel jobs nightly.

Two equivalent ways are shown: the CLI through BashOperator (its exit code
fails the task: 1 data rejected or a check failed, 2 an error), and the library
through PythonOperator (``run_job_file`` raises unless the job ended ok).
Credentials come from the worker's environment (NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD, NEO4J_DATABASE), never from the DAG.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from graphmodel import run_job_file

JOB_FILE = "/opt/graphmodel/jobs/nightly.toml"

try:
    from airflow import DAG
    from airflow.operators.bash import BashOperator
    from airflow.operators.python import PythonOperator
except ImportError:  # Airflow is not installed here: the callable above still works
    DAG = None

if DAG is not None:
    with DAG(
        dag_id="graphmodel_nightly",
        schedule="0 3 * * *",
        start_date=datetime(2026, 1, 1),
        catchup=False,
        max_active_runs=1,
        default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
        tags=["graphmodel", "community"],
    ) as dag:
        cli_run = BashOperator(
            task_id="graphmodel_job_cli",
            bash_command=f"graphmodel job run {JOB_FILE} --log-json",
        )
        library_run = PythonOperator(
            task_id="graphmodel_job_library",
            python_callable=run_job_file,
            op_kwargs={"job_file": JOB_FILE},
        )
        cli_run >> library_run
