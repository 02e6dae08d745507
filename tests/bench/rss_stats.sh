#!/usr/bin/env bash
# Peak resident memory of `throughline-cli stats` on the benchmark vault (100 young people, 100,000
# contacts). Target: <= 100 MB.
#
#   tests/bench/rss_stats.sh [CLI] [VAULT_DIR] [RUNS]
#
# CLI defaults to build-rob/app/cli/throughline-cli, VAULT_DIR to the cached bench vault
# ($TMPDIR/throughline-bench-vault-<schema>, built by `throughline_bench --prepare-only`). The vault is
# copied first so the real cache is never written to (an unlock appends an audit entry).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cli="${1:-$root/build-rob/app/cli/throughline-cli}"
bench="$root/build-rob/tests/bench/throughline_bench"
runs="${3:-5}"

if [[ ! -x "$cli" ]]; then
    echo "rss_stats.sh: no CLI at $cli (build it: cmake --build build-rob --target throughline-cli)" >&2
    exit 2
fi
if [[ -n "${2:-}" ]]; then
    vault="$2"
else
    if [[ ! -x "$bench" ]]; then
        echo "rss_stats.sh: give VAULT_DIR, or build $bench to make the bench vault" >&2
        exit 2
    fi
    vault="$("$bench" --prepare-only | head -n 1)"
fi
if [[ ! -f "$vault/vault.key" ]]; then
    echo "rss_stats.sh: $vault is not a vault" >&2
    exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "rss_stats.sh: needs GNU time (apt-get install time)" >&2
    exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/throughline-rss-XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$vault" "$work/vault"

source "$root/tests/support/passphrase.sh"
export THROUGHLINE_PASSPHRASE="${THROUGHLINE_PASSPHRASE:-$TL_TEST_PASSPHRASE}"
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Runs `stats` RUNS times on $1 and prints each peak and the median.
measure() {
    local dir="$1" label="$2" peaks=() kb wall median
    echo "== $label"
    for ((i = 1; i <= runs; i++)); do
        /usr/bin/time -v -o "$work/time.txt" "$cli" stats --vault "$dir" > "$work/out.txt"
        kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time.txt")
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
        peaks+=("$kb")
        echo "run $i: peak RSS $kb KiB ($(mib "$kb") MiB), wall $wall"
    done
    median=$(printf '%s\n' "${peaks[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "median peak RSS: $median KiB ($(mib "$median") MiB); target <= 100 MB"
}

echo "CLI:   $cli"
echo "Vault: $vault ($(du -sh "$vault" | cut -f1))"
measure "$work/vault" "bench vault as built (Argon2id minimumForTests: 1 pass, 8 MiB)"
cat "$work/out.txt"

# The same vault re-wrapped with the costs real vaults use: the Argon2id working memory (64 MiB for
# INTERACTIVE, 256 MiB for MODERATE, the default) is part of every unlock's peak.
for cost in interactive moderate; do
    rm -rf "$work/rewrapped"
    cp -r "$vault" "$work/rewrapped"
    if THROUGHLINE_NEW_PASSPHRASE="$THROUGHLINE_PASSPHRASE" "$cli" passwd --vault "$work/rewrapped" --kdf "$cost" \
        > /dev/null 2> "$work/passwd.err"; then
        measure "$work/rewrapped" "same vault, re-wrapped with --kdf $cost"
    else
        echo "(could not re-wrap with --kdf $cost: $(cat "$work/passwd.err"); skipped)"
    fi
done
