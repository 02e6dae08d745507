#pragma once
// Records in an unlocked vault: the one write path (row + change log in one
// transaction) and the read queries that screens and reports need.
#include "throughline/records/records.hpp"
#include "throughline/records/redaction.hpp"
#include "throughline/base/result.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace throughline::core {

class Database;

/// One field-level change: the unit of the change log and of later sync.
struct Change {
    std::string changeId; // UUID
    RecordKind kind = RecordKind::YoungPerson;
    std::string recordId;
    std::string field;     // column name, or "_deleted" for a tombstone
    std::string value;     // canonical text form
    std::uint64_t hlc = 0; // hybrid logical clock: (ms << 16) | counter
    std::string device, author;
    /// The changes its writer had of the same field ("hlc@device", comma-separated; for a deletion, of
    /// every field): what it replaced. Empty for a first value. See docs/bundle-format.md §5.
    std::string base;
};

/// A young person as listed on the first screen.
struct YoungPersonListItem {
    std::string id, name, preferredName, caseReference, homeAuthority;
    std::string placementArea; // current placement's area, if any
    std::optional<PlacementType> placementType;
    std::optional<Date> placementStart;
    std::optional<Date> lastContact; // last contact that happened
    int openActions = 0;
    const std::string& shownName() const { return preferredName.empty() ? name : preferredName; }
};

/// A network member with how recently the relationship was used.
struct MemberContact {
    NetworkMember member;
    std::optional<Date> lastContact; // last contact that happened with them
    int contactCount = 0;            // contacts that happened, all time
};

/// Everything the young person home screen shows, loaded in one go. The current placement's
/// confidential location is left out (see Vault::revealLocation); `locationRecorded` says whether one exists.
struct HomeData {
    YoungPerson person;
    std::optional<Placement> currentPlacement;
    bool locationRecorded = false;
    std::vector<MemberContact> network;
    std::vector<ContactRecord> recentContacts;
    std::vector<MissingEpisode> missingEpisodes;
    std::vector<FollowUpAction> openActions;
};

struct Counts {
    std::int64_t youngPeople = 0, placements = 0, networkMembers = 0, contacts = 0, actions = 0,
                 missingEpisodes = 0, safetyPlans = 0, changes = 0, auditEntries = 0, deleted = 0;
};

/// The records of one open vault.
class Store {
  public:
    Store(Database& db, std::string device, std::string author);

    // --- The one write path. New records (empty id) get an id and meta; existing ones are diffed
    // field by field and only changed fields are written and logged. Validation runs first.
    Result<std::string> save(YoungPerson& r);
    Result<std::string> save(Placement& r);
    Result<std::string> save(NetworkMember& r);
    Result<std::string> save(ContactRecord& r);
    Result<std::string> save(FollowUpAction& r);
    Result<std::string> save(MissingEpisode& r);
    /// Saves `r` as the NEXT version of the young person's safety plan: a new record with a new id and
    /// version (the latest + 1); earlier versions are never changed. `r` gets the new id and version.
    Result<std::string> save(SafetyPlan& r);
    /// Creates a new record, keeping `r.meta.id` when it is already set (a UUID not used before): for
    /// imports, deterministic demo vaults and, later, records arriving from another device.
    Result<std::string> create(YoungPerson& r);
    Result<std::string> create(Placement& r);
    Result<std::string> create(NetworkMember& r);
    Result<std::string> create(ContactRecord& r);
    Result<std::string> create(FollowUpAction& r);
    Result<std::string> create(MissingEpisode& r);
    /// Keeps `r.version` when set (imports); 0 takes the next version.
    Result<std::string> create(SafetyPlan& r);
    /// Tombstones a record (and, for a young person, nothing else: children stay for audit).
    Status remove(RecordKind kind, const std::string& id);
    /// Runs `work` in one transaction (all-or-nothing batches, e.g. import-records).
    Status transaction(const std::function<Status()>& work);

    // --- Reads
    Result<YoungPerson> youngPerson(const std::string& id);
    Result<Placement> placement(const std::string& id);
    Result<NetworkMember> networkMember(const std::string& id);
    Result<ContactRecord> contact(const std::string& id);
    Result<FollowUpAction> action(const std::string& id);
    Result<MissingEpisode> missingEpisode(const std::string& id);

