#include "domain/users/group_service.h"

#include <algorithm>

#include "domain/permissions/access.h"
#include "domain/users/directory_repository.h"
#include "domain/users/directory_rules.h"
#include "domain/users/user_repository.h"

namespace domain {

using common::Error;
using common::Result;
using common::Status;
using common::Text;

GroupService::GroupService(TransactionRunner& db, std::function<void()> on_change)
    : db_(db), on_change_(std::move(on_change)) {}

Result<std::vector<Group>> GroupService::List(const Principal& who, const DirectoryFilter& f) {
  TK_RETURN_IF_ERROR(RequireUser(who));
  std::vector<Group> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(out, tx.directory().ListGroups(f));
    return Status::Ok();
  }));
  return out;
}

Status GroupService::Add(const Principal& who, std::vector<GroupChange> items) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("groups", items.size()));
  return WriteDirectory(db_, on_change_, [&](Transaction& tx, Error& errors) -> Status {
    for (size_t i = 0; i < items.size(); ++i) {
      const GroupChange& c = items[i];
      std::string key = c.key.empty() ? ItemKey("groups", i) : c.key;
      size_t before = errors.fields().size();
      CheckCode(c.code, key + ".code", errors);
      TK_ASSIGN_OR_RETURN(auto existing, tx.directory().FindGroup(c.code));
      if (existing) errors.AddField(key + ".code", Text::kDirectoryCodeDuplicate);
      if (!c.name) errors.AddField(key + ".name", Text::kRequired);
      if (c.name) CheckName(*c.name, key + ".name", errors);
      if (errors.fields().size() != before) continue;
      TK_RETURN_IF_ERROR(
          tx.directory().InsertGroup({0, c.code, *c.name, c.description.value_or("")}));
    }
    return Status::Ok();
  });
}

Status GroupService::Update(const Principal& who, std::vector<GroupChange> items) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("groups", items.size()));
  return WriteDirectory(db_, on_change_, [&](Transaction& tx, Error& errors) -> Status {
    for (size_t i = 0; i < items.size(); ++i) {
      const GroupChange& c = items[i];
      std::string key = c.key.empty() ? ItemKey("groups", i) : c.key;
      size_t before = errors.fields().size();
      TK_ASSIGN_OR_RETURN(auto g, tx.directory().FindGroup(c.code));
      if (!g) {
        errors.AddField(key + ".code", Text::kGroupNotFound, {c.code});
        continue;
      }
      if (c.new_code && *c.new_code != g->code) {
        CheckCode(*c.new_code, key + ".newCode", errors);
        TK_ASSIGN_OR_RETURN(auto taken, tx.directory().FindGroup(*c.new_code));
        if (taken) errors.AddField(key + ".newCode", Text::kDirectoryCodeDuplicate);
        g->code = *c.new_code;
      }
      if (c.name) {
        CheckName(*c.name, key + ".name", errors);
        g->name = *c.name;
      }
      if (c.description) g->description = *c.description;
      if (errors.fields().size() != before) continue;
      TK_RETURN_IF_ERROR(tx.directory().UpdateGroup(*g));
    }
    return Status::Ok();
  });
}

Status GroupService::Delete(const Principal& who, const std::vector<std::string>& codes) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("codes", codes.size()));
  return WriteDirectory(db_, on_change_, [&](Transaction& tx, Error& errors) -> Status {
    for (size_t i = 0; i < codes.size(); ++i) {
      TK_ASSIGN_OR_RETURN(auto g, tx.directory().FindGroup(codes[i]));
      if (!g) {
        errors.AddField(ItemKey("codes", i), Text::kGroupNotFound, {codes[i]});
      } else {
        TK_RETURN_IF_ERROR(tx.directory().DeleteGroup(g->id));
      }
    }
    return Status::Ok();
  });
}

Result<std::vector<Group>> GroupService::UserGroups(const Principal& who,
                                                    const std::string& user_code) {
  TK_RETURN_IF_ERROR(RequireUser(who));
  std::vector<Group> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto user, tx.users().FindByCode(user_code));
    if (!user) return Error(common::ErrorCode::kUserNotFound, {user_code});
    DirectoryFilter f;
    TK_ASSIGN_OR_RETURN(f.ids, tx.directory().UserGroups(user->id));
    if (f.ids.empty()) return Status::Ok();
    f.limit = static_cast<int64_t>(f.ids.size());
    TK_ASSIGN_OR_RETURN(out, tx.directory().ListGroups(f));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<User>> GroupService::GroupUsers(const Principal& who,
                                                   const std::string& group_code, int64_t offset,
                                                   int64_t limit) {
  TK_RETURN_IF_ERROR(RequireUser(who));
  std::vector<User> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto group, tx.directory().FindGroup(group_code));
    if (!group) return Error(common::ErrorCode::kGroupNotFound, {group_code});
    DirectoryFilter f;
    TK_ASSIGN_OR_RETURN(f.ids, tx.directory().GroupMembers(group->id, offset, limit));
    if (f.ids.empty()) return Status::Ok();
    f.limit = static_cast<int64_t>(f.ids.size());
    TK_ASSIGN_OR_RETURN(out, tx.users().Find(f));
    return Status::Ok();
  }));
  return out;
}

Status GroupService::SetUserGroups(const Principal& who, std::vector<UserGroupsChange> items) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("userGroups", items.size()));
  return WriteDirectory(db_, on_change_, [&](Transaction& tx, Error& errors) -> Status {
    return SetUserGroupsIn(tx, items, errors);
  });
}

Status GroupService::SetUserGroupsIn(Transaction& tx, const std::vector<UserGroupsChange>& items,
                                     Error& errors) {
  for (size_t i = 0; i < items.size(); ++i) {
    const UserGroupsChange& c = items[i];
    std::string key = c.key.empty() ? ItemKey("userGroups", i) : c.key;
    size_t before = errors.fields().size();
    TK_ASSIGN_OR_RETURN(auto user, tx.users().FindByCode(c.user_code));
    if (!user) errors.AddField(key + ".code", Text::kUserNotFound, {c.user_code});
    std::vector<int64_t> ids;
    for (size_t j = 0; j < c.group_codes.size(); ++j) {
      std::string gkey =
          j < c.group_keys.size() ? c.group_keys[j] : key + ".groups[" + std::to_string(j) + "]";
      TK_ASSIGN_OR_RETURN(auto g, tx.directory().FindGroup(c.group_codes[j]));
      if (!g) {
        errors.AddField(gkey, Text::kGroupNotFound, {c.group_codes[j]});
      } else if (std::find(ids.begin(), ids.end(), g->id) != ids.end()) {
        errors.AddField(gkey, Text::kDirectoryCodeDuplicate);
      } else {
        ids.push_back(g->id);
      }
    }
    if (errors.fields().size() != before || !user) continue;
    TK_RETURN_IF_ERROR(tx.directory().SetUserGroups(user->id, ids));
  }
  return Status::Ok();
}

}  // namespace domain
