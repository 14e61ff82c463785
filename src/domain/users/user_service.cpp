#include "domain/users/user_service.h"

#include <algorithm>
#include <array>

#include "common/time_zone.h"
#include "common/utf8.h"
#include "domain/permissions/access.h"
#include "domain/users/directory_repository.h"
#include "domain/users/directory_rules.h"
#include "domain/users/user_repository.h"

namespace domain {

using common::Error;
using common::Result;
using common::Status;
using common::Text;

namespace {

constexpr size_t kMaxPasswordLength = 64;
constexpr size_t kMaxProfileLength = 1000;
// kintone's display languages; "auto" follows the browser.
constexpr std::array<std::string_view, 8> kLocales = {"auto",  "ja", "en",    "zh",
                                                      "zh-TW", "es", "pt-BR", "th"};

bool IsLocale(std::string_view s) {
  return std::find(kLocales.begin(), kLocales.end(), s) != kLocales.end();
}

// A deliberately loose check: something@something.something, no spaces.
bool IsMailAddress(std::string_view s) {
  size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('@', at + 1) == std::string_view::npos &&
         s.find('.', at) != std::string_view::npos && s.back() != '.' &&
         s.find_first_of(" \t\r\n") == std::string_view::npos;
}

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int month = std::stoi(std::string(s.substr(5, 2)));
  int day = std::stoi(std::string(s.substr(8, 2)));
  int year = std::stoi(std::string(s.substr(0, 4)));
  return month >= 1 && month <= 12 && day >= 1 && day <= common::DaysInMonth(year, month);
}

bool IsProfileProperty(std::string_view name) {
  for (const char* p : kUserProfileProperties) {
    if (name == p) return true;
  }
  return false;
}

// The built-in token account and the caller's own account cannot be removed or disabled.
bool IsProtected(const Principal& who, const User& user) {
  return user.code == kTokenUserCode || user.id == who.user_id;
}

}  // namespace

UserService::UserService(TransactionRunner& db, const PasswordHasher& hasher,
                         const common::Clock& clock, std::function<void()> on_change,
                         PasswordPolicy policy)
    : db_(db), hasher_(hasher), clock_(clock), on_change_(std::move(on_change)), policy_(policy) {}

Result<std::vector<User>> UserService::List(const Principal& who, const DirectoryFilter& filter) {
  TK_RETURN_IF_ERROR(RequireUser(who));
  std::vector<User> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(out, tx.users().Find(filter));
    return Status::Ok();
  }));
  return out;
}

void UserService::HashPasswords(std::vector<UserChange>& users, Error& errors) const {
  for (UserChange& u : users) {
    if (!u.password) continue;
    if (u.password->empty()) {
      errors.AddField(u.key + ".password", Text::kRequired);
    } else if (common::Utf8Length(*u.password) > kMaxPasswordLength) {
      errors.AddField(u.key + ".password", Text::kTooLongParam,
                      {std::to_string(kMaxPasswordLength)});
    } else if (auto problem = CheckPassword(policy_, u.new_code.value_or(u.code), *u.password)) {
      errors.AddField(u.key + ".password", problem->text, problem->args);
    } else {
      u.password_hash = hasher_.Hash(*u.password);
    }
  }
}

Status UserService::Add(const Principal& who, std::vector<UserChange> users) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("users", users.size()));
  for (size_t i = 0; i < users.size(); ++i) {
    if (users[i].key.empty()) users[i].key = ItemKey("users", i);
  }
  Error hash_errors = Error::Validation();
  HashPasswords(users, hash_errors);
  return WriteDirectory(db_, on_change_, [&](Transaction& tx, Error& errors) {
    errors.MergeFields(hash_errors);
    return AddIn(tx, who, users, errors);
  });
}

Status UserService::Update(const Principal& who, std::vector<UserChange> users) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("users", users.size()));
  for (size_t i = 0; i < users.size(); ++i) {
    if (users[i].key.empty()) users[i].key = ItemKey("users", i);
  }
  Error hash_errors = Error::Validation();
  HashPasswords(users, hash_errors);
  return WriteDirectory(db_, on_change_, [&](Transaction& tx, Error& errors) {
    errors.MergeFields(hash_errors);
    return UpdateIn(tx, who, users, errors);
  });
}

Status UserService::AddIn(Transaction& tx, const Principal& who,
                          const std::vector<UserChange>& users, Error& errors) const {
  int64_t now = clock_.NowSeconds();
  for (const UserChange& change : users) {
    size_t before = errors.fields().size();
    CheckCode(change.code, change.key + ".code", errors);
    TK_ASSIGN_OR_RETURN(auto existing, tx.users().FindByCode(change.code));
    if (existing) errors.AddField(change.key + ".code", Text::kDirectoryCodeDuplicate);
    if (!change.password) errors.AddField(change.key + ".password", Text::kRequired);
    if (!change.name) errors.AddField(change.key + ".name", Text::kRequired);
    if (change.primary_organization && !change.primary_organization->empty()) {
      errors.AddField(change.key + ".primaryOrganization", Text::kPrimaryNotMember);
    }
    User user;
    user.code = change.code;
    user.created_at = user.updated_at = now;
    UserChange without_rename = change;
    without_rename.new_code.reset();
    TK_RETURN_IF_ERROR(Apply(tx, who, without_rename, user, errors));
    if (errors.fields().size() != before) continue;
    TK_ASSIGN_OR_RETURN(user.id, tx.users().Insert(user, change.password_hash));
  }
  return Status::Ok();
}

