// kintone's three permission lists of an app, as stored per stage (preview/live): the app
// ACL (who may manage the app and view/add/edit/delete/import/export its records), the
// record ACL (rules conditioned by a filterCond) and the field ACL (READ/WRITE/NONE per
// field). Entities name users, organisations and groups by id so renaming a code keeps
// the permission. Value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace domain {

enum class AclEntityType { kUser, kGroup, kOrganization, kCreator, kFieldEntity };

// The built-in "everyone" group: every user. kintone ranks it last whatever its position.
inline constexpr const char* kEveryoneGroup = "everyone";

struct AclEntity {
  AclEntityType type = AclEntityType::kUser;
  int64_t id = 0;    // user / group / organisation id; 0 for CREATOR, FIELD_ENTITY, everyone
  std::string code;  // FIELD_ENTITY: the field code; GROUP everyone: "everyone"
  bool include_subs = false;

  bool is_everyone() const { return type == AclEntityType::kGroup && code == kEveryoneGroup; }
};

// Right bits; one entry's rights are a combination of them.
enum AclRight : uint32_t {
  kAclManage = 1u << 0,  // app ACL: appEditable
  kAclView = 1u << 1,    // app: recordViewable; record: viewable; field: READ
  kAclAdd = 1u << 2,     // app: recordAddable
  kAclEdit = 1u << 3,    // app: recordEditable; record: editable; field: WRITE
  kAclDelete = 1u << 4,  // app: recordDeletable; record: deletable
  kAclImport = 1u << 5,  // app: recordImportable
  kAclExport = 1u << 6,  // app: recordExportable
};
inline constexpr uint32_t kAclAllRecordRights =
    kAclView | kAclAdd | kAclEdit | kAclDelete | kAclImport | kAclExport;

struct AclEntry {
  AclEntity entity;
  uint32_t rights = 0;
};

// One record rule (filterCond; "" = every record) or one field's list (subject = field code).
struct AclRule {
  std::string subject;
  std::vector<AclEntry> entries;
};

enum class AclKind { kApp, kRecord, kField };

// An app's permissions at one stage. `app` nullopt: never customised, kintone's default list
// applies (DefaultAppAcl). Empty record/field lists restrict nothing.
struct AppAcls {
  std::optional<std::vector<AclEntry>> app;
  std::vector<AclRule> records;
  std::vector<AclRule> fields;
};

// kintone's list for a new app: the app's creator may do everything; everyone may view, add,
// edit, delete, import and export records.
std::vector<AclEntry> DefaultAppAcl();

// "USER", "GROUP", "ORGANIZATION", "CREATOR", "FIELD_ENTITY" as the API spells them.
std::string_view AclEntityTypeName(AclEntityType type);
std::optional<AclEntityType> ParseAclEntityType(std::string_view name);
std::string_view AclKindName(AclKind kind);  // "app", "record", "field" (storage keys)

}  // namespace domain

namespace domain {

// Who a user is for the ACLs: the organisations they belong to, those organisations'
// ancestors (an entry "org X with sub-organisations" covers members of X's descendants) and
// their groups.
struct Membership {
  int64_t user_id = 0;
  std::vector<int64_t> organizations;  // direct memberships
  std::vector<int64_t> ancestors;      // every ancestor of a direct organisation (not itself)
  std::vector<int64_t> groups;
};

}  // namespace domain
