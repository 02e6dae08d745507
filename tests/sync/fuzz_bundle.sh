#!/bin/bash
# Builds the bundle-parser fuzz target with clang (libFuzzer + AddressSanitizer) and runs it for a bounded
# time. Usage: fuzz_bundle.sh SOURCE_DIR WORK_DIR SECONDS. Without clang++ it says SKIPPED.
set -euo pipefail
SRC="$1"; WORK="$2"; SECONDS_TO_RUN="$3"
CXX=$(command -v clang++ || true)
if [ -z "$CXX" ]; then echo "SKIPPED: clang++ not found"; exit 0; fi
mkdir -p "$WORK/corpus"
CORE="$SRC/core"
INCLUDES=()
for m in "$CORE"/*/include; do INCLUDES+=(-I"$m"); done
INCLUDES+=(-I"$CORE/sync/src") # bundle_body.hpp, for the valid seed
# The bundle parser and what it links: no database, so the fuzz target needs no SQLCipher. cereal is
# header-only (/usr/include/cereal).
"$CXX" -std=c++20 -O1 -g -fsanitize=fuzzer,address "${INCLUDES[@]}" \
  "$SRC/tests/sync/fuzz_bundle.cpp" "$CORE/sync/src/bundle.cpp" "$CORE/sync/src/bundle_body.cpp" "$CORE/records/src/change_log.cpp" \
  "$CORE/vault/src/identity_keys.cpp" "$CORE/records/src/fields.cpp" "$CORE/records/src/enums.cpp" \
  "$CORE/records/src/records.cpp" "$CORE/base/src/time.cpp" "$CORE/base/src/secure_bytes.cpp" "$CORE/base/src/text.cpp" \
  $(pkg-config --libs libsodium libzstd) -o "$WORK/fuzz_bundle"
# Seeds: the start of a valid body and of a bundle header, so the fuzzer begins near real input; the
# target writes a whole valid body too (LLVMFuzzerInitialize in fuzz_bundle.cpp).
printf '\x01TLBODY04' > "$WORK/corpus/body"
printf '\x00THRLBNDL\x04\x00\x00\x00' > "$WORK/corpus/header"
THROUGHLINE_FUZZ_SEED_DIR="$WORK/corpus" "$WORK/fuzz_bundle" -max_total_time="$SECONDS_TO_RUN" -rss_limit_mb=1024 -max_len=4096 "$WORK/corpus" 2>&1 | tail -5
echo "fuzz_bundle: no crash in ${SECONDS_TO_RUN} s"
