#!/bin/sh
# Runs the fuzz targets one after another, one job each (the machine is
# shared), for $FUZZ_SECS seconds each (default 1800), logging to
# target/fuzz-logs/<target>.log and a one-line verdict per target to
# target/fuzz-logs/summary.
#
#   nohup fuzz/run.sh > /dev/null 2>&1 &          # all three, 30 min each
#   FUZZ_SECS=60 fuzz/run.sh extract               # one, briefly
#
# New inputs go to target/fuzz-corpus/<target>; the committed seeds in
# fuzz/corpus/<target> are read, not written (merge the interesting ones
# back by hand with `cargo fuzz cmin`, keeping the folder small).
#
# The extract target loads the lexicon from a snapshot of data/ taken when
# its run starts (the lexicons change while we fuzz); a snapshot that does
# not load is retried every minute for up to 30 minutes.
set -u
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
LOG=${FUZZ_LOG:-target/fuzz-logs}
mkdir -p "$LOG" target
SECS=${FUZZ_SECS:-1800}
TARGETS=${*:-normalize sentences extract}
BIN=fuzz/target/x86_64-unknown-linux-gnu/release
note() { echo "$(date -Is) $*" >> "$LOG/summary"; }

note "building $TARGETS"
if ! cargo fuzz build $TARGETS > "$LOG/build.log" 2>&1; then
    # cargo fuzz build takes one target or all of them.
    cargo fuzz build >> "$LOG/build.log" 2>&1 || { note "build failed, see build.log"; exit 1; }
fi
for t in $TARGETS; do
    if [ "$t" = extract ]; then
        tries=0
        while :; do
            rm -rf target/fuzz-data.new && cp -r data target/fuzz-data.new
            seed=$(ls fuzz/corpus/extract | head -1)
            if NEWSGRAPH_DATA=target/fuzz-data.new "$BIN/extract" "fuzz/corpus/extract/$seed" > "$LOG/extract-check.log" 2>&1; then
                rm -rf target/fuzz-data && mv target/fuzz-data.new target/fuzz-data
                break
            fi
            tries=$((tries + 1))
            if [ $tries -ge 30 ]; then note "extract: data/ never loaded, see extract-check.log"; continue 2; fi
            sleep 60
        done
        export NEWSGRAPH_DATA=target/fuzz-data
    fi
    mkdir -p "target/fuzz-corpus/$t"
    note "$t: start, $SECS s"
    RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "target/fuzz-corpus/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$SECS" -timeout=10 -print_final_stats=1 > "$LOG/$t.log" 2>&1
    rc=$?
    note "$t: exit $rc ($(grep -c 'SUMMARY\|panicked' "$LOG/$t.log") crash lines)"
done
note "done"
