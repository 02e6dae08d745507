#!/bin/bash
# Folder sync carried by real Syncthing: two Syncthing instances on 127.0.0.1 (generated homes, each other's
# device id, global and local discovery, relays, NAT, usage reporting and upgrades off, static tcp addresses,
# REST API with an API key to trigger scans and read completion) carry each vault's outbox to the other's
# inbox through a scripted week: both record, both sync, both edit the same field, one deletes what the other
# edits, a bundle arrives late and out of order, and Syncthing's own conflict copies and temporary files
# appear in the inbox. At the end both vaults hold the same records and the same open conflicts, nothing was
# lost, and no bundle was imported twice. Every process started here is stopped by its pid (trap).
#
#   syncthing_week.sh /path/to/throughline-cli /path/to/sync_week_tool
# Exits 77 (ctest: skipped) when syncthing or curl is not installed.
set -euo pipefail
CLI=$1
TOOL=$2
for tool in syncthing curl; do
  command -v "$tool" >/dev/null || { echo "SKIPPED: $tool is not installed (packaging/setup-deps.sh installs it)"; exit 77; }
done

W=$(mktemp -d)
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT
fail() {
  echo "FAILED: $*" >&2
  for n in 1 2; do [[ -f "$W/st$n/log" ]] && { echo "--- syncthing $n log (tail)" >&2; tail -20 "$W/st$n/log" >&2; }; done
  exit 1
}
step() { echo "== $*"; }

source "$(dirname "${BASH_SOURCE[0]}")/../../support/passphrase.sh"
export THROUGHLINE_PASSPHRASE="$TL_TEST_PASSPHRASE"
cli() { setsid "$CLI" "$@" </dev/null; }

# --- Two vaults that know each other: the key worker (kw) shares a young person with the social worker (sw).
"$TOOL" pair "$W/kw" "$W/sw" "$W/files" >/dev/null
mkdir -p "$W/kw-out" "$W/kw-in" "$W/sw-out" "$W/sw-in"
cli sync --vault "$W/kw" --outbox "$W/kw-out" --inbox "$W/kw-in" --no-sync-on-unlock >/dev/null
cli sync --vault "$W/sw" --outbox "$W/sw-out" --inbox "$W/sw-in" --no-sync-on-unlock >/dev/null
# Each outbox now has one sub-folder: the one contact's.
kw_to_sw=$(find "$W/kw-out" -mindepth 1 -maxdepth 1 -type d)
sw_to_kw=$(find "$W/sw-out" -mindepth 1 -maxdepth 1 -type d)
[[ -d "$kw_to_sw" && -d "$sw_to_kw" ]] || fail "no contact folder in an outbox"

# --- Two Syncthing instances.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
declare -A id gui listen key
for n in 1 2; do
  mkdir -p "$W/st$n"
  id[$n]=$(syncthing generate --home="$W/st$n" --no-default-folder --skip-port-probing 2>&1 |
           sed -n 's/.*Device ID: *\([A-Z0-9-]*\).*/\1/p')
  [[ -n "${id[$n]}" ]] || fail "syncthing generate gave no device id"
  gui[$n]=$(free_port)
  listen[$n]=$(free_port)
  key[$n]="throughline-test-key-$n-$RANDOM$RANDOM"
done
[[ "${listen[1]}" != "${listen[2]}" && "${gui[1]}" != "${gui[2]}" ]] || fail "port clash, run again"

