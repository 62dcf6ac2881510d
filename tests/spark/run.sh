#!/usr/bin/env bash
# The README's Spark path for real (issue 13): pyspark in local mode pipes
# shards of JSON Lines through `newsgraph build`, and `newsgraph merge` of
# the shards must equal one build byte for byte (tests/spark/run.py).
#
#     bash tests/spark/run.sh [INPUT...]     # default: the samples and the dev set
#
# pyspark (PyPI, about 500 MB with its jars) is not installed by .ci/run:
# give a Python that has it in $SPARK_PYTHON (e.g. a venv made with
# `python3 -m venv /work/venv-spark && /work/venv-spark/bin/pip install pyspark`).
# Without pyspark or Java 17+ this prints a notice and exits 0, unless
# CI=true. Everything lands in target/spark/.
set -euo pipefail
cd "$(dirname "$0")/../.."

py=${SPARK_PYTHON:-python3}
# Spark binds to loopback only.
export SPARK_LOCAL_IP=127.0.0.1
skip() {
    if [ "${CI:-}" = true ] && [ "${SPARK_REQUIRED:-}" = true ]; then
        echo "spark: $1" >&2; exit 1
    fi
    echo "notice: $1; skipping the Spark run" >&2; exit 0
}
"$py" -c "import pyspark" 2>/dev/null || skip "$py has no pyspark (set SPARK_PYTHON)"
java -version >/dev/null 2>&1 || skip "no java on PATH"

cargo build --release -q
if [ "$#" -eq 0 ]; then set -- data/articles tests/dev/articles; fi
"$py" tests/spark/run.py --newsgraph target/release/newsgraph --data data \
    --out target/spark --partitions "${SPARK_PARTITIONS:-4}" "$@"
