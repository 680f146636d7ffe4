#!/usr/bin/env bash
# The Python binding (bindings/python): build the wheel with maturin, install it into a venv
# under target/, and run its tests with pytest, the Spark one included (local[2]). Called by
# .ci/run after the cargo tests, whose `target/release/tadqiq` the tests compare with.
#
# Installs what it needs: Java for Spark from Debian (when no `java` is on PATH), and maturin,
# pytest, pandas, pyarrow and pyspark from PyPI into target/python-venv. The binding's code is
# tested from Python only (bindings/python/tests): its Rust has no tests of its own, which would
# need libpython linked.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv=$root/target/python-venv
started=$SECONDS

if ! command -v java >/dev/null 2>&1; then
    echo "== installing Java for Spark (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq openjdk-17-jre-headless >/dev/null ||
        apt-get install -y -qq default-jre-headless >/dev/null
fi

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
echo "== installing the test requirements into $venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r bindings/python/requirements-test.txt

echo "== building the wheel (maturin) [$((SECONDS - started)) s]"
# The top's target directory: dependencies built with the same features are shared (the core
# itself is compiled again: the top workspace unifies more features on its dependencies).
export CARGO_TARGET_DIR=$root/target
rm -rf "$root/target/wheels"
"$venv/bin/maturin" build --release --locked -q -m bindings/python/Cargo.toml \
    -i "$venv/bin/python" -o "$root/target/wheels"
"$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps \
    "$root"/target/wheels/tadqiq-*.whl

echo "== pytest [$((SECONDS - started)) s]"
# Run from tests/ so that the installed wheel, not the source tree, is imported.
(cd bindings/python/tests &&
    TADQIQ_BIN="$root/target/release/tadqiq" "$venv/bin/python" -m pytest -q -p no:cacheprovider .)
echo "== python binding: $((SECONDS - started)) s"
