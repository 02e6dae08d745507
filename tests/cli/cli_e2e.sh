#!/usr/bin/env bash
# End-to-end tests of throughline-cli against real vault folders in a temporary directory.
# Usage: cli_e2e.sh PATH/TO/throughline-cli FIXTURES_DIR CASE
# Each CASE is one ctest test (see CMakeLists.txt). Runs headless: every command is started with
# `setsid` so there is no controlling terminal to prompt on, whoever runs the suite.
# All names and places are invented.
set -uo pipefail

CLI=$1
FIX=$2
CASE=$3
source "$(dirname "${BASH_SOURCE[0]}")/../support/passphrase.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/throughline-cli-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

PASS=$TL_TEST_PASSPHRASE
export THROUGHLINE_PASSPHRASE=$PASS
unset THROUGHLINE_NEW_PASSPHRASE

fail() {
    echo "FAIL [$CASE]: $*"
    if [[ -f out ]]; then echo "--- stdout"; head -c 4000 out; fi
    if [[ -f err ]]; then echo "--- stderr"; head -c 4000 err; fi
    exit 1
}

# run ARGS...: runs the CLI with no terminal and no stdin; sets RC, stdout in ./out, stderr in ./err.
run() {
    setsid -w "$CLI" "$@" >out 2>err </dev/null
    RC=$?
}
expect_rc() { [[ $RC == "$1" ]] || fail "expected exit $1, got $RC (${2:-})"; }
out_has() { grep -qF -- "$1" out || fail "stdout lacks: $1"; }
err_has() { grep -qF -- "$1" err || fail "stderr lacks: $1"; }
out_lacks() { ! grep -qF -- "$1" out || fail "stdout should not contain: $1"; }
err_lacks() { ! grep -qF -- "$1" err || fail "stderr should not contain: $1"; }

# A fresh vault at $1 (fast KDF); the recovery key lands in $1.recovery.
new_vault() {
    run init --vault "$1" --kdf test --owner "Jo Marsh" --role "Residential key worker" --organisation "Harlow Vale Council"
    expect_rc 0 "init $1"
    sed -n 's/^    \([0-9A-Z][0-9A-Z-]\{15,\}\)$/\1/p' out >"$1.recovery"
    [[ $(wc -l <"$1.recovery") == 1 ]] || fail "init should print exactly one recovery key"
}
# A fresh vault at $1 holding records-good.json; $kian is the id of Kian Wadsworth in it.
vault_with_kian() {
    new_vault "$1"
    run import-records --vault "$1" "$FIX/records-good.json"; expect_rc 0
    run list --vault "$1" --json; expect_rc 0
    kian=$(grep -B2 '"name": "Kian Wadsworth"' out | sed -n 's/.*"id": "\(.*\)".*/\1/p')
    [[ -n $kian ]] || fail "no id for Kian in list --json"
}
# Records in the vault, ignoring the audit trail (every unlock adds an entry there).
snapshot() {
    run stats --vault "$1" --json
    expect_rc 0 "stats $1"
    grep -v '"auditEntries"' out >"$2"
    run list --vault "$1" --json
    expect_rc 0 "list $1"
    cat out >>"$2"
}
file_hashes() { (cd "$1" && sha256sum vault.db vault.key vault.key.bak 2>/dev/null); }
stat_value() { sed -n "s/.*\"$1\": \\([0-9]*\\).*/\\1/p" out; }

# ---------------------------------------------------------------------------------------------------

case_usage() {
    run --help;                          expect_rc 0; out_has "Exit codes"; out_has "import-records"
    run --version;                       expect_rc 0; out_has "throughline-cli"
    run list --help;                     expect_rc 0; out_has "Usage: throughline-cli list --vault DIR"
    run import-records --help;           expect_rc 0; out_has "peer_community"; out_has "family_time"
    run help passwd;                     expect_rc 0; out_has "--recovery-key-file"
    run init --help;                     expect_rc 0; out_lacks "--kdf"   # advanced option stays hidden
    run;                                 expect_rc 2 "no verb"
    run frobnicate --vault v;            expect_rc 2; err_has "Unknown verb 'frobnicate'"
    run list --vault v --colour;         expect_rc 2; err_has "Unknown option '--colour'"; err_has "Usage:"
    run list;                            expect_rc 2; err_has "--vault DIR is required"
    run list --vault;                    expect_rc 2; err_has "needs a value"
    run list --vault v extra;            expect_rc 2; err_has "Unexpected argument 'extra'"
    run list --vault v --json=yes;       expect_rc 2; err_has "does not take a value"
    run list --vault a --vault b;        expect_rc 2; err_has "more than once"
    run import-records --vault v;        expect_rc 2; err_has "Expected FILE.json"
    run init --vault v --kdf slow;       expect_rc 2; err_has "Unknown --kdf value"
    run demo --vault v --young-people lots; expect_rc 2; err_has "whole number"
    run demo --vault v --contacts -5;    expect_rc 2; err_has "between"
    run demo --vault v --seed 1x;        expect_rc 2; err_has "--seed"
    run -x;                              expect_rc 2
    [[ ! -e v && ! -e a ]] || fail "a usage error must not create anything"
}