Status UserService::UpdateIn(Transaction& tx, const Principal& who,
                             const std::vector<UserChange>& users, Error& errors) const {
  int64_t now = clock_.NowSeconds();
  for (const UserChange& change : users) {
    size_t before = errors.fields().size();
    TK_ASSIGN_OR_RETURN(auto user, tx.users().FindByCode(change.code));
    if (!user) {
      errors.AddField(change.key + ".code", Text::kUserNotFound, {change.code});
      continue;
    }
    if (change.new_code && *change.new_code != user->code) {
      CheckCode(*change.new_code, change.key + ".newCode", errors);
      TK_ASSIGN_OR_RETURN(auto taken, tx.users().FindByCode(*change.new_code));
      if (taken) errors.AddField(change.key + ".newCode", Text::kDirectoryCodeDuplicate);
      if (user->code == kTokenUserCode) {
        errors.AddField(change.key + ".newCode", Text::kUserProtected);
      }
      user->code = *change.new_code;
    }
    TK_RETURN_IF_ERROR(Apply(tx, who, change, *user, errors));
    if (errors.fields().size() != before) continue;
    user->updated_at = now;
    TK_RETURN_IF_ERROR(tx.users().Update(*user));
    if (!change.password_hash.empty()) {
      TK_RETURN_IF_ERROR(tx.users().SetPasswordHash(user->id, change.password_hash));
    }
    // A new password or a deactivation ends every browser session of the account at once.
    if (!change.password_hash.empty() || !user->valid) {
      TK_RETURN_IF_ERROR(tx.sessions().DeleteForUser(user->id));
    }
  }
  return Status::Ok();
}

Status UserService::Apply(Transaction& tx, const Principal& who, const UserChange& c, User& user,
                          Error& errors) const {
  const std::string& k = c.key;
  if (c.name) {
    CheckName(*c.name, k + ".name", errors);
    user.name = *c.name;
  }
  if (c.valid) {
    if (!*c.valid && user.id != 0 && IsProtected(who, user)) {
      errors.AddField(k + ".valid", Text::kUserProtected);
    }
    user.valid = *c.valid;
  }
  if (c.is_admin) {
    // An administrator cannot demote themselves (nor the token account): someone must stay
    // able to manage the directory.
    if (!*c.is_admin && user.id != 0 && IsProtected(who, user)) {
      errors.AddField(k + ".isAdmin", Text::kUserProtected);
    }
    user.is_admin = *c.is_admin;
  }
  if (c.locale) {
    if (!IsLocale(*c.locale)) errors.AddField(k + ".locale", Text::kEnumValue);
    user.locale = *c.locale;
  }
  if (c.time_zone) {
    if (!common::TimeZone::Find(*c.time_zone)) errors.AddField(k + ".timezone", Text::kBadTimeZone);
    user.time_zone = *c.time_zone;
  }
  if (c.email) {
    if (!c.email->empty() && !IsMailAddress(*c.email)) {
      errors.AddField(k + ".email", Text::kBadMailAddress);
    }
    user.email = *c.email;
  }
  for (const auto& [name, value] : c.profile) {
    std::string key = k + "." + name;
    if (!IsProfileProperty(name)) {
      errors.AddField(key, Text::kEnumValue);
    } else if (common::Utf8Length(value) > kMaxProfileLength) {
      errors.AddField(key, Text::kTooLongParam, {std::to_string(kMaxProfileLength)});
    } else if ((name == "joinDate" || name == "birthDate") && !value.empty() && !IsDate(value)) {
      errors.AddField(key, Text::kBadDate);
    } else if (name == "localNameLocale" && !value.empty() &&
               (!IsLocale(value) || value == "auto")) {
      errors.AddField(key, Text::kEnumValue);
    }
    user.profile[name] = value;
  }
  if (c.sort_order) user.sort_order = *c.sort_order;
  if (c.custom_items) user.custom_items = *c.custom_items;
  if (c.primary_organization) {
    if (c.primary_organization->empty()) {
      user.primary_organization_id.reset();
    } else {
      TK_ASSIGN_OR_RETURN(auto org, tx.directory().FindOrganization(*c.primary_organization));
      std::vector<OrganizationMembership> memberships;
      if (org && user.id != 0) {
        TK_ASSIGN_OR_RETURN(memberships, tx.directory().UserOrganizations(user.id));
      }
      bool member = org && std::any_of(memberships.begin(), memberships.end(),
                                       [&](const auto& m) { return m.organization_id == org->id; });
      if (!member) {
        errors.AddField(k + ".primaryOrganization", Text::kPrimaryNotMember);
      } else {
        user.primary_organization_id = org->id;
      }
    }
  }
  return Status::Ok();
}

Status UserService::Delete(const Principal& who, const std::vector<std::string>& codes) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("codes", codes.size()));
  return WriteDirectory(db_, on_change_, [&](Transaction& tx, Error& errors) -> Status {
    for (size_t i = 0; i < codes.size(); ++i) {
      TK_ASSIGN_OR_RETURN(auto user, tx.users().FindByCode(codes[i]));
      if (!user) {
        errors.AddField(ItemKey("codes", i), Text::kUserNotFound, {codes[i]});
      } else if (IsProtected(who, *user)) {
        errors.AddField(ItemKey("codes", i), Text::kUserProtected);
      } else {
        TK_RETURN_IF_ERROR(tx.users().Delete(user->id));
      }
    }
    return Status::Ok();
  });
}

}  // namespace domain
