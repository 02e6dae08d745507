#!/usr/bin/env bash
# End-to-end test of `throughline-cli export-person` (a subject access request) against a real vault folder.
# Usage: export_person_e2e.sh PATH/TO/throughline-cli FIXTURES_DIR
# Headless: every command is started with `setsid`, so there is no terminal to prompt on. Invented data only.
set -uo pipefail

CLI=$1
FIX=$2
source "$(dirname "${BASH_SOURCE[0]}")/../support/passphrase.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/throughline-sar-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
export THROUGHLINE_PASSPHRASE=$TL_TEST_PASSPHRASE
unset THROUGHLINE_NEW_PASSPHRASE

fail() {
    echo "FAIL [export-person]: $*"
    if [[ -f out ]]; then echo "--- stdout"; head -c 4000 out; fi
    if [[ -f err ]]; then echo "--- stderr"; head -c 4000 err; fi
    exit 1
}
run() {
    setsid -w "$CLI" "$@" >out 2>err </dev/null
    RC=$?
}
expect_rc() { [[ $RC == "$1" ]] || fail "expected exit $1, got $RC (${2:-})"; }
out_has() { grep -qF -- "$1" out || fail "stdout lacks: $1"; }
err_has() { grep -qF -- "$1" err || fail "stderr lacks: $1"; }
audit_count() {
    run stats --vault v --json; expect_rc 0 "stats"
    sed -n 's/.*"auditEntries": *\([0-9]*\).*/\1/p' out
}

run init --vault v --kdf test --owner "Jo Marsh" --role "Residential key worker" --organisation "Harlow Vale Council"
expect_rc 0 "init"
run import-records --vault v "$FIX/records-good.json"; expect_rc 0 "import"
run list --vault v --json; expect_rc 0
kian=$(grep -B2 '"name": "Kian Wadsworth"' out | sed -n 's/.*"id": "\(.*\)".*/\1/p')
amira=$(grep -B2 '"name": "Amira Thackeray"' out | sed -n 's/.*"id": "\(.*\)".*/\1/p')
[[ -n $kian && -n $amira ]] || fail "no ids in list --json"

# Usage errors: nothing written.
run export-person --vault v --out sar --recipient "Kian Wadsworth"; expect_rc 2; err_has "--young-person ID is required"
run export-person --vault v --young-person "$kian" --recipient "Kian Wadsworth"; expect_rc 2; err_has "--out DIR is required"
run export-person --vault v --young-person "$kian" --out sar; expect_rc 2; err_has "--recipient NAME is required"
run export-person --vault v --young-person "$kian" --out sar --recipient K --withhold everything
expect_rc 2; err_has "Cannot read the withholding 'everything'"
run export-person --vault v --young-person "$kian" --out sar --recipient K --withhold third-party
expect_rc 2; err_has "--withhold needs --withhold-reason"
run export-person --vault v --young-person "$kian" --out sar --recipient K --withhold "record:$kian"
expect_rc 2; err_has "needs its legal basis"
[[ ! -e sar ]] || fail "a usage error must not write anything"

# An unknown young person: not found, nothing written.
run export-person --vault v --young-person 00000000-0000-4000-8000-000000000000 --out sar --recipient K
expect_rc 8; err_has "no young person with that id"
[[ ! -e sar ]] || fail "an unknown young person must not write anything"
# A record of another young person cannot be withheld from this one's export.
run list --vault v --json; expect_rc 0
run export-person --vault v --young-person "$kian" --out sar --recipient K --withhold "record:$amira:serious-harm" \
    --withhold-reason "x"
expect_rc 7; err_has "not one of this young person's records"

# Success: both files, the schema, the young person and none of the other one's records.
before=$(audit_count)
run export-person --vault v --young-person "$kian" --out sar --recipient "Kian Wadsworth" \
    --withhold third-party --withhold-reason "His mother has not consented to her details being shared."
expect_rc 0 "export-person"; out_has "Wrote everything held"; out_has "no attachments"; out_has "1 withholding"
[[ -s sar/subject-access.json && -s sar/subject-access.pdf ]] || fail "the export's files are missing"
after=$(audit_count)
[[ $((after - before)) == 3 ]] || fail "expected the export's own audit entry (and two unlocks): $before -> $after"
python3 - sar/subject-access.json "$kian" "$amira" <<'PY' || fail "subject-access.json is not as documented"
import json, sys
d = json.load(open(sys.argv[1]))
kian, amira = sys.argv[2], sys.argv[3]
assert d["schema"] == "throughline.subject-access/1"
assert d["youngPersonId"] == kian
kinds = {r["kind"] for r in d["records"]}
assert {"young_person", "placement", "network_member", "contact", "action", "missing_episode"} <= kinds, kinds
assert all(r["history"] for r in d["records"])
assert d["manifest"]["withheld"][0]["basis"] == "third_party"
assert d["manifest"]["placementLocation"]["included"] is False
assert d["attachments"] == [] and "no attachments" in d["manifest"]["attachments"]
text = open(sys.argv[1]).read()
assert amira not in text and "Amira" not in text and "Okonedo" not in text
assert "Sandra Wadsworth" not in text  # a third party: withheld
assert "Priya Latimer" in text         # a professional: named
PY
head -c 5 sar/subject-access.pdf | grep -q '%PDF-' || fail "not a PDF"
if command -v pdftotext >/dev/null; then
    pdftotext sar/subject-access.pdf sar.txt || fail "pdftotext could not read the PDF"
    grep -qF "Everything held about Kian Wadsworth" sar.txt || fail "the PDF does not name the young person"
    grep -qF "Legal basis" sar.txt || fail "the PDF does not list the withholding"
    ! grep -qF "Amira" sar.txt || fail "another young person in the PDF"
    ! grep -qF "Heron" sar.txt || fail "the placement location leaked into the PDF"
fi

# An existing folder with files is refused (and nothing audited but the unlock), unless --force.
before=$(audit_count)
run export-person --vault v --young-person "$kian" --out sar --recipient "Kian Wadsworth"
expect_rc 7; err_has "already holds files"
after=$(audit_count)
[[ $((after - before)) == 2 ]] || fail "a refused export must not be audited (two unlocks only): $before -> $after"
run export-person --vault v --young-person "$kian" --out sar --recipient "Kian Wadsworth" --force --include-location
expect_rc 0; out_has "IS INCLUDED"
grep -qF "Heron" sar/subject-access.json || fail "the included location is missing"
run verify --vault v; expect_rc 0; out_has "All checks passed"
echo "ok"
