"""tadqiq.spark on a local Spark (local[2]): a DataFrame of a few hundred texts from fixtures/,
whose findings column equals the command line's JSON for the same texts."""

from __future__ import annotations

import os
import sys

import pytest
import tadqiq
from conftest import cli_key, finding_key
from pyspark.sql import SparkSession
from tadqiq.spark import FINDING_FIELDS, check_column


@pytest.fixture(scope="module")
def spark():
    # The workers run this interpreter, which has tadqiq installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("tadqiq-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_the_findings_column_equals_the_cli_json(spark, texts, cli_results):
    rows = [(i, t) for i, t in enumerate(texts)] + [(len(texts), None)]
    assert len(texts) >= 200
    df = spark.createDataFrame(rows, "id long, text string").repartition(4)
    out = check_column(df, "text", output="findings")
    assert out.columns == ["id", "text", "findings"]
    got = {r["id"]: r["findings"] for r in out.collect()}
    assert got.pop(len(texts)) is None  # a null text has null findings
    assert sorted(got) == list(range(len(texts)))
    flagged = 0
    for i, expected in enumerate(cli_results):
        findings = [row.asDict(recursive=True) for row in got[i]]
        assert all(tuple(f) == FINDING_FIELDS for f in findings)
        assert [finding_key(f) for f in findings] == [cli_key(d) for d in expected], i
        flagged += bool(findings)
    assert flagged > 50


def test_a_configuration_travels_to_the_workers(spark, texts):
    df = spark.createDataFrame([(t,) for t in texts[:40]], "text string")
    out = check_column(df, config={"rules": {"spelling": "off"}}, output="f")
    rules = {r["rule"] for row in out.select("f").collect() for r in row["f"]}
    assert rules and "tadqiq/spelling" not in rules
    default = {f.rule for t in texts[:40] for f in tadqiq.check(t)}
    assert rules == default - {"tadqiq/spelling"}


def test_bad_arguments_fail_on_the_driver(spark):
    df = spark.createDataFrame([(1, "نص")], "id long, body string")
    with pytest.raises(ValueError, match="no column 'text'"):
        check_column(df)
    with pytest.raises(TypeError, match="not string"):
        check_column(df, "id")
    with pytest.raises(ValueError, match="already has a column 'body'"):
        check_column(df, "body", output="body")
    with pytest.raises(tadqiq.ConfigError):
        check_column(df, "body", config={"rules": {"nope": "off"}})
