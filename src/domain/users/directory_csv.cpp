#include "domain/users/directory_csv.h"

#include <algorithm>
#include <functional>
#include <map>

#include "common/csv.h"
#include "domain/permissions/access.h"
#include "domain/users/directory_repository.h"
#include "domain/users/directory_rules.h"
#include "domain/users/user_repository.h"

namespace domain {

using common::CsvRow;
using common::Error;
using common::FormatCsvRow;
using common::Result;
using common::Status;
using common::Text;

namespace {

// Columns per kind: the first is required; `import_only` ones are never exported.
struct Column {
  const char* name;
  bool import_only = false;
};

std::vector<Column> UserColumns() {
  std::vector<Column> c = {{"code"},     {"newCode", true}, {"password", true},
                           {"name"},     {"valid"},         {"locale"},
                           {"timezone"}, {"email"},         {"sortOrder"}};
  for (const char* p : kUserProfileProperties) c.push_back({p});
  return c;
}
const std::vector<Column> kOrganizationColumns = {
    {"code"},      {"newCode", true},   {"name"},       {"parentCode"},
    {"localName"}, {"localNameLocale"}, {"description"}};
const std::vector<Column> kMembershipColumns = {{"code"}, {"orgCode"}, {"titleCode"}, {"primary"}};
const std::vector<Column> kGroupMembershipColumns = {{"code"}, {"groupCode"}};

const std::vector<Column>& ColumnsOf(DirectoryCsvKind kind) {
  static const std::vector<Column> kUsers = UserColumns();
  switch (kind) {
    case DirectoryCsvKind::kUsers:
      return kUsers;
    case DirectoryCsvKind::kOrganizations:
      return kOrganizationColumns;
    case DirectoryCsvKind::kMemberships:
      return kMembershipColumns;
    case DirectoryCsvKind::kGroupMemberships:
      return kGroupMembershipColumns;
  }
  return kUsers;
}

// A parsed file: its header's column positions and data rows.
struct Table {
  std::map<std::string, size_t, std::less<>> column;
  std::vector<CsvRow> rows;