case_init_list_stats() {
    new_vault v
    out_has "RECOVERY KEY (shown this once only)"
    out_has "for Jo Marsh"
    out_lacks "$PASS"
    [[ -f v/vault.db && -f v/vault.key ]] || fail "vault files missing"
    head -c 16 v/vault.db | grep -q "SQLite format 3" && fail "the database is not encrypted"
    grep -qF "$PASS" v/* 2>/dev/null && fail "the passphrase is stored in the vault folder"

    run stats --vault v;        expect_rc 0; out_has "Young people"; out_lacks "RECOVERY"
    run stats --vault v --json; expect_rc 0
    [[ $(stat_value youngPeople) == 0 && $(stat_value contacts) == 0 ]] || fail "new vault not empty"
    run list --vault v;         expect_rc 0; out_has "no young people"
    run list --vault v --json;  expect_rc 0; [[ $(tr -d ' \n' <out) == "[]" ]] || fail "list --json of empty vault"

    # init again: refused, nothing changed.
    before=$(file_hashes v)
    run init --vault v --kdf test; expect_rc 1; err_has "already exists"
    [[ $(file_hashes v) == "$before" ]] || fail "second init changed the vault"

    # The owner's name shows as author: import one record and check stats moved.
    run import-records --vault v "$FIX/records-good.json"; expect_rc 0; out_has "Imported 16 records"
    run list --vault v;  expect_rc 0; out_has "Kian Wadsworth (Ki)"; out_has "Amira Thackeray"
    out_lacks "Heron Way"   # the placement address never appears in a listing
    run list --vault v --json; expect_rc 0; out_lacks "Kestrel Bay"; out_lacks "Heron"
    run list --vault v --search kian; expect_rc 0; out_has "Kian"; out_lacks "Amira"
}

case_verify() {
    new_vault v
    run verify --vault v; expect_rc 0; out_has "All checks passed"; out_has "audit trail"
    run demo --vault v --young-people 2 --contacts 40 --today 2026-01-15; expect_rc 0
    run verify --vault v; expect_rc 0; out_has "All checks passed"

    # Damage the database in the middle: detected as damaged (exit 4), whichever step notices.
    cp -r v damaged
    size=$(stat -c %s damaged/vault.db)
    printf '\xde\xad\xbe\xef\xde\xad\xbe\xef' | dd of=damaged/vault.db bs=1 seek=$((size / 2)) conv=notrunc status=none
    run verify --vault damaged; expect_rc 4 "tampered database"

    # Both copies of the key file damaged: exit 4 too.
    cp -r v badkey
    for f in vault.key vault.key.bak; do
        printf 'XXXXXXXX' | dd of="badkey/$f" bs=1 seek=40 conv=notrunc status=none
    done
    run verify --vault badkey; expect_rc 4 "damaged header"
}

case_missing_vault() {
    for verb in list stats verify passwd; do
        run "$verb" --vault nowhere
        expect_rc 8 "$verb on a missing vault"
        err_has "There is no vault in 'nowhere'"
        err_has "throughline-cli init --vault nowhere"
    done
    run import-records --vault nowhere "$FIX/records-good.json"; expect_rc 8
    [[ ! -e nowhere ]] || fail "a missing vault must not be created by a read"
    new_vault v
    run import-records --vault v no-such-file.json; expect_rc 8; err_has "There is no file"
}

case_wrong_passphrase() {
    new_vault v
    run import-records --vault v "$FIX/records-good.json"; expect_rc 0
    snapshot v before.snap
    hashes=$(file_hashes v)
    for verb in list stats verify; do
        THROUGHLINE_PASSPHRASE='not the right one at all' run "$verb" --vault v
        expect_rc 3 "$verb with a wrong passphrase"
    done
    THROUGHLINE_PASSPHRASE='not the right one at all' run import-records --vault v "$FIX/records-good.json"
    expect_rc 3
    THROUGHLINE_PASSPHRASE='not the right one at all' THROUGHLINE_NEW_PASSPHRASE='another long passphrase' \
        run passwd --vault v
    expect_rc 3
    [[ $(file_hashes v) == "$hashes" ]] || fail "a wrong passphrase changed the vault files"
    snapshot v after.snap
    cmp -s before.snap after.snap || fail "records changed after wrong passphrases"
    # The failed attempts are noted and reach the audit trail at the next unlock.
    run verify --vault v; expect_rc 0
}

case_passphrase_sources() {
    printf '%s\n' "$PASS" >pass.txt
    chmod 600 pass.txt
    unset THROUGHLINE_PASSPHRASE
    run init --vault v --kdf test --passphrase-file pass.txt; expect_rc 0; err_lacks "warning"
    run stats --vault v --passphrase-file pass.txt;         expect_rc 0
    THROUGHLINE_PASSPHRASE=$PASS run stats --vault v;       expect_rc 0
    # The file wins over the environment.
    THROUGHLINE_PASSPHRASE='wrong wrong wrong' run stats --vault v --passphrase-file pass.txt; expect_rc 0
    # Windows line ending in the file is not part of the passphrase.
    printf '%s\r\nsecond line ignored\n' "$PASS" >crlf.txt; chmod 600 crlf.txt
    run stats --vault v --passphrase-file crlf.txt; expect_rc 0
    # No source and no terminal: a usage error, not a hang.
    run stats --vault v; expect_rc 2; err_has "THROUGHLINE_PASSPHRASE"
    # Bad files.
    : >empty.txt; chmod 600 empty.txt
    run stats --vault v --passphrase-file empty.txt;   expect_rc 7; err_has "is empty"
    run stats --vault v --passphrase-file missing.txt; expect_rc 8; err_has "Could not open"
    printf '%s\n' "$PASS" >open.txt; chmod 644 open.txt
    run stats --vault v --passphrase-file open.txt;    expect_rc 0; err_has "can be read by other users"
    head -c 5000 /dev/zero | tr '\0' 'p' >huge.txt; chmod 600 huge.txt
    run stats --vault v --passphrase-file huge.txt;    expect_rc 7; err_has "too long"
    THROUGHLINE_PASSPHRASE= run stats --vault v;       expect_rc 7; err_has "empty"
    # A passphrase that is too short is refused at init, and nothing is created.
    THROUGHLINE_PASSPHRASE=short run init --vault w --kdf test; expect_rc 7
    [[ ! -e w/vault.key ]] || fail "a vault was created with a short passphrase"
}

case_demo_determinism() {
    for d in one two; do
        run demo --vault "$d" --kdf test --seed 42 --young-people 5 --contacts 400 --today 2026-03-03
        expect_rc 0 "demo $d"
        out_has "400 contacts"; out_has "invented"; out_has "RECOVERY KEY"
        run list --vault "$d" --json; expect_rc 0
        cp out "$d.list"   # ids included: the same seed gives the same record ids
        run stats --vault "$d" --json; expect_rc 0
        cp out "$d.stats"
    done
    cmp -s one.list two.list || { diff one.list two.list | head; fail "same seed, different young people"; }
    cmp -s one.stats two.stats || { diff one.stats two.stats; fail "same seed, different counts"; }
    run stats --vault one --json
    [[ $(stat_value youngPeople) == 5 && $(stat_value contacts) == 400 ]] || fail "demo counts"
    (( $(stat_value networkMembers) >= 50 )) || fail "each young person should have at least 10 network members"
    (( $(stat_value placements) >= 5 )) || fail "each young person should have a placement"
    run demo --vault three --kdf test --seed 43 --young-people 5 --contacts 400 --today 2026-03-03; expect_rc 0
    run list --vault three --json; cp out three.list
    cmp -s one.list three.list && fail "a different seed gave the same young people"
    # The same seed again on the same vault would reuse ids: refused with a clear message, nothing added.
    run demo --vault two --seed 42 --young-people 5 --contacts 400 --today 2026-03-03
    expect_rc 7; err_has "already exists"
    run stats --vault two --json; [[ $(stat_value youngPeople) == 5 ]] || fail "refused demo must add nothing"
    # Adding to an existing vault uses its passphrase and keeps what is there.
    run demo --vault one --seed 7 --young-people 1 --contacts 10 --today 2026-03-03; expect_rc 0
    out_lacks "RECOVERY KEY"
    run stats --vault one --json; [[ $(stat_value youngPeople) == 6 && $(stat_value contacts) == 410 ]] || fail "demo add"
    run verify --vault one; expect_rc 0
    # --today in the future is refused.
    run demo --vault four --kdf test --today 2999-01-01; expect_rc 2
    # A day that does not exist is a usage error in every command that takes a date, and nothing is made.
    run demo --vault five --kdf test --today 2026-02-31; expect_rc 2; err_has "--today must be a date written YYYY-MM-DD"
    [[ ! -e five ]] || fail "a refused demo left a vault behind"
    run summary --vault one --young-person x --format pdf --today 2026-02-31 --out never.pdf; expect_rc 2
    err_has "--today must be a date written YYYY-MM-DD, not '2026-02-31'"
    [[ ! -e never.pdf ]] || fail "a refused summary wrote a file"
    run insight --vault one --young-person x --from 2026-13-01; expect_rc 2; err_has "--from must be a date"
}

case_import_happy() {
    new_vault v
    run import-records --vault v --dry-run "$FIX/records-good.json"; expect_rc 0; out_has "16 records"
    run stats --vault v --json; [[ $(stat_value youngPeople) == 0 ]] || fail "--dry-run wrote records"
    audit_before=$(stat_value auditEntries)
    run import-records --vault v "$FIX/records-good.json"; expect_rc 0
    out_has "2 young people, 3 placements, 5 network members, 3 contacts, 2 follow-up actions, 1 missing episode."
    run stats --vault v --json
    [[ $(stat_value youngPeople) == 2 && $(stat_value placements) == 3 && $(stat_value networkMembers) == 5 &&
       $(stat_value contacts) == 3 && $(stat_value actions) == 2 && $(stat_value missingEpisodes) == 1 ]] ||
        fail "imported counts"
    # One unlock for the import, one for this stats, and the import itself.
    (( $(stat_value auditEntries) >= audit_before + 3 )) || fail "the import was not audited"
    run list --vault v --json
    out_has '"caseReference": "HV-100231"'
    out_has '"lastContact": "2025-08-02"'
    kian=$(grep -B2 '"name": "Kian Wadsworth"' out | sed -n 's/.*"id": "\(.*\)".*/\1/p')
    [[ -n $kian ]] || fail "no id for Kian"
    # A second file adds to an existing young person by vault id.
    cat >more.json <<EOF
{"format": "throughline-records", "version": 1,
 "networkMembers": [{"ref": "nm-nan", "youngPerson": "$kian", "name": "Nan Ingleby", "role": "grandparent",
                     "place": "home_area"}],
 "contacts": [{"ref": "c-nan", "youngPerson": "$kian", "kind": "family_time", "date": "2025-10-01",
               "participants": ["nm-nan"], "youngPersonWords": "Nan made my favourite."}]}
EOF
    run import-records --vault v more.json; expect_rc 0; out_has "Imported 2 records"
    run stats --vault v --json; [[ $(stat_value contacts) == 4 ]] || fail "second import"
    run list --vault v --json; out_has '"lastContact": "2025-10-01"'
    run verify --vault v; expect_rc 0
}