# folder_xml ID PATH TYPE OWN PEER
folder_xml() {
  cat <<EOF
    <folder id="$1" label="$1" path="$2" type="$3" rescanIntervalS="3600" fsWatcherEnabled="false" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="$4"></device>
        <device id="$5"></device>
        <minDiskFree unit="%">0</minDiskFree>
        <markerName>.stfolder</markerName>
    </folder>
EOF
}
# write_config N PEER FOLDERS_XML
write_config() {
  local n=$1 peer=$2
  cat >"$W/st$n/config.xml" <<EOF
<configuration version="36">
$3
    <device id="${id[$n]}" name="vault-$n" compression="metadata" introducer="false">
        <address>dynamic</address>
    </device>
    <device id="${id[$peer]}" name="vault-$peer" compression="metadata" introducer="false">
        <address>tcp://127.0.0.1:${listen[$peer]}</address>
    </device>
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${gui[$n]}</address>
        <apikey>${key[$n]}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${listen[$n]}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
        <stunServer></stunServer>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
    </options>
</configuration>
EOF
}
# Instance 1 is the key worker's machine, 2 the social worker's. Each outbox folder is send-only where it is
# written and receive-only where it arrives (the inbox).
write_config 1 2 "$(folder_xml kw-to-sw "$kw_to_sw" sendonly "${id[1]}" "${id[2]}")
$(folder_xml sw-to-kw "$W/kw-in" receiveonly "${id[1]}" "${id[2]}")"
write_config 2 1 "$(folder_xml kw-to-sw "$W/sw-in" receiveonly "${id[2]}" "${id[1]}")
$(folder_xml sw-to-kw "$sw_to_kw" sendonly "${id[2]}" "${id[1]}")"
for d in "$kw_to_sw" "$W/kw-in" "$W/sw-in" "$sw_to_kw"; do mkdir -p "$d/.stfolder"; done

for n in 1 2; do
  STNOUPGRADE=1 HOME="$W/st$n" syncthing serve --home="$W/st$n" --no-browser --no-restart \
    --logfile="$W/st$n/log" >/dev/null 2>&1 &
  pids+=($!)
done

api() { # api N METHOD PATH
  curl -sf -X "$2" -H "X-API-Key: ${key[$1]}" "http://127.0.0.1:${gui[$1]}$3"
}
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2
  shift 2
  local until=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < until)) || fail "timed out waiting for $what"
    sleep 0.2
  done
}
connected() { api "$1" GET /rest/system/connections | tr -d ' \n' | grep -q "\"${id[$2]}\":{[^}]*\"connected\":true"; }
for n in 1 2; do wait_for 30 "syncthing $n to answer" api "$n" GET /rest/system/ping; done
wait_for 30 "the two instances to connect" connected 1 2
wait_for 30 "the two instances to connect" connected 2 1
step "two Syncthing instances connected on 127.0.0.1:${listen[1]} and :${listen[2]}"

# carry FOLDER FROM TO: scan the sender's folder and wait until the receiver holds everything in it.
complete() { # the receiver has every file the sender announced
  api "$1" GET "/rest/db/completion?folder=$2&device=${id[$3]}" | tr -d ' \n' | grep -q '"completion":100[,}]' &&
    api "$3" GET "/rest/db/status?folder=$2" | tr -d ' \n' | grep -q '"needFiles":0,' &&
    api "$3" GET "/rest/db/status?folder=$2" | tr -d ' \n' | grep -q '"state":"idle"'
}
carry() {
  api "$2" POST "/rest/db/scan?folder=$1" >/dev/null || fail "scan of $1 refused"
  sleep 0.3
  wait_for 60 "$1 to reach instance $3" complete "$2" "$1" "$3"
}
sync_kw() { cli sync --vault "$W/kw"; }
sync_sw() { cli sync --vault "$W/sw"; }
same() { [[ "$("$TOOL" dump "$W/kw")" == "$("$TOOL" dump "$W/sw")" ]]; }
count() { "$TOOL" count "$1"; }

step "Monday: the key worker records family time and syncs; the social worker receives it"
"$TOOL" record "$W/kw" 6 "Mum made my favourite stew." >/dev/null
sync_kw | grep -q "Sent to" || fail "the key worker's sync sent nothing"
carry kw-to-sw 1 2
sync_sw | grep -q "^Imported '" || fail "the social worker imported nothing"
same || fail "vaults differ after Monday"

step "Tuesday: the social worker records and edits; the key worker receives it"
"$TOOL" record "$W/sw" 5 "Nan says hello from the allotment." >/dev/null
"$TOOL" notes "$W/sw" "Family time on Saturdays suits everyone." >/dev/null
sync_sw | grep -q "Sent to" || fail "the social worker's sync sent nothing"
carry sw-to-kw 2 1
sync_kw | grep -q "^Imported '" || fail "the key worker imported nothing"
same || fail "vaults differ after Tuesday"

