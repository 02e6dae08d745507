#!/bin/bash
# Two vaults and the CLI: the key worker records and exports to the social worker's card; the social worker
# imports, edits and exports back; both sides end equal. Usage: sync_cli_e2e.sh /path/to/throughline-cli
set -euo pipefail
CLI="$1"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export THROUGHLINE_PASSPHRASE="correct horse battery"
run() { setsid "$CLI" "$@" </dev/null; }

run init --vault "$W/kw" --owner "Ada Quillfeather" --role "Residential key worker" --organisation "Fernbrook" --kdf test >/dev/null
run init --vault "$W/sw" --owner "Sol Brannigan" --role "Social worker" --organisation "Harlow Vale Council" --kdf test >/dev/null
run demo --vault "$W/kw" --seed 3 --young-people 2 --contacts 40 --today 2026-11-01 >/dev/null
run card export --vault "$W/kw" --out "$W/kw.tlcard" | grep -q "Fingerprint:"
run card export --vault "$W/sw" --out "$W/sw.tlcard" >/dev/null
run card import --vault "$W/kw" "$W/sw.tlcard" --verified | grep -q "Marked as verified"
run card import --vault "$W/sw" "$W/kw.tlcard" | grep -q "Not verified yet"
YP=$(run list --vault "$W/kw" --json | grep -o '"id": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
[ -n "$YP" ]
run share --vault "$W/kw" --contact "Sol Brannigan" --young-person "$YP" | grep -q "Now sharing 1 young person"
run contacts --vault "$W/kw" --json | grep -q "\"verified\": true"
run export --vault "$W/kw" --to "sol brannigan" --out "$W/1.tlbundle" | grep -q "encrypted to their key"

# Unverified sender: refused, exit 7, nothing imported.
set +e
run import --vault "$W/sw" "$W/1.tlbundle" 2>"$W/err"; code=$?
set -e
[ "$code" = 7 ] || { echo "expected exit 7, got $code"; cat "$W/err"; exit 1; }
grep -q "not yet confirmed" "$W/err"
run card import --vault "$W/sw" "$W/kw.tlcard" --verified >/dev/null
run import --vault "$W/sw" "$W/1.tlbundle" | grep -q "imported from Ada Quillfeather"
run import --vault "$W/sw" "$W/1.tlbundle" | grep -q "already imported"
run verify --vault "$W/sw" | grep -q "All checks passed"

# The social worker sends back (nothing of theirs yet: nothing to send), then the key worker has nothing new.
run share --vault "$W/sw" --contact "Ada Quillfeather" --young-person "$YP" >/dev/null
run export --vault "$W/sw" --to "Ada Quillfeather" --out "$W/2.tlbundle" | grep -q "Nothing new"
run export --vault "$W/kw" --to "Sol Brannigan" --out "$W/3.tlbundle" | grep -q "Nothing new"

# A damaged new bundle: refused with its own message, vault unchanged. (A damaged copy of a bundle already
# imported is simply reported as already imported: the replay check runs on the authenticated header.)
run export --vault "$W/kw" --to "Sol Brannigan" --full --out "$W/4.tlbundle" >/dev/null
cp "$W/4.tlbundle" "$W/bad.tlbundle"
printf 'X' | dd of="$W/bad.tlbundle" bs=1 seek=300 conv=notrunc 2>/dev/null
set +e
run import --vault "$W/sw" "$W/bad.tlbundle" 2>"$W/err"; code=$?
set -e
[ "$code" = 7 ]
grep -q "damaged or has been altered" "$W/err"

# Both sides list the same young person the same way.
diff <(run list --vault "$W/kw" --search "" --json | grep -o "\"$YP\"") <(run list --vault "$W/sw" --json | grep -o "\"$YP\"")
[ "$(run stats --vault "$W/sw" --json | grep -o '"youngPeople": *[0-9]*' | grep -o '[0-9]*$')" = 1 ]
echo "sync CLI end-to-end: ok"
