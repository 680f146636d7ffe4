"""tadqiq on Spark: add a column of findings to a DataFrame of texts.

>>> from tadqiq.spark import check_column
>>> checked = check_column(df, "text", output="findings")
>>> checked.selectExpr("id", "explode(findings) AS f").select("id", "f.rule", "f.suggestions")

The texts are checked with ``mapInPandas`` (Arrow batches): each Python worker process makes one
:class:`tadqiq.Linter` per configuration, the first time it needs it, and keeps it for every task
it runs after (a module-level cache; Spark reuses its Python workers by default). The wheel must
be installed on every worker (``spark-submit --py-files`` does not carry a compiled module: see the
README for ``--archives`` with a packed environment, or install it on the cluster's nodes).
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any, Dict, Iterator, Union

from . import Linter

__all__ = ["check_column", "findings_type", "FINDING_FIELDS"]

# The fields of each finding in the output column, in order: those of tadqiq.Finding.
FINDING_FIELDS = (
    "rule",
    "severity",
    "message",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "line",
    "column",
    "end_line",
    "end_column",
    "suggestions",
    "fix",
    "note",
)

Config = Union[None, str, "os.PathLike[str]", Dict[str, Any]]

_linters: Dict[str, Linter] = {}
_linters_lock = threading.Lock()


def findings_type():
    """The Spark type of the findings column: ``array<struct<rule, severity, message, start,
    end, byte_start, byte_end, line, column, end_line, end_column, suggestions, fix, note>>``
    (positions as int; ``start``/``end`` in code points, ``byte_*`` in UTF-8 bytes)."""
    from pyspark.sql.types import (
        ArrayType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    def s(name: str, nullable: bool = False) -> StructField:
        return StructField(name, StringType(), nullable)

    def i(name: str) -> StructField:
        return StructField(name, IntegerType(), False)

    return ArrayType(
        StructType(
            [
                s("rule"),
                s("severity"),
                s("message"),
                i("start"),
                i("end"),
                i("byte_start"),
                i("byte_end"),
                i("line"),
                i("column"),
                i("end_line"),
                i("end_column"),
                StructField("suggestions", ArrayType(StringType(), False), False),
                s("fix"),
                s("note", nullable=True),
            ]
        ),
        False,
    )


def _key(config: Config) -> str:
    if config is None:
        return "defaults"
    if isinstance(config, dict):
        return "dict:" + json.dumps(config, sort_keys=True, ensure_ascii=False)
    return "path:" + os.fspath(config)


def worker_linter(config: Config = None) -> Linter:
    """This process's linter for ``config``: made on first use, then reused."""
    key = _key(config)
    with _linters_lock:
        linter = _linters.get(key)
        if linter is None:
            linter = _linters[key] = Linter(config)
        return linter


def check_column(
    df,
    column: str = "text",
    output: str = "findings",
    *,
    config: Config = None,
    markdown: bool = False,
    threads: int = 1,
):
    """``df`` with a column ``output`` holding the findings on the string column ``column``:
    an array of structs (see :func:`findings_type`), empty for a clean text, null for a null
    text. Lazy, like any Spark transformation.

    ``config`` is as for :class:`tadqiq.Linter`; on a cluster a dict travels with the job, a
    path must exist on every worker. ``threads`` is the number of threads each Python worker
    uses for its batch: Spark already runs one task per core, so 1 is usually right.
    """
    from pyspark.sql.types import StringType, StructField, StructType

    if column not in df.columns:
        raise ValueError(f"check_column: no column {column!r} in the DataFrame ({df.columns})")
    if not isinstance(df.schema[column].dataType, StringType):
        raise TypeError(
            f"check_column: column {column!r} is {df.schema[column].dataType.simpleString()}, "
            "not string"
        )
    if output in df.columns:
        raise ValueError(f"check_column: the DataFrame already has a column {output!r}")
    if config is not None and not isinstance(config, (dict, str, os.PathLike)):
        raise TypeError(f"check_column: config must be None, a path or a dict, not {type(config)}")
    # Fail here, on the driver, for a configuration that cannot be used.
    worker_linter(config)

    schema = StructType(df.schema.fields + [StructField(output, findings_type(), True)])

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        linter = worker_linter(config)
        for pdf in batches:
            texts = pdf[column].tolist()
            present = [i for i, t in enumerate(texts) if isinstance(t, str)]
            found = linter.check_many([texts[i] for i in present], threads, markdown=markdown)
            out: list = [None] * len(texts)
            for i, fs in zip(present, found):
                out[i] = [f.to_dict() for f in fs]
            pdf[output] = out
            yield pdf

    return df.mapInPandas(run, schema)