# bad_import FILE FIELD-TEXT...: exit 7, each text in stderr, vault unchanged.
bad_import() {
    local file=$1; shift
    snapshot v before.snap
    run import-records --vault v "$file"
    expect_rc 7 "import of $file"
    err_has "Nothing was imported"
    for text in "$@"; do err_has "$text"; done
    snapshot v after.snap
    cmp -s before.snap after.snap || fail "a failed import of $file changed the vault"
}

case_import_bad() {
    new_vault v
    run import-records --vault v "$FIX/records-good.json"; expect_rc 0
    local G=$FIX/records-good.json

    printf '{"format": "throughline-records", "version": 1, "youngPeople": [' >malformed.json
    bad_import malformed.json "not valid JSON" "line 1"

    echo '[1, 2, 3]' >array.json
    bad_import array.json "must hold one JSON object"

    sed 's/"durationMinutes": 90/"durationMinutes": "90"/' "$G" >types.json
    bad_import types.json 'contacts[0] (ref "c-1"), field "durationMinutes"' "expected a whole number"

    sed 's/"done": true/"done": "yes"/' "$G" >types2.json
    bad_import types2.json 'actions[0] (ref "a-1"), field "done"' "expected true or false"

    sed 's/"name": "Nan Okonedo"/"name": 42/' "$G" >types3.json
    bad_import types3.json 'networkMembers[4] (ref "nm-amira-nan"), field "name"' "expected text"

    sed 's/"endingPlan": "return_home"/"endingPlan": "go_home"/' "$G" >ending.json
    bad_import ending.json 'placements[0] (ref "pl-kian-1"), field "endingPlan"' 'unknown value "go_home"' "return_home"

    sed 's/"role": "grandparent"/"role": "granny"/' "$G" >enum.json
    bad_import enum.json 'networkMembers[4] (ref "nm-amira-nan"), field "role"' 'unknown value "granny"' "grandparent"

    sed 's/"uses": \["consistency", "safety"\]/"uses": ["consistency", "fun"]/' "$G" >enum2.json
    bad_import enum2.json 'contacts[0] (ref "c-1"), field "uses"' 'unknown value "fun"'

    sed 's/"participants": \["nm-amira-nan"\]/"participants": ["nm-amira-grandad"]/' "$G" >dangling.json
    bad_import dangling.json 'contacts[2] (ref "c-3"), field "participants"' '"nm-amira-grandad", which is not a ref'

    sed 's/"youngPerson": "yp-amira",/"youngPerson": "yp-nobody",/' "$G" >dangling2.json
    bad_import dangling2.json 'placements[1] (ref "pl-amira-1"), field "youngPerson"' '"yp-nobody"'

    sed 's/"participants": \["nm-amira-nan"\]/"participants": ["yp-kian"]/' "$G" >wrongkind.json
    bad_import wrongkind.json 'field "participants"' "a young person, not a network member"

    sed 's/"participants": \["nm-amira-nan"\]/"participants": ["nm-kian-sw"]/' "$G" >otherperson.json
    bad_import otherperson.json 'contacts[2] (ref "c-3")' "belongs to a different young person"

    sed 's/"dateOfBirth": "2009-11-02"/"dateOfBirth": "2099-11-02"/' "$G" >future.json
    bad_import future.json 'youngPeople[1] (ref "yp-amira"), field "dateOfBirth"' "future"

    sed 's/"date": "2025-10-05"/"date": "2099-10-05"/' "$G" >future2.json
    bad_import future2.json 'contacts[2] (ref "c-3"), field "date"' "future"

    sed 's/"actualEnd": "2025-08-31"/"actualEnd": "2025-01-31"/' "$G" >endbefore.json
    bad_import endbefore.json 'placements[1] (ref "pl-amira-1"), field "actualEnd"' "before the start"

    sed 's/"endedAt": "2025-09-21T08:40:00Z"/"endedAt": "2025-09-19T08:40:00Z"/' "$G" >endbefore2.json
    bad_import endbefore2.json 'missingEpisodes[0] (ref "m-1"), field "endedAt"' "before the start"

    sed 's/"start": "2025-09-01"/"start": "1 Sept 2025"/' "$G" >baddate.json
    bad_import baddate.json 'placements[2] (ref "pl-amira-2"), field "start"' "YYYY-MM-DD"

    sed 's/"dateOfBirth": "2010-05-14"/"dateOfBirth": "2010-02-30"/' "$G" >baddate2.json
    bad_import baddate2.json 'youngPeople[0] (ref "yp-kian"), field "dateOfBirth"'

    long=$(head -c 600 /dev/zero | tr '\0' 'a')
    sed "s/\"Rearrange the call with Nan.\"/\"$long\"/" "$G" >long.json
    bad_import long.json 'actions[1] (ref "a-2"), field "description"' "too long"

    # Limits count characters (issue 11 §6): 20,000 two-byte characters import, 20,001 do not.
    long=$(head -c 20000 /dev/zero | tr '\0' 'w' | sed 's/w/é/g')
    sed "s/\"Mum was on time today. That was good.\"/\"$long\"/" "$G" >long1.json
    run import-records --vault v --dry-run long1.json; expect_rc 0
    sed "s/\"Mum was on time today. That was good.\"/\"${long}é\"/" "$G" >long2.json
    bad_import long2.json 'contacts[0] (ref "c-1"), field "youngPersonWords"' \
      "too long (20001 characters; at most 20000 characters)"

    sed 's/"pronouns"/"pronoun"/' "$G" >unknownfield.json
    bad_import unknownfield.json 'youngPeople[0] (ref "yp-kian"), field "pronoun"' "unknown field"

    sed 's/"ref": "c-3"/"ref": "c-2"/' "$G" >dupref.json
    bad_import dupref.json 'contacts[2] (ref "c-2"), field "ref"' "more than one record"

    sed 's/"name": "Amira Thackeray",//' "$G" >required.json
    bad_import required.json 'youngPeople[1] (ref "yp-amira"), field "name"' "required"

    sed 's/"version": 1/"version": 2/' "$G" >version.json
    bad_import version.json 'field "version"' "version 2"

    printf '{"format": "throughline-records", "version": 1, "version": 1}' >dupkey.json
    bad_import dupkey.json 'appears twice'

    { printf '{"format": "throughline-records", "version": 1, "comment": '
      printf '[%.0s' $(seq 1 200); printf ']%.0s' $(seq 1 200); printf '}'; } >deep.json
    bad_import deep.json "too deeply"

    # Several problems are all listed, not just the first.
    sed -e 's/"role": "grandparent"/"role": "granny"/' -e 's/"dateOfBirth": "2009-11-02"/"dateOfBirth": "2099-11-02"/' \
        "$G" >several.json
    bad_import several.json "2 problems" 'field "role"' 'field "dateOfBirth"'

    # A reference to a vault id that is not in this vault: found at import, after unlocking.
    sed 's/"youngPerson": "yp-amira",/"youngPerson": "0b0e7d2a-7a8e-4c57-9d6e-2d4b8d2c1f00",/' "$G" >vaultid.json
    bad_import vaultid.json 'field "youngPerson"' "no young person with that id in this vault"

    # Oversize: refused before reading, whatever it contains.
    truncate -s 65M big.json
    bad_import big.json "too large"
}

