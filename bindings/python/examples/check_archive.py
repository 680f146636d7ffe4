"""Check a news archive on Spark with tadqiq: one article per row in, one finding per row out.

    spark-submit check_archive.py INPUT OUTPUT [--column text] [--config tadqiq.toml]

INPUT is a Parquet dataset with a string column (default `text`) or, if its name ends in .txt or
.txt.gz, text read one article per blank-line-separated block. OUTPUT is
written as Parquet: every input column but the text, then one row per finding (rule, severity,
message, start, end, line, column, suggestions, fix). A summary (findings by rule) is printed.
The `tadqiq` wheel must be importable by the executors' Python (see the README: "Python and
Spark").
"""

from __future__ import annotations

import argparse

try:
    import tomllib  # Python 3.11+
except ImportError:  # pragma: no cover
    import tomli as tomllib  # pip install tomli

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from tadqiq.spark import check_column


def read_articles(spark, path: str, column: str):
    if not path.rstrip("/").endswith((".txt", ".txt.gz")):
        return spark.read.parquet(path)
    # Text: one article per blank-line-separated block.
    blocks = spark.sparkContext.newAPIHadoopFile(
        path,
        "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
        "org.apache.hadoop.io.LongWritable",
        "org.apache.hadoop.io.Text",
        conf={"textinputformat.record.delimiter": "\n\n"},
    )
    rows = blocks.map(lambda kv: (kv[0], kv[1].strip("\n"))).filter(lambda kv: kv[1])
    return spark.createDataFrame(rows, f"offset long, {column} string")


def main() -> None:
    p = argparse.ArgumentParser(description="Check a news archive with tadqiq on Spark")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--column", default="text")
    p.add_argument("--config", help="a tadqiq.toml, read on the driver and sent as a dict")
    a = p.parse_args()

    # A dict travels with the job: the workers need no copy of the file (word lists named in it
    # must still exist on every worker, at the same path).
    config = None
    if a.config:
        with open(a.config, "rb") as f:
            config = tomllib.load(f)

    spark = SparkSession.builder.appName("tadqiq-check-archive").getOrCreate()
    df = read_articles(spark, a.input, a.column)
    checked = check_column(df, a.column, output="findings", config=config)
    keep = [c for c in df.columns if c != a.column]
    rows = checked.select(*keep, F.explode("findings").alias("f")).select(
        *keep,
        "f.rule", "f.severity", "f.message", "f.start", "f.end", "f.line", "f.column",
        "f.suggestions", "f.fix",
    )
    rows.write.mode("overwrite").parquet(a.output)
    spark.read.parquet(a.output).groupBy("rule").count().orderBy(F.desc("count")).show(50, False)
    spark.stop()


if __name__ == "__main__":
    main()
