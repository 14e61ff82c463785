#include "storage/repositories/sql_directory_repository.h"

#include "storage/repositories/sql_user_repository.h"

namespace storage {

using common::Result;
using common::SqlNull;
using common::Status;
using domain::Group;
using domain::Organization;
using domain::Title;

void AppendDirectoryFilter(const domain::DirectoryFilter& f, std::string& sql,
                           std::vector<SqlValue>& params) {
  auto in_list = [&](const char* column, const auto& values) {
    std::string s = std::string(column) + " IN (";
    for (size_t i = 0; i < values.size(); ++i) {
      s += i ? ",?" : "?";
      params.emplace_back(values[i]);
    }
    return s + ")";
  };
  if (!f.ids.empty() && !f.codes.empty()) {
    sql += " WHERE " + in_list("id", f.ids) + " OR " + in_list("code", f.codes);
  } else if (!f.ids.empty()) {
    sql += " WHERE " + in_list("id", f.ids);
  } else if (!f.codes.empty()) {
    sql += " WHERE " + in_list("code", f.codes);
  }
  sql += " ORDER BY id LIMIT ? OFFSET ?";
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
}

namespace {

constexpr const char* kOrganizationColumns =
    "SELECT id, code, name, parent_id, local_name, local_name_locale, description, "
    "(SELECT p.code FROM organizations p WHERE p.id = organizations.parent_id) "
    "FROM organizations";

SqlValue OptionalId(const std::optional<int64_t>& v) {
  return v ? SqlValue(*v) : SqlValue(SqlNull{});
}

Organization ToOrganization(const Row& r) {
  Organization o;
  o.id = r.Int(0);
  o.code = r.Text(1);
  o.name = r.Text(2);
  if (!r.IsNull(3)) o.parent_id = r.Int(3);
  o.local_name = r.Text(4);
  o.local_name_locale = r.Text(5);
  o.description = r.Text(6);
  o.parent_code = r.Text(7);
  return o;
}

Group ToGroup(const Row& r) { return Group{r.Int(0), r.Text(1), r.Text(2), r.Text(3)}; }
Title ToTitle(const Row& r) { return Title{r.Int(0), r.Text(1), r.Text(2), r.Text(3)}; }

template <typename T, typename F>
Result<std::vector<T>> All(Result<std::vector<Row>> rows, F convert) {
  if (!rows.ok()) return std::move(rows).error();
  std::vector<T> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back(convert(r));
  return out;
}

template <typename T, typename F>
Result<std::optional<T>> First(Result<std::vector<Row>> rows, F convert) {
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(convert((*rows)[0]));
}

Result<std::vector<int64_t>> Ids(Result<std::vector<Row>> rows) {
  return All<int64_t>(std::move(rows), [](const Row& r) { return r.Int(0); });
}

}  // namespace

Result<std::vector<Organization>> SqlDirectoryRepository::ListOrganizations(
    const domain::DirectoryFilter& f) {
  std::string sql = kOrganizationColumns;
  std::vector<SqlValue> params;
  AppendDirectoryFilter(f, sql, params);
  return All<Organization>(c_.Query(sql, params), ToOrganization);
}

Result<std::vector<Organization>> SqlDirectoryRepository::AllOrganizations() {
  return All<Organization>(c_.Query(std::string(kOrganizationColumns) + " ORDER BY id"),
                           ToOrganization);
}

Result<std::optional<Organization>> SqlDirectoryRepository::FindOrganization(
    std::string_view code) {
  return First<Organization>(
      c_.Query(std::string(kOrganizationColumns) + " WHERE code = ?", {std::string(code)}),
      ToOrganization);
}

Result<int64_t> SqlDirectoryRepository::InsertOrganization(const Organization& o) {
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO organizations(code, name, parent_id, local_name, local_name_locale, "
      "description) VALUES (?,?,?,?,?,?)",
      {o.code, o.name, OptionalId(o.parent_id), o.local_name, o.local_name_locale, o.description}));
  return c_.LastInsertId();
}

Status SqlDirectoryRepository::UpdateOrganization(const Organization& o) {
  return c_.Execute(
      "UPDATE organizations SET code = ?, name = ?, parent_id = ?, local_name = ?, "
      "local_name_locale = ?, description = ? WHERE id = ?",
      {o.code, o.name, OptionalId(o.parent_id), o.local_name, o.local_name_locale, o.description,
       o.id});
}

Status SqlDirectoryRepository::DeleteOrganization(int64_t id) {
  TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM user_organizations WHERE organization_id = ?", {id}));
  return c_.Execute("DELETE FROM organizations WHERE id = ?", {id});
}

Result<std::vector<Group>> SqlDirectoryRepository::ListGroups(const domain::DirectoryFilter& f) {
  std::string sql = "SELECT id, code, name, description FROM groups";
  std::vector<SqlValue> params;
  AppendDirectoryFilter(f, sql, params);
  return All<Group>(c_.Query(sql, params), ToGroup);
}