    /// Young people, sorted by shown name; `search` matches name, preferred name or case reference.
    Result<std::vector<YoungPersonListItem>> listYoungPeople(std::string_view search = {});
    Result<HomeData> loadHome(const std::string& youngPersonId, int recentLimit = 50);
    Result<std::vector<Placement>> placements(const std::string& youngPersonId);
    Result<std::vector<NetworkMember>> network(const std::string& youngPersonId);
    /// Network member ids, most recently in a contact first, then the rest by name.
    Result<std::vector<std::string>> recentParticipants(const std::string& youngPersonId);
    /// Contacts newest first; optional date range (inclusive) and limit (0 = all).
    Result<std::vector<ContactRecord>> contacts(const std::string& youngPersonId,
                                                std::optional<Date> from = {}, std::optional<Date> to = {},
                                                int limit = 0);
    Result<std::vector<FollowUpAction>> actions(const std::string& youngPersonId, bool openOnly);
    Result<std::vector<FollowUpAction>> actionsForContact(const std::string& contactId);
    Result<std::vector<MissingEpisode>> missingEpisodes(const std::string& youngPersonId);
    Result<SafetyPlan> safetyPlan(const std::string& id);
    /// The latest version of the young person's safety plan, or none.
    Result<std::optional<SafetyPlan>> currentSafetyPlan(const std::string& youngPersonId);
    /// Every version of the young person's safety plan, oldest first.
    Result<std::vector<SafetyPlan>> safetyPlanVersions(const std::string& youngPersonId);
    /// The young person's confidential set (redaction.hpp): the address, carer or home name and provider of
    /// every placement they have had, deleted ones included, with every value those fields have ever held
    /// in the change log; the placement areas and the home authority are shared on purpose.
    Result<ConfidentialSet> confidentialSet(const std::string& youngPersonId);
    /// Every live record of one young person (placement locations withheld): what the insight engine and
    /// the handover summary read.
    Result<YoungPersonRecords> recordsOf(const std::string& youngPersonId);
    Result<Counts> counts();
    Result<std::vector<Change>> changesFor(const std::string& recordId);

    // --- Drafts (a form in progress, kept encrypted in the vault) and vault settings
    Status saveDraft(const std::string& key, const std::string& content);
    Result<std::optional<std::string>> loadDraft(const std::string& key);
    Status clearDraft(const std::string& key);
    Result<std::string> setting(const std::string& key, const std::string& fallback);
    Status setSetting(const std::string& key, const std::string& value);

    void setAuthor(std::string author) { m_author = std::move(author); }
    /// Moves the clock past `hlc` (a change seen from another device), so that an edit made here after an
    /// import always orders after what was imported.
    void observeClock(std::uint64_t hlc) {
        if (hlc > m_lastHlc) m_lastHlc = hlc;
    }
    /// Moves the clock past every change in the change log, whichever device wrote it, and past the latest
    /// clock an import has seen (noteImportedClock): called once at unlock. One index seek per device.
    void restoreClock();
    /// Keeps `hlc`, the latest clock an import brought in, across unlocks (inside the caller's transaction)
    /// and moves the clock past it.
    void noteImportedClock(std::uint64_t hlc);
    const std::string& device() const { return m_device; }
    const std::string& author() const { return m_author; }
    /// The next clock value, for a change written outside the record write path (settling a sync conflict).
    std::uint64_t takeHlc() { return nextHlc(); }
    /// The clock used for `today` in validation; tests may pin it.
    void setToday(std::function<Date()> today) { m_today = std::move(today); }
    Date today() const { return m_today(); }

    struct Field; // implementation detail (field descriptors)

  private:
    template <class R> Result<std::string> saveRecord(R& r, bool create);
    Result<std::string> saveSafetyPlanVersion(SafetyPlan& r, bool keepVersion);
    Database& m_db;
    std::string m_device, m_author;
    std::uint64_t m_lastHlc = 0;
    std::function<Date()> m_today;
    std::uint64_t nextHlc();
};

} // namespace throughline::core