case_passwd() {
    new_vault v
    printf 'a brand new passphrase\n' >new.txt; chmod 600 new.txt
    run passwd --vault v --new-passphrase-file new.txt; expect_rc 0; out_has "passphrase has been changed"
    run stats --vault v; expect_rc 3 "old passphrase after passwd"
    THROUGHLINE_PASSPHRASE='a brand new passphrase' run stats --vault v; expect_rc 0
    # The environment as the source of the new one; the old one is the file now.
    THROUGHLINE_PASSPHRASE='a brand new passphrase' THROUGHLINE_NEW_PASSPHRASE='third passphrase here' \
        run passwd --vault v
    expect_rc 0
    THROUGHLINE_PASSPHRASE='third passphrase here' run stats --vault v; expect_rc 0
    # A new passphrase that is too short is refused and the current one still works.
    THROUGHLINE_PASSPHRASE='third passphrase here' THROUGHLINE_NEW_PASSPHRASE='short' run passwd --vault v
    expect_rc 7
    THROUGHLINE_PASSPHRASE='third passphrase here' run stats --vault v; expect_rc 0
    # No new passphrase and no terminal: usage error, nothing changed.
    THROUGHLINE_PASSPHRASE='third passphrase here' run passwd --vault v; expect_rc 2; err_has "THROUGHLINE_NEW_PASSPHRASE"
    THROUGHLINE_PASSPHRASE='third passphrase here' run verify --vault v; expect_rc 0
}

