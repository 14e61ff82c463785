// CSV export and import of the directory so the yearly reshuffle is one file: users,
// organisations, organisation memberships (one row per user × organisation, in order; an
// import replaces the whole list of every user it names) and group memberships (one row per
// user × group, likewise; a row with an empty groupCode leaves that user in no group). Imports add
// missing entries and update existing ones in one transaction, all or nothing; problems are keyed
// "rows[N].column" where N is the file's line number (the header is line 1).
// Thread-safe (state lives in the database).
#pragma once

#include <functional>
#include <string>

#include "common/result.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"
#include "domain/users/group_service.h"
#include "domain/users/organization_service.h"
#include "domain/users/user_service.h"

namespace domain {

enum class DirectoryCsvKind { kUsers, kOrganizations, kMemberships, kGroupMemberships };

struct DirectoryImportResult {
  int64_t rows = 0;
  int64_t added = 0;
  int64_t updated = 0;
};

class DirectoryCsv {
 public:
  DirectoryCsv(TransactionRunner& db, UserService& users, OrganizationService& organizations,
               GroupService& groups, std::function<void()> on_change);

  // UTF-8 text with a BOM (so spreadsheet software detects the encoding) and a header row.
  common::Result<std::string> Export(const Principal& who, DirectoryCsvKind kind);
  // With `dry_run` everything is checked and nothing is written.
  common::Result<DirectoryImportResult> Import(const Principal& who, DirectoryCsvKind kind,
                                               std::string_view csv, bool dry_run);

 private:
  common::Result<std::string> ExportIn(Transaction& tx, DirectoryCsvKind kind) const;

  TransactionRunner& db_;
  UserService& users_;
  OrganizationService& organizations_;
  GroupService& groups_;
  std::function<void()> on_change_;
};

}  // namespace domain