step "Wednesday: both edit the same field; the key worker deletes a member the social worker edits"
"$TOOL" notes "$W/kw" "Family time moved to Sundays at the contact centre." >/dev/null
"$TOOL" notes "$W/sw" "Family time at Nan's house from next month." >/dev/null
"$TOOL" member-notes "$W/sw" "Changed phone number; call the office first." >/dev/null
"$TOOL" delete-member "$W/kw" >/dev/null
sync_kw >/dev/null
sync_sw >/dev/null
carry kw-to-sw 1 2
carry sw-to-kw 2 1
sync_kw >/dev/null
sync_sw >/dev/null
same || fail "vaults differ after Wednesday"
[[ "$(count "$W/kw")" == "$(count "$W/sw")" ]] || fail "counts differ"
count "$W/kw" | grep -q "conflicts 2$" || fail "expected two open conflicts, got: $(count "$W/kw")"

step "Thursday: a bundle held up on the way arrives after a later one"
"$TOOL" record "$W/kw" 3 "We went to the climbing wall." >/dev/null
sync_kw >/dev/null
held=$(ls -t "$kw_to_sw"/*.thrl | head -1)
mkdir -p "$W/held"
mv "$held" "$W/held/" # delayed: Syncthing has not seen it yet
"$TOOL" record "$W/kw" 2 "I scored at football." >/dev/null
sync_kw >/dev/null
carry kw-to-sw 1 2
sync_sw | grep -q "^Imported '" || fail "the later bundle was not imported"
mv "$W/held/$(basename "$held")" "$kw_to_sw/"
carry kw-to-sw 1 2
sync_sw >"$W/late" || fail "sync of the late bundle failed: $(cat "$W/late")"
grep -q "^Imported '.*(it arrived after a later bundle from them)" "$W/late" ||
  fail "the late bundle was not imported out of order: $(cat "$W/late")"
same || fail "vaults differ after Thursday"
"$TOOL" dump "$W/sw" | grep -q "We went to the climbing wall." || fail "the late contact is missing"

step "Friday: Syncthing's conflict copies and temporary files in the inbox are never imported twice"
any=$(ls "$W/sw-in"/*.thrl | head -1)
cp "$any" "$W/sw-in/$(basename "$any" .thrl).sync-conflict-20261204-101500-ABCDEFG.thrl"
head -c 300 "$any" >"$W/sw-in/.syncthing.$(basename "$any").tmp"
before=$("$TOOL" dump "$W/sw")
sync_sw >"$W/fri" || fail "sync with Syncthing's files in the inbox failed: $(cat "$W/fri")"
grep -q "^Imported '" "$W/fri" && fail "a conflict copy was imported again: $(cat "$W/fri")"
grep -q "already imported" "$W/fri" || fail "the conflict copy was not recognised: $(cat "$W/fri")"
[[ "$("$TOOL" dump "$W/sw")" == "$before" ]] || fail "the vault changed"

step "End of the week: both vaults hold the same records and the same open conflicts, nothing lost"
sync_kw >/dev/null
sync_sw >/dev/null
carry kw-to-sw 1 2
carry sw-to-kw 2 1
sync_kw >/dev/null
sync_sw >/dev/null
same || { diff <("$TOOL" dump "$W/kw") <("$TOOL" dump "$W/sw") | head -20; fail "vaults differ at the end"; }
for words in "Mum made my favourite stew." "Nan says hello from the allotment." "We went to the climbing wall." \
             "I scored at football."; do
  for v in kw sw; do "$TOOL" dump "$W/$v" | grep -qF "$words" || fail "'$words' missing in $v"; done
done
count "$W/kw" | grep -q "conflicts 2$" || fail "expected two open conflicts at the end, got: $(count "$W/kw")"
for v in kw sw; do cli verify --vault "$W/$v" | grep -q "All checks passed" || fail "verify failed in $v"; done
imports=$(cli sync --vault "$W/sw" | grep -c "^Imported '" || true)
[[ "$imports" == 0 ]] || fail "a bundle was imported again"
step "passed: $(count "$W/kw") in both vaults"