case_passwd_recovery() {
    new_vault v
    key=$(cat v.recovery)
    [[ -n $key ]] || fail "no recovery key captured"
    run demo --vault v --young-people 1 --contacts 20 --today 2026-01-15; expect_rc 0
    snapshot v before.snap
    # A wrong recovery key: exit 3, nothing changed.
    echo 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' >wrong.key; chmod 600 wrong.key
    unset THROUGHLINE_PASSPHRASE
    THROUGHLINE_NEW_PASSPHRASE='recovered passphrase' run passwd --vault v --recovery-key-file wrong.key
    expect_rc 3
    printf '%s\n' "$key" >right.key; chmod 600 right.key
    THROUGHLINE_NEW_PASSPHRASE='recovered passphrase' run passwd --vault v --recovery-key-file right.key
    expect_rc 0; out_has "recovery key"
    THROUGHLINE_PASSPHRASE=$PASS run stats --vault v; expect_rc 3 "old passphrase after recovery"
    export THROUGHLINE_PASSPHRASE='recovered passphrase'
    snapshot v after.snap
    cmp -s before.snap after.snap || fail "records changed by the recovery"
    run verify --vault v; expect_rc 0
    # The recovery key stays the same through passphrase changes.
    THROUGHLINE_NEW_PASSPHRASE='after the second recovery' run passwd --vault v --recovery-key-file right.key
    expect_rc 0
    THROUGHLINE_PASSPHRASE='after the second recovery' run stats --vault v; expect_rc 0
    # Both ways of unlocking at once is a usage error.
    run passwd --vault v --recovery-key-file right.key --passphrase-file right.key; expect_rc 2
}