  // The cell, or nullopt when the file has no such column.
  std::optional<std::string> Get(const CsvRow& row, std::string_view name) const {
    auto it = column.find(name);
    if (it == column.end()) return std::nullopt;
    return it->second < row.fields.size() ? row.fields[it->second] : std::string();
  }
};

Result<Table> ReadTable(std::string_view csv, DirectoryCsvKind kind) {
  TK_ASSIGN_OR_RETURN(auto rows, common::ParseCsv(csv));
  if (rows.empty()) return Error::Invalid("csv", Text::kRequiredParam);
  const auto& columns = ColumnsOf(kind);
  Table t;
  Error errors = Error::Validation();
  for (size_t i = 0; i < rows[0].fields.size(); ++i) {
    const std::string& name = rows[0].fields[i];
    bool known = std::any_of(columns.begin(), columns.end(),
                             [&](const Column& c) { return name == c.name; });
    if (!known) errors.AddField("csv", Text::kCsvUnknownColumn, {name});
    t.column[name] = i;
  }
  if (!t.column.contains(columns[0].name)) {
    errors.AddField("csv", Text::kCsvMissingColumn, {columns[0].name});
  }
  TK_RETURN_IF_ERROR(Verdict(std::move(errors)));
  t.rows.assign(std::make_move_iterator(rows.begin() + 1), std::make_move_iterator(rows.end()));
  return t;
}

std::string RowKey(const CsvRow& row) { return "rows[" + std::to_string(row.line) + "]"; }

std::optional<bool> ParseBool(std::string_view s) {
  if (s == "true" || s == "1" || s == "TRUE") return true;
  if (s == "false" || s == "0" || s == "FALSE") return false;
  return std::nullopt;
}

std::vector<UserChange> ReadUsers(const Table& t, Error& errors) {
  std::vector<UserChange> out;
  for (const CsvRow& row : t.rows) {
    UserChange c;
    c.key = RowKey(row);
    c.code = t.Get(row, "code").value_or("");
    c.new_code = t.Get(row, "newCode");
    if (c.new_code && c.new_code->empty()) c.new_code.reset();
    auto password = t.Get(row, "password");
    if (password && !password->empty()) c.password = password;  // empty keeps the password
    c.name = t.Get(row, "name");
    c.locale = t.Get(row, "locale");
    c.time_zone = t.Get(row, "timezone");
    c.email = t.Get(row, "email");
    if (auto v = t.Get(row, "valid"); v && !v->empty()) {
      c.valid = ParseBool(*v);
      if (!c.valid) errors.AddField(c.key + ".valid", Text::kNotBoolean);
    }
    if (auto v = t.Get(row, "sortOrder"); v && !v->empty()) {
      char* end = nullptr;
      long long n = std::strtoll(v->c_str(), &end, 10);
      if (*end != '\0') {
        errors.AddField(c.key + ".sortOrder", Text::kNotInteger);
      } else {
        c.sort_order = n;
      }
    }
    for (const char* p : kUserProfileProperties) {
      if (auto v = t.Get(row, p)) c.profile[p] = *v;
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<OrganizationChange> ReadOrganizations(const Table& t) {
  std::vector<OrganizationChange> out;
  for (const CsvRow& row : t.rows) {
    OrganizationChange c;
    c.key = RowKey(row);
    c.code = t.Get(row, "code").value_or("");
    c.new_code = t.Get(row, "newCode");
    if (c.new_code && c.new_code->empty()) c.new_code.reset();
    c.name = t.Get(row, "name");
    c.parent_code = t.Get(row, "parentCode");
    c.local_name = t.Get(row, "localName");
    c.local_name_locale = t.Get(row, "localNameLocale");
    c.description = t.Get(row, "description");
    out.push_back(std::move(c));
  }
  return out;
}

// Rows grouped per user (column "code") in file order, each user's first row keying its
// change; `add` puts one row's entry into its user's change.
template <typename Change>
std::vector<Change> GroupByUser(const Table& t,
                                const std::function<void(Change&, const CsvRow&)>& add) {
  std::vector<Change> out;
  std::map<std::string, size_t> index;
  for (const CsvRow& row : t.rows) {
    std::string code = t.Get(row, "code").value_or("");
    auto [it, fresh] = index.try_emplace(code, out.size());
    if (fresh) {
      out.push_back({});
      out.back().key = RowKey(row);
      out.back().user_code = code;
    }
    add(out[it->second], row);
  }
  return out;
}

// Each user's rows become its whole organisation list.
std::vector<UserOrganizationsChange> ReadMemberships(const Table& t, Error& errors) {
  return GroupByUser<UserOrganizationsChange>(t, [&](UserOrganizationsChange& c,
                                                     const CsvRow& row) {
    std::string org = t.Get(row, "orgCode").value_or("");
    if (org.empty()) return;
    auto title = t.Get(row, "titleCode");
    c.organizations.push_back({RowKey(row), org, title && !title->empty() ? title : std::nullopt});
    if (auto p = t.Get(row, "primary"); p && !p->empty()) {
      auto flag = ParseBool(*p);
      if (!flag) errors.AddField(RowKey(row) + ".primary", Text::kNotBoolean);
      if (flag.value_or(false)) c.primary_code = org;
    }
  });
}

// Each user's rows become its whole group list.
std::vector<UserGroupsChange> ReadGroupMemberships(const Table& t) {
  return GroupByUser<UserGroupsChange>(t, [&](UserGroupsChange& c, const CsvRow& row) {
    std::string group = t.Get(row, "groupCode").value_or("");
    if (group.empty()) return;
    c.group_codes.push_back(group);
    c.group_keys.push_back(RowKey(row) + ".groupCode");
  });
}

std::string Cell(const User& u, std::string_view column) {
  if (column == "code") return u.code;
  if (column == "name") return u.name;
  if (column == "valid") return u.valid ? "true" : "false";
  if (column == "locale") return u.locale;
  if (column == "timezone") return u.time_zone;
  if (column == "email") return u.email;
  if (column == "sortOrder") return u.sort_order ? std::to_string(*u.sort_order) : "";
  auto it = u.profile.find(std::string(column));
  return it == u.profile.end() ? "" : it->second;
}

}  // namespace

DirectoryCsv::DirectoryCsv(TransactionRunner& db, UserService& users,
                           OrganizationService& organizations, GroupService& groups,
                           std::function<void()> on_change)
    : db_(db),
      users_(users),
      organizations_(organizations),
      groups_(groups),
      on_change_(std::move(on_change)) {}

Result<std::string> DirectoryCsv::Export(const Principal& who, DirectoryCsvKind kind) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  std::string out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(out, ExportIn(tx, kind));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> DirectoryCsv::ExportIn(Transaction& tx, DirectoryCsvKind kind) const {
  std::vector<std::string> header;
  for (const Column& c : ColumnsOf(kind)) {
    if (!c.import_only) header.push_back(c.name);
  }
  std::string out(common::kUtf8Bom);
  out += FormatCsvRow(header);
  TK_ASSIGN_OR_RETURN(auto orgs, tx.directory().AllOrganizations());
  std::map<int64_t, const Organization*> org_by_id;
  for (const Organization& o : orgs) org_by_id[o.id] = &o;
  DirectoryFilter everyone;
  everyone.limit = INT64_MAX;
  switch (kind) {
    case DirectoryCsvKind::kUsers: {
      TK_ASSIGN_OR_RETURN(auto users, tx.users().Find(everyone));
      for (const User& u : users) {
        std::vector<std::string> cells;
        for (const std::string& h : header) cells.push_back(Cell(u, h));
        out += FormatCsvRow(cells);
      }
      break;
    }
    case DirectoryCsvKind::kOrganizations:
      for (const Organization& o : orgs) {
        std::string parent =
            o.parent_id && org_by_id.contains(*o.parent_id) ? org_by_id[*o.parent_id]->code : "";
        out += FormatCsvRow(
            {o.code, o.name, parent, o.local_name, o.local_name_locale, o.description});
      }
      break;
    case DirectoryCsvKind::kMemberships: {
      TK_ASSIGN_OR_RETURN(auto users, tx.users().Find(everyone));
      for (const User& u : users) {
        TK_ASSIGN_OR_RETURN(auto list, tx.directory().UserOrganizations(u.id));
        for (const auto& m : list) {
          std::string title;
          if (m.title_id) {
            TK_ASSIGN_OR_RETURN(auto t, tx.directory().FindTitleById(*m.title_id));
            if (t) title = t->code;
          }
          bool primary = u.primary_organization_id == m.organization_id;
          out += FormatCsvRow(
              {u.code, org_by_id[m.organization_id]->code, title, primary ? "true" : ""});
        }
      }
      break;
    }
    case DirectoryCsvKind::kGroupMemberships: {
      DirectoryFilter all_groups;
      all_groups.limit = INT64_MAX;
      TK_ASSIGN_OR_RETURN(auto groups, tx.directory().ListGroups(all_groups));
      std::map<int64_t, std::string> group_code;
      for (const Group& g : groups) group_code[g.id] = g.code;
      TK_ASSIGN_OR_RETURN(auto users, tx.users().Find(everyone));
      for (const User& u : users) {
        TK_ASSIGN_OR_RETURN(auto ids, tx.directory().UserGroups(u.id));
        for (int64_t id : ids) {
          if (auto it = group_code.find(id); it != group_code.end()) {
            out += FormatCsvRow({u.code, it->second});
          }
        }
      }
      break;
    }
  }
  return out;
}

Result<DirectoryImportResult> DirectoryCsv::Import(const Principal& who, DirectoryCsvKind kind,
                                                   std::string_view csv, bool dry_run) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_ASSIGN_OR_RETURN(Table table, ReadTable(csv, kind));
  DirectoryImportResult result;
  result.rows = static_cast<int64_t>(table.rows.size());
  Error read_errors = Error::Validation();
  std::vector<UserChange> users;
  std::vector<OrganizationChange> orgs;
  std::vector<UserOrganizationsChange> memberships;
  std::vector<UserGroupsChange> group_memberships;
  switch (kind) {
    case DirectoryCsvKind::kUsers:
      users = ReadUsers(table, read_errors);
      users_.HashPasswords(users, read_errors);
      break;
    case DirectoryCsvKind::kOrganizations:
      orgs = ReadOrganizations(table);
      break;
    case DirectoryCsvKind::kMemberships:
      memberships = ReadMemberships(table, read_errors);
      break;
    case DirectoryCsvKind::kGroupMemberships:
      group_memberships = ReadGroupMemberships(table);
      break;
  }
  // Everything runs so that every problem is reported; a dry run then rolls back.
  bool checked = false;
  Status written = db_.Write([&](Transaction& tx) -> Status {
    Error errors = read_errors;
    if (kind == DirectoryCsvKind::kUsers) {
      std::vector<UserChange> added, updated;
      for (UserChange& u : users) {
        TK_ASSIGN_OR_RETURN(auto existing, tx.users().FindByCode(u.code));
        (existing ? updated : added).push_back(u);
      }
      result.added = static_cast<int64_t>(added.size());
      result.updated = static_cast<int64_t>(updated.size());
      TK_RETURN_IF_ERROR(users_.AddIn(tx, who, added, errors));
      TK_RETURN_IF_ERROR(users_.UpdateIn(tx, who, updated, errors));
    } else if (kind == DirectoryCsvKind::kOrganizations) {
      // New organisations first, without parents, so a parent may come later in the file.
      std::vector<OrganizationChange> added;
      for (const OrganizationChange& o : orgs) {
        TK_ASSIGN_OR_RETURN(auto existing, tx.directory().FindOrganization(o.code));
        if (existing) continue;
        added.push_back(o);
        added.back().parent_code.reset();
      }
      result.added = static_cast<int64_t>(added.size());
      result.updated = result.rows - result.added;
      TK_RETURN_IF_ERROR(organizations_.AddIn(tx, added, errors));
      if (!errors.has_fields()) TK_RETURN_IF_ERROR(organizations_.UpdateIn(tx, orgs, errors));
    } else if (kind == DirectoryCsvKind::kMemberships) {
      result.updated = static_cast<int64_t>(memberships.size());
      TK_RETURN_IF_ERROR(organizations_.SetUserOrganizationsIn(tx, memberships, errors));
    } else {
      result.updated = static_cast<int64_t>(group_memberships.size());
      TK_RETURN_IF_ERROR(groups_.SetUserGroupsIn(tx, group_memberships, errors));
    }
    TK_RETURN_IF_ERROR(Verdict(std::move(errors)));
    checked = true;
    return dry_run ? Status(Error::Internal("dry run: rolled back")) : Status::Ok();
  });
  if (!written.ok() && !(dry_run && checked)) return std::move(written).error();
  if (!dry_run && on_change_) on_change_();
  return result;
}

}  // namespace domain