Result<std::optional<Group>> SqlDirectoryRepository::FindGroup(std::string_view code) {
  return First<Group>(c_.Query("SELECT id, code, name, description FROM groups WHERE code = ?",
                               {std::string(code)}),
                      ToGroup);
}

Result<int64_t> SqlDirectoryRepository::InsertGroup(const Group& g) {
  TK_RETURN_IF_ERROR(c_.Execute("INSERT INTO groups(code, name, description) VALUES (?,?,?)",
                                {g.code, g.name, g.description}));
  return c_.LastInsertId();
}

Status SqlDirectoryRepository::UpdateGroup(const Group& g) {
  return c_.Execute("UPDATE groups SET code = ?, name = ?, description = ? WHERE id = ?",
                    {g.code, g.name, g.description, g.id});
}

Status SqlDirectoryRepository::DeleteGroup(int64_t id) {
  TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM user_groups WHERE group_id = ?", {id}));
  return c_.Execute("DELETE FROM groups WHERE id = ?", {id});
}

Result<std::optional<Title>> SqlDirectoryRepository::FindTitle(std::string_view code) {
  return First<Title>(c_.Query("SELECT id, code, name, description FROM titles WHERE code = ?",
                               {std::string(code)}),
                      ToTitle);
}

Result<std::optional<Title>> SqlDirectoryRepository::FindTitleById(int64_t id) {
  return First<Title>(c_.Query("SELECT id, code, name, description FROM titles WHERE id = ?", {id}),
                      ToTitle);
}

Result<int64_t> SqlDirectoryRepository::InsertTitle(const Title& t) {
  TK_RETURN_IF_ERROR(c_.Execute("INSERT INTO titles(code, name, description) VALUES (?,?,?)",
                                {t.code, t.name, t.description}));
  return c_.LastInsertId();
}

Result<std::vector<domain::OrganizationMembership>> SqlDirectoryRepository::UserOrganizations(
    int64_t user_id) {
  return All<domain::OrganizationMembership>(
      c_.Query("SELECT organization_id, title_id FROM user_organizations WHERE user_id = ? "
               "ORDER BY position, organization_id",
               {user_id}),
      [](const Row& r) {
        domain::OrganizationMembership m{r.Int(0), std::nullopt};
        if (!r.IsNull(1)) m.title_id = r.Int(1);
        return m;
      });
}

Status SqlDirectoryRepository::SetUserOrganizations(
    int64_t user_id, const std::vector<domain::OrganizationMembership>& list) {
  TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM user_organizations WHERE user_id = ?", {user_id}));
  int64_t position = 0;
  for (const auto& m : list) {
    TK_RETURN_IF_ERROR(
        c_.Execute("INSERT INTO user_organizations(user_id, organization_id, title_id, position) "
                   "VALUES (?,?,?,?)",
                   {user_id, m.organization_id, OptionalId(m.title_id), position++}));
  }
  return Status::Ok();
}

Result<std::vector<domain::OrganizationMember>> SqlDirectoryRepository::OrganizationMembers(
    int64_t org_id, int64_t offset, int64_t limit) {
  return All<domain::OrganizationMember>(
      c_.Query("SELECT user_id, title_id FROM user_organizations WHERE organization_id = ? "
               "ORDER BY user_id LIMIT ? OFFSET ?",
               {org_id, limit, offset}),
      [](const Row& r) {
        domain::OrganizationMember m{r.Int(0), std::nullopt};
        if (!r.IsNull(1)) m.title_id = r.Int(1);
        return m;
      });
}

Result<int64_t> SqlDirectoryRepository::CountOrganizationMembers(int64_t org_id) {
  TK_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT count(*) FROM user_organizations WHERE organization_id = ?", {org_id}));
  return rows[0].Int(0);
}

Result<std::vector<int64_t>> SqlDirectoryRepository::UserGroups(int64_t user_id) {
  return Ids(
      c_.Query("SELECT group_id FROM user_groups WHERE user_id = ? ORDER BY group_id", {user_id}));
}

Status SqlDirectoryRepository::SetUserGroups(int64_t user_id,
                                             const std::vector<int64_t>& group_ids) {
  TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM user_groups WHERE user_id = ?", {user_id}));
  for (int64_t g : group_ids) {
    TK_RETURN_IF_ERROR(
        c_.Execute("INSERT INTO user_groups(user_id, group_id) VALUES (?,?)", {user_id, g}));
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> SqlDirectoryRepository::GroupMembers(int64_t group_id, int64_t offset,
                                                                  int64_t limit) {
  return Ids(c_.Query(
      "SELECT user_id FROM user_groups WHERE group_id = ? ORDER BY user_id LIMIT ? OFFSET ?",
      {group_id, limit, offset}));
}

}  // namespace storage