case_already_open() {
    new_vault v
    # A long demo holds the vault open; meanwhile another command must be refused with exit 5.
    # If our own probe happens to open the vault first, the demo is the one refused: try again.
    seen=0
    for attempt in 1 2 3 4 5; do
        setsid -w "$CLI" demo --vault v --young-people 10 --contacts 10000 --today 2026-01-15 \
            >demo.out 2>demo.err </dev/null &
        demo_pid=$!
        sleep 0.2
        for _ in $(seq 1 300); do
            kill -0 "$demo_pid" 2>/dev/null || break
            run stats --vault v
            if [[ $RC == 5 ]]; then seen=1; break; fi
            sleep 0.05
        done
        wait "$demo_pid"; demo_rc=$?
        [[ $demo_rc == 5 ]] && { seen=0; continue; }
        [[ $demo_rc == 0 ]] || { cat demo.err; fail "the demo holding the vault failed ($demo_rc)"; }
        [[ $seen == 1 ]] && break
    done
    [[ $seen == 1 ]] || fail "never saw exit 5 while the vault was open elsewhere"
    err_has "already open"
    # Once released, the vault opens again and is whole.
    run verify --vault v; expect_rc 0
}

case_summary() {
    vault_with_kian v

    # Usage errors: nothing written, the vault not even opened.
    run summary --vault v --format pdf --out s.pdf;                          expect_rc 2; err_has "--young-person ID is required"
    run summary --vault v --young-person "$kian" --format doc --out s.doc;  expect_rc 2; err_has "Unknown --format 'doc'"
    run summary --vault v --young-person "$kian" --format md;               expect_rc 2; err_has "--out FILE is required"
    run summary --vault v --young-person "$kian" --format md --out s.md --from 2026-13-01; expect_rc 2; err_has "YYYY-MM-DD"
    run summary --vault v --young-person "$kian" --format md --out s.md --from 2026-01-10 --to 2026-01-01; expect_rc 2
    run summary --vault v --young-person "$kian" --format md --out s.md --include-location
    expect_rc 2; err_has "--include-location needs --recipient NAME"
    [[ ! -e s.md && ! -e s.pdf ]] || fail "a usage error must not write a summary"
    run summary --vault v --young-person 00000000-0000-4000-8000-000000000000 --format md --out s.md; expect_rc 8
    [[ ! -e s.md ]] || fail "an unknown young person must not write a summary"

    # Every format, location left out: not in the bytes (PDF: not in its text either).
    for fmt in pdf html md json; do
        run summary --vault v --young-person "$kian" --format $fmt --out "k.$fmt" --today 2026-01-15
        expect_rc 0 "summary $fmt"; out_has "left out"
        [[ -s k.$fmt ]] || fail "k.$fmt is empty"
        ! grep -qF -e "Heron" -e "QK3 4TD" -e "Brightwater" "k.$fmt" || fail "the location leaked into k.$fmt"
    done
    head -c 5 k.pdf | grep -q '%PDF-' || fail "k.pdf is not a PDF"
    if command -v pdftotext >/dev/null; then
        pdftotext k.pdf k.txt
        grep -qF "OFFICIAL-SENSITIVE" k.txt || fail "no marking in the PDF"
        grep -qF "Kian Wadsworth" k.txt || fail "the PDF does not name the young person"
        ! grep -qF "Heron" k.txt || fail "the location leaked into the PDF text"
    fi
    python3 -c 'import json,sys; d=json.load(open("k.json")); assert d["schemaVersion"]==1 and d["placement"]["location"] is None' \
        || fail "k.json is not a valid summary without location"
    # Same records, same bytes.
    run summary --vault v --young-person "$kian" --format pdf --out k2.pdf --today 2026-01-15 --from 2025-06-01; expect_rc 0
    run summary --vault v --young-person "$kian" --format pdf --out k3.pdf --today 2026-01-15 --from 2025-06-01; expect_rc 0
    cmp -s k2.pdf k3.pdf || fail "two runs gave different PDFs"

    # Included on purpose for a named recipient: in the file, and in the audit trail.
    run summary --vault v --young-person "$kian" --format md --out inc.md --today 2026-01-15 \
        --include-location --recipient "Priya Latimer"
    expect_rc 0; out_has "IS INCLUDED for Priya Latimer"
    grep -qF "12 Heron Way, Kestrel Bay, QK3 4TD" inc.md || fail "the included address is missing"
    grep -qF "Heron Lodge" inc.md || fail "the included home name is missing"
    run verify --vault v; expect_rc 0; out_has "All checks passed"
}

