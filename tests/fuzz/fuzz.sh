#!/bin/bash
# Builds and runs the libFuzzer targets (AddressSanitizer + UndefinedBehaviorSanitizer, any UB report is a
# crash) with clang, whatever compiler the main build uses. docs/testing.md, "Fuzzing".
#
#   fuzz.sh TARGET SECONDS [WORKDIR]      run one target (or `all`, one after another) for SECONDS each
#   fuzz.sh --long TARGET HOURS [WORKDIR] the same for HOURS (long mode; never run by ctest)
#   fuzz.sh --runs TARGET N [WORKDIR]     run until N inputs have been executed, however long that takes
#   fuzz.sh --merge TARGET [WORKDIR]      add to the committed seeds only the inputs of WORKDIR's corpus that
#                                         reach coverage they do not (libFuzzer's -merge=1)
#   fuzz.sh --build TARGET [WORKDIR]      build only (`all` builds every target)
#   fuzz.sh --list                        the targets
#
# A target NAME is tests/fuzz/NAME.cpp, its core sources tests/fuzz/NAME.sources (one path a line, from the
# repository root; `#` starts a comment; `lib: -lfoo` adds link flags), its dictionary tests/fuzz/NAME.dict
# and its committed seeds tests/fuzz/corpus/NAME/ (read, never written but by --merge). New inputs go to
# WORKDIR/corpus/NAME, crashes to WORKDIR/artifacts/. Object files are shared between targets and rebuilt
# only when a source or a header it includes changes. Without clang++, or when clang cannot link libFuzzer
# and the sanitizers (libclang-rt-14-dev), it says SKIPPED and exits 77 (ctest's skip code here).
# The last line of a run is one summary: target, executions, executions a second, cov, ft, corpus, seconds.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
mode=run
case "${1:-}" in
--long) mode=long; shift ;;
--build) mode=build; shift ;;
--runs) mode=runs; shift ;;
--merge) mode=merge; shift ;;
--list) for f in "$HERE"/*.sources; do basename "$f" .sources; done; exit 0 ;;
""|-h|--help) sed -n 2,20p "$0"; exit 2 ;;
esac
TARGET="${1:?target}"
if [ "$mode" = build ] || [ "$mode" = merge ]; then AMOUNT=0; WORK="${2:-${TMPDIR:-/tmp}/throughline-fuzz}"
else AMOUNT="${2:?seconds, hours or runs}"; WORK="${3:-${TMPDIR:-/tmp}/throughline-fuzz}"; fi
CXX=$(command -v clang++ || true)
if [ -z "$CXX" ]; then
  echo "SKIPPED: clang++ not found (the fuzz targets need clang and libclang-rt-14-dev)"; exit 77
fi
mkdir -p "$WORK/obj" "$WORK/bin" "$WORK/corpus" "$WORK/artifacts"
# clang without its sanitizer and libFuzzer runtimes (libclang-rt-14-dev) compiles but cannot link.
if [ ! -x "$WORK/bin/probe" ]; then
  echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' >"$WORK/probe.cpp"
  if ! "$CXX" -fsanitize=fuzzer,address,undefined "$WORK/probe.cpp" -o "$WORK/bin/probe" >"$WORK/probe.log" 2>&1; then
    echo "SKIPPED: clang++ cannot link libFuzzer and the sanitizers (install libclang-rt-14-dev):"
    head -5 "$WORK/probe.log"; exit 77
  fi
fi

if [ "$TARGET" = all ]; then targets=$("$0" --list); else targets="$TARGET"; fi
for t in $targets; do [ -f "$HERE/$t.sources" ] || { echo "no such target: $t (fuzz.sh --list)"; exit 2; }; done

INCLUDES=(-I"$SRC")
for m in "$SRC"/core/*/include; do INCLUDES+=(-I"$m"); done
INCLUDES+=(-I"$SRC/core/sync/src" -I/usr/include/sqlcipher -I/usr/include/imgui -DSQLITE_HAS_CODEC)
CXXFLAGS=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
  -fno-sanitize-recover=undefined -fsanitize-ignorelist="$HERE/ubsan-ignore.txt")

