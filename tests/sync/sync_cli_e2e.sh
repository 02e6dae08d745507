#!/bin/bash
# Two vaults and the CLI: the key worker records and exports to the social worker's card; the social worker
# imports, edits and exports back; both sides end equal. Usage: sync_cli_e2e.sh /path/to/throughline-cli
set -euo pipefail
CLI="$1"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/../support/passphrase.sh"
export THROUGHLINE_PASSPHRASE="$TL_TEST_PASSPHRASE"
run() { setsid "$CLI" "$@" </dev/null; }

run init --vault "$W/kw" --owner "Ada Quillfeather" --role "Residential key worker" --organisation "Fernbrook" --kdf test >/dev/null
run init --vault "$W/sw" --owner "Sol Brannigan" --role "Social worker" --organisation "Harlow Vale Council" --kdf test >/dev/null
run demo --vault "$W/kw" --seed 3 --young-people 2 --contacts 40 --today 2026-11-01 >/dev/null
run card export --vault "$W/kw" --out "$W/kw.tlcard" | grep -q "Fingerprint:"
run card export --vault "$W/sw" --out "$W/sw.tlcard" >/dev/null
# The fingerprint and its QR code (half-block characters) for comparing side by side.
run card show --vault "$W/kw" >"$W/show"
grep -q "Fingerprint: " "$W/show"
[ "$(grep -c '█' "$W/show")" -ge 10 ]
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
# The CLI's way out comes from the error's typed reason, with the sender's name from its structured detail.
grep -q "contacts verify --contact 'Ada Quillfeather'" "$W/err"
# An unknown contact: core says what is wrong, the CLI says where to look.
set +e
run share --vault "$W/kw" --contact "Nobody Known" --young-person "$YP" 2>"$W/err"; code=$?
set -e
[ "$code" != 0 ]
grep -q "There is no contact called 'Nobody Known'" "$W/err"
grep -q "See your contacts with 'throughline-cli contacts'" "$W/err"
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

# The social worker records a contact of their own and sends it back; the key worker imports it.
cat >"$W/sw-records.json" <<JSON
{"format": "throughline-records", "version": 1,
 "contacts": [{"ref": "c-sw-1", "youngPerson": "$YP", "kind": "phone_video", "date": "2026-10-20",
               "place": "online", "youngPersonWords": "I liked talking to you about college."}]}
JSON
run import-records --vault "$W/sw" "$W/sw-records.json" >/dev/null
run export --vault "$W/sw" --to "Ada Quillfeather" --out "$W/5.tlbundle" | grep -q "encrypted to their key"
run import --vault "$W/kw" "$W/5.tlbundle" | grep -q "imported from Sol Brannigan"
picture_of() { run insight --vault "$1" --young-person "$YP" --json --today 2026-11-01; }
run conflicts --vault "$W/kw" | grep -q "No conflicts to settle"
run verify --vault "$W/kw" | grep -q "All checks passed"

# A bundle carrying the handover summary: kept encrypted in the vault, saved on request as a real PDF.
run export --vault "$W/kw" --to "Sol Brannigan" --attach-summary --out "$W/6.tlbundle" | grep -q "handover summary"
run import --vault "$W/sw" "$W/6.tlbundle" | grep -q "handover summaries"
N=$(run received --vault "$W/sw" | grep -o '^#[0-9]*' | head -1 | tr -d '#')
[ -n "$N" ]
run received --vault "$W/sw" --save "$N" --out "$W/summary.pdf" | grep -q "Wrote"
head -c 4 "$W/summary.pdf" | grep -q "%PDF"
set +e
run received --vault "$W/sw" --save 999 --out "$W/none.pdf" 2>"$W/err"; code=$?
set -e
[ "$code" = 8 ] || { echo "expected exit 8, got $code"; exit 1; }

# Folder sync: the key worker's outbox folder for the social worker is the social worker's inbox.
mkdir -p "$W/kw-in"
run sync --vault "$W/kw" --outbox "$W/kw-out" --inbox "$W/kw-in" | grep -q "Folders saved"
NOTE='{"format": "throughline-records", "version": 1, "contacts": [{"ref": "c-kw-9", "youngPerson": "'$YP'", "kind": "phone_video", "date": "2026-10-21"}]}'
echo "$NOTE" >"$W/kw-records.json"
run import-records --vault "$W/kw" "$W/kw-records.json" >/dev/null
run sync --vault "$W/kw" | grep -q "Sent to Sol Brannigan"
INBOX=$(ls -d "$W"/kw-out/sol-brannigan-*)
[ -d "$INBOX" ]
ls "$INBOX" | grep -q '\.thrl$'
mkdir -p "$W/sw-out"
run sync --vault "$W/sw" --outbox "$W/sw-out" --inbox "$INBOX" | grep -q "Imported"
run sync --vault "$W/sw" | grep -q "already imported"
# The relational picture of the shared young person is the same on both sides (records equal).
diff <(picture_of "$W/kw") <(picture_of "$W/sw")
set +e
run sync --vault "$W/sw" --outbox "relative-is-fine" --inbox "$W/no-such-inbox" 2>"$W/err"; code=$?
set -e
[ "$code" = 7 ] || { echo "expected exit 7, got $code"; cat "$W/err"; exit 1; }
grep -q "does not exist" "$W/err"

# Removing a contact: their bundles are refused from then on.
run export --vault "$W/sw" --to "Ada Quillfeather" --full --out "$W/7.tlbundle" >/dev/null
run contacts remove --vault "$W/kw" --contact "Sol Brannigan" | grep -q "Removed Sol Brannigan"
set +e
run import --vault "$W/kw" "$W/7.tlbundle" 2>"$W/err"; code=$?
set -e
[ "$code" = 7 ]
grep -q "not among your contacts" "$W/err"

# Both sides list the same young person the same way.
diff <(run list --vault "$W/kw" --search "" --json | grep -o "\"$YP\"") <(run list --vault "$W/sw" --json | grep -o "\"$YP\"")
[ "$(run stats --vault "$W/sw" --json | grep -o '"youngPeople": *[0-9]*' | grep -o '[0-9]*$')" = 1 ]
echo "sync CLI end-to-end: ok"