case_insight() {
    vault_with_kian v

    run insight --vault v;                                              expect_rc 2; err_has "--young-person ID is required"
    run insight --vault v --young-person "$kian" --from 2025-02-30;     expect_rc 2; err_has "YYYY-MM-DD"
    run insight --vault v --young-person "$kian" --from 2025-08-01 --to 2025-07-01; expect_rc 2; err_has "--from must not be after --to"
    run insight --vault v --young-person 00000000-0000-4000-8000-000000000000; expect_rc 8

    # Human-readable: the matrix, members with their status, gaps naming people and dates.
    run insight --vault v --young-person "$kian" --today 2026-01-15; expect_rc 0
    out_has "Relational picture for Ki, Sun 1 Jun 2025 to Thu 15 Jan 2026"
    out_has "Peer & community   Placement area"
    out_has "Kestrel Bay Boxing Club"
    out_has "No peer & community contact has happened for 166 days (last: Sat 2 Aug 2025 with Kestrel Bay Boxing Club)."
    out_has "Consistency without collaboration"
    # The phase picture, as lines (the accessible route to it for a screen-reader user).
    out_has "Relationships per phase (what each track was used for):"
    out_has "  Before the move: "
    out_has "  During the placement: Sun 1 Jun 2025 to Thu 15 Jan 2026"
    out_has "    Peer & community: consistency: "
    out_lacks "Heron"; out_lacks "QK3 4TD"   # the placement location never appears

    # JSON: the documented shape, every matrix cell, the same bytes twice.
    run insight --vault v --young-person "$kian" --today 2026-01-15 --json; expect_rc 0
    cp out a.json
    out_lacks "Heron"
    python3 - a.json <<'PY' || fail "insight --json does not have the documented shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "throughline.insight/1"
assert d["period"] == {"from": "2025-06-01", "to": "2026-01-15", "asOf": "2026-01-15"}
assert len(d["matrix"]) == 27
cell = [c for c in d["matrix"] if c["track"] == "peer_community" and c["place"] == "placement_area" and c["phase"] == "during"][0]
assert cell["happened"] == 1 and cell["lastContact"] == "2025-08-02" and cell["daysSinceLast"] == 166, cell
status = {m["name"]: m["status"] for m in d["members"]}
assert status["Kestrel Bay Boxing Club"] == "new", status
rules = [g["rule"] for g in d["gaps"]]
assert rules.count("track_silence") == 3 and "consistency_without_collaboration" in rules, rules
assert all(g["evidence"] for g in d["gaps"])
pp = d["phasePicture"]
assert pp["version"] == 1 and pp["to"] == "2026-01-15" and pp["placementStart"] == "2025-06-01", pp
assert [p["phase"] for p in pp["phases"]] == ["before", "during", "ending"]
assert all(len(p["cells"]) == 9 and p["findings"] for p in pp["phases"])
PY
    run insight --vault v --young-person "$kian" --today 2026-01-15 --json; expect_rc 0
    cmp -s out a.json || fail "two runs gave different JSON"

    # A chosen period.
    run insight --vault v --young-person "$kian" --from 2025-07-01 --to 2025-07-31 --json; expect_rc 0
    grep -qF '"from": "2025-07-01"' out || fail "--from not used"
    grep -qF '"to": "2025-07-31"' out || fail "--to not used"
    run verify --vault v; expect_rc 0; out_has "All checks passed"
}

# The three silences of issue 14 through the real binary: records-silences.json triggers each of them, and
# each reaches insight (text and --json) and the summary in every format, with evidence.
case_insight_silences() {
    new_vault v
    run import-records --vault v "$FIX/records-silences.json"; expect_rc 0
    run list --vault v --json; expect_rc 0
    local mica
    mica=$(grep -B2 '"name": "Mica Dunlow"' out | sed -n 's/.*"id": "\(.*\)".*/\1/p')
    [[ -n $mica ]] || fail "no id for Mica Dunlow in list --json"

    run insight --vault v --young-person "$mica" --today 2026-01-20; expect_rc 0
    out_has "Going home without the home community"
    out_has "Mica's ending plan is a return to the home area and the ending phase began on Sun 4 Jan 2026 (the placement is planned to end on Sun 1 Feb 2026), but the one contact since then with a home-area peer or community member (Sat 10 Jan 2026 with Rhian Tolley) was not recorded as used for safety."
    out_has "A safety plan that leans on one track"
    out_has "the people Mica can turn to are Ellis Garrow (key worker) and Noor Haddad (social worker), with no one from the home area"
    out_has "Collaboration with the family stopped at the move"
    out_has "(last: Wed 20 Aug 2025 with Lorna Dunlow (mum)), but not in the 20 weeks and 1 day since the move on Mon 1 Sep 2025"
    out_lacks "Curlew"

    run insight --vault v --young-person "$mica" --today 2026-01-20 --json; expect_rc 0
    python3 - out <<'PY' || fail "insight --json lacks the three rules or their evidence"
import json, sys
d = json.load(open(sys.argv[1]))
gaps = {g["rule"]: g for g in d["gaps"]}
for rule, track, n in [("going_home_without_home_community", "peer_community", 2),
                       ("safety_plan_one_track", "practitioner", 4),
                       ("family_collaboration_stopped_at_move", "family", 3)]:
    g = gaps[rule]
    assert g["severity"] == "warning" and g["track"] == track, g
    assert len(g["evidence"]) == n, g
assert d["placement"]["id"] in gaps["going_home_without_home_community"]["evidence"]
PY
    # A day before the ending phase: not yet going home.
    run insight --vault v --young-person "$mica" --today 2026-01-03 --json; expect_rc 0
    ! grep -qF '"going_home_without_home_community"' out || fail "the ending phase has not begun on 3 Jan"

    for fmt in md html json pdf; do
        run summary --vault v --young-person "$mica" --format $fmt --out "m.$fmt" --today 2026-01-20
        expect_rc 0 "summary $fmt"
    done
    for f in m.md m.html m.json; do
        for title in "Going home without the home community" "A safety plan that leans on one track" \
                     "Collaboration with the family stopped at the move" "ending plan: return to the home area"; do
            grep -qF "$title" "$f" || fail "$f lacks: $title"
        done
        ! grep -qF "Curlew" "$f" || fail "the location leaked into $f"
    done
    if command -v pdftotext >/dev/null; then
        pdftotext m.pdf m.txt
        grep -qF "Going home without the home community" m.txt || fail "the PDF lacks the new rule"
    fi
}