# Objects made with other flags (or from another checkout) are thrown away.
flags="$CXX ${CXXFLAGS[*]} ${INCLUDES[*]}"
if [ "$(cat "$WORK/obj/flags" 2>/dev/null)" != "$flags" ]; then
  rm -f "$WORK"/obj/*.o "$WORK"/obj/*.d; echo "$flags" >"$WORK/obj/flags"
fi

obj_of() { echo "$WORK/obj/$(echo "$1" | tr '/' '_').o"; }
# Whether a source's object is missing or older than it or any header it included.
stale() {
  local obj dep f
  obj=$(obj_of "$1"); dep="${obj%.o}.d"
  [ -f "$obj" ] && [ -f "$dep" ] || return 0
  for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$dep"); do [ "$f" -nt "$obj" ] && return 0; done
  return 1
}
compile() {
  local obj; obj=$(obj_of "$1")
  echo "  clang++ $1" >&2
  nice -n 10 "$CXX" "${CXXFLAGS[@]}" "${INCLUDES[@]}" -MMD -MF "${obj%.o}.d" -c "$SRC/$1" -o "$obj"
}
# A target's sources (its own .cpp first) and link flags.
sources_of() {
  local line; echo "tests/fuzz/$1.cpp"
  while IFS= read -r line; do
    line="${line%%#*}"; line="${line%"${line##*[![:space:]]}"}"
    [ -n "$line" ] && [[ $line != lib:* ]] && echo "$line"
  done <"$HERE/$1.sources"
}
libs_of() { sed -n 's/^lib://p' "$HERE/$1.sources"; }

# Every stale object of the chosen targets, FUZZ_JOBS (default 2) at a time, then each target's link.
todo=$(for t in $targets; do sources_of "$t"; done | sort -u | while read -r s; do stale "$s" && echo "$s"; done || true)
running=0
for s in $todo; do
  compile "$s" &
  running=$((running + 1))
  if [ $running -ge "${FUZZ_JOBS:-2}" ]; then wait -n || { wait; echo "FAILED: compiling"; exit 1; }; running=$((running - 1)); fi
done
while [ $running -gt 0 ]; do wait -n || { wait; echo "FAILED: compiling"; exit 1; }; running=$((running - 1)); done
for t in $targets; do
  bin="$WORK/bin/fuzz_$t"; objs=(); relink=0
  for s in $(sources_of "$t"); do o=$(obj_of "$s"); objs+=("$o"); [ "$o" -nt "$bin" ] && relink=1; done
  [ -f "$bin" ] && [ "$bin" -nt "$HERE/$t.sources" ] || relink=1
  if [ $relink = 1 ]; then
    echo "  link fuzz_$t" >&2
    # shellcheck disable=SC2046 # the link flags are words
    nice -n 10 "$CXX" "${CXXFLAGS[@]/fuzzer-no-link/fuzzer}" "${objs[@]}" $(libs_of "$t") -o "$bin"
  fi
done
[ "$mode" = build ] && { echo "built: $targets"; exit 0; }

if [ "$mode" = merge ]; then
  for t in $targets; do
    before=$(ls "$HERE/corpus/$t" | wc -l)
    nice -n 15 "$WORK/bin/fuzz_$t" -merge=1 -rss_limit_mb=2048 -max_len=8192 -timeout=10 \
      "$HERE/corpus/$t" "$WORK/corpus/$t" >"$WORK/$t.merge.log" 2>&1 || {
      tail -20 "$WORK/$t.merge.log"; echo "FAILED: merging fuzz_$t"; exit 1; }
    echo "fuzz_$t: committed seeds $before -> $(ls "$HERE/corpus/$t" | wc -l) files, $(du -sh "$HERE/corpus/$t" | cut -f1)"
  done
  exit 0
fi

for t in $targets; do
  case "$mode" in
  long) limits=(-max_total_time="$(awk "BEGIN { printf \"%d\", $AMOUNT * 3600 }")") ;;
  runs) limits=(-runs="$AMOUNT") ;;
  *) limits=(-max_total_time="$AMOUNT") ;;
  esac
  corpus="$WORK/corpus/$t"; log="$WORK/$t.log"
  mkdir -p "$corpus"
  started=$(date +%s)
  # Seeds a target writes itself (valid inputs made with the real encoders) go to the working corpus.
  THROUGHLINE_FUZZ_SEED_DIR="$corpus" nice -n 15 "$WORK/bin/fuzz_$t" "${limits[@]}" \
    -rss_limit_mb=2048 -max_len=8192 -timeout=10 -print_final_stats=1 -dict="$HERE/$t.dict" \
    -artifact_prefix="$WORK/artifacts/$t-" "$corpus" "$HERE/corpus/$t" >"$log" 2>&1 || {
    tail -60 "$log"; echo "FAILED: fuzz_$t (log $log, input in $WORK/artifacts/)"; exit 1; }
  seconds=$(($(date +%s) - started))
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(echo "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$done_line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$done_line" | sed -n 's/.*corp: \([^ ]*\).*/\1/p')
  echo "fuzz_$t: no crash, leak or UB report; execs $execs, exec/s $rate, cov $cov, ft $ft, corpus $corp, ${seconds} s"
done