# Sync follow-up verbs: exit codes of folder sync, the sync-on-unlock flags, option checks before the
# passphrase, settling a conflict that is not open.
case_sync_followups() {
    run init --vault a --kdf test --owner "Ada Quillfeather" --role "Key worker" --organisation "Fernbrook"
    expect_rc 0 "init a"
    run init --vault b --kdf test --owner "Sol Brannigan" --role "Social worker" --organisation "Harlow Vale"
    expect_rc 0 "init b"
    run init --vault c --kdf test --owner "Cai Penhallow" --role "Teacher" --organisation "Moorgate School"
    expect_rc 0 "init c"
    run demo --vault a --seed 3 --young-people 1 --contacts 5 --today 2026-11-01; expect_rc 0 "demo a"
    run card export --vault a --out a.tlcard; expect_rc 0
    run card export --vault c --out c.tlcard; expect_rc 0
    run card import --vault b a.tlcard --verified; expect_rc 0
    run card import --vault a c.tlcard --verified; expect_rc 0
    run list --vault a --json; expect_rc 0
    local yp
    yp=$(grep -o '"id": *"[^"]*"' out | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
    [[ -n $yp ]] || fail "no young person in a"
    run share --vault a --contact "Cai Penhallow" --young-person "$yp"; expect_rc 0 "share"

    # The sync-on-unlock setting changes only when a flag says so.
    mkdir -p b-in
    run sync --vault b --outbox b-out --inbox b-in; expect_rc 0 "first sync"
    out_has "Folders saved"; out_has "sync on unlock on"
    run sync --vault b --no-sync-on-unlock; expect_rc 0; out_has "sync on unlock off"
    run sync --vault b --outbox b-out --inbox b-in; expect_rc 0; out_has "sync on unlock off"
    run sync --vault b --sync-on-unlock; expect_rc 0; out_has "sync on unlock on"
    run sync --vault b --sync-on-unlock --no-sync-on-unlock; expect_rc 2 "both flags"
    err_has "not both"
    run sync --vault b; expect_rc 0; out_lacks "Folders saved"
    run sync --help; expect_rc 0; out_has "--sync-on-unlock"; out_has "--no-sync-on-unlock"

    # A junk .thrl in the inbox: refused as a bad bundle, exit 7.
    printf 'not a bundle at all, just some text\n' >b-in/zz-junk.thrl
    run sync --vault b; expect_rc 7 "junk in the inbox"
    err_has "zz-junk.thrl"
    rm b-in/zz-junk.thrl
    # A bundle addressed to someone else: left alone, exit 0.
    run export --vault a --to "Cai Penhallow" --out b-in/for-cai.thrl; expect_rc 0 "export to c"
    run sync --vault b; expect_rc 0 "bundle for someone else"
    out_has "addressed to someone else"

    # received: the options are checked before the vault is opened or a passphrase asked for (none is
    # given here and there is no terminal: the usage message must be about the options).
    unset THROUGHLINE_PASSPHRASE
    run received --vault b --save 1; expect_rc 2 "--save without --out"
    err_has "--out FILE is required with --save"; err_lacks "No passphrase"
    run received --vault b --save 0 --out x.pdf; expect_rc 2 "--save 0"
    err_has "--save takes a number"; err_lacks "No passphrase"
    run received --vault b --save abc --out x.pdf; expect_rc 2 "--save abc"
    err_has "--save takes a number"; err_lacks "No passphrase"
    run received --vault b --out x.pdf; expect_rc 2 "--out without --save"
    err_lacks "No passphrase"
    [[ ! -e x.pdf ]] || fail "a file was written"
    run received --vault b; expect_rc 2 "no passphrase at all"
    err_has "No passphrase"
    export THROUGHLINE_PASSPHRASE=$PASS
    run received --vault b; expect_rc 0; out_has "No files received yet"

    # settle: a number that is not an open conflict says so (exit 8); a bad --keep is a usage error.
    run conflicts --vault b; expect_rc 0; out_has "No conflicts to settle"
    run settle --vault b --conflict 999 --keep other; expect_rc 8 "settle a missing conflict"
    err_has "There is no open conflict #999 (see 'throughline-cli conflicts')."
    err_lacks "already settled"
    run settle --vault b --conflict 999 --keep theirs; expect_rc 8 "theirs still accepted"
    err_has "There is no open conflict #999"
    run settle --vault b --conflict 999 --keep mine; expect_rc 2 "bad --keep"
    err_has "--keep shown|other"
    run settle --help; expect_rc 0; out_has "shown|other"; out_has "theirs"
    run verify --vault b; expect_rc 0; out_has "All checks passed"
}

# ---------------------------------------------------------------------------------------------------

if ! declare -F "case_$CASE" >/dev/null; then
    echo "unknown test case: $CASE"
    exit 2
fi
"case_$CASE"
echo "PASS [$CASE]"
