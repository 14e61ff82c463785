// Fakes and helpers for the field-type registry tests: an in-memory directory and file
// store, a form built through AddFields, and errors flattened to {key: [ja messages]}.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <string>
#include <vector>

#include "common/error.h"
#include "domain/fields/entity_directory.h"
#include "domain/fields/field_set.h"
#include "domain/fields/field_type_behavior.h"
#include "domain/fields/field_type_registry.h"
#include "domain/fields/file_resolver.h"
#include "domain/fields/form_edit.h"

namespace domain::testing {

class FakeDirectory final : public EntityDirectory {
 public:
  FakeDirectory() {
    users_ = {{1, "sato", "Sato Noboru"}, {2, "suzuki", "Suzuki Ichiro"}};
    organizations_ = {{10, "dev", "Development"}, {11, "sales", "Sales"}};
    groups_ = {{20, "admins", "Administrators"}};
  }
  std::optional<Entity> FindUser(std::string_view code) const override {
    return ByCode(users_, code);
  }
  std::optional<Entity> FindOrganization(std::string_view code) const override {
    return ByCode(organizations_, code);
  }
  std::optional<Entity> FindGroup(std::string_view code) const override {
    return ByCode(groups_, code);
  }
  std::optional<Entity> FindUserById(int64_t id) const override { return ById(users_, id); }
  std::optional<Entity> FindOrganizationById(int64_t id) const override {
    return ById(organizations_, id);
  }
  std::optional<Entity> FindGroupById(int64_t id) const override { return ById(groups_, id); }

 private:
  static std::optional<Entity> ByCode(const std::vector<Entity>& list, std::string_view code) {
    for (const Entity& e : list) {
      if (e.code == code) return e;
    }
    return std::nullopt;
  }
  static std::optional<Entity> ById(const std::vector<Entity>& list, int64_t id) {
    for (const Entity& e : list) {
      if (e.id == id) return e;
    }
    return std::nullopt;
  }
  std::vector<Entity> users_, organizations_, groups_;
};

// Upload keys "up-<name>" attach as download key "dl-<name>".
class FakeFiles final : public FileResolver {
 public:
  std::optional<StoredFile> Resolve(std::string_view key) override {
    resolved.emplace_back(key);
    if (key.substr(0, 3) != "up-") return std::nullopt;
    std::string name(key.substr(3));
    return StoredFile{"dl-" + name, name + ".txt", "text/plain", 123};
  }
  std::vector<std::string> resolved;
};

inline boost::json::value Json(std::string_view text) { return boost::json::parse(text); }
inline boost::json::object Obj(std::string_view text) { return Json(text).as_object(); }

using Messages = std::map<std::string, std::vector<std::string>>;

inline Messages MessagesOf(const common::Error& e) {
  Messages out;
  for (const common::FieldError& f : e.fields()) {
    for (const common::Message& m : f.messages) {
      out[f.key].push_back(common::Render(m, common::Lang::kJa));
    }
  }
  return out;
}

// A registry, fakes and a form made of the system fields plus `properties`.
class FormFixture {
 public:
  explicit FormFixture(std::string_view properties = "{}") {
    form = FieldSet::NewForm(registry, common::Lang::kJa, next_id);
    common::Result<FieldSet> added = AddFields(registry, form, Json(properties), next_id);
    if (!added.ok()) {
      ADD_FAILURE() << added.error().ToString();
      return;
    }
    form = std::move(added).value();
  }

  WriteContext Context() {
    return WriteContext{directory,    files,   NumberPrecision{},
                        "2024-05-01", "09:30", 1714555845 /* 2024-05-01T09:30:45Z */,
                        "sato",       "dev",   ""};
  }

  FieldTypeRegistry registry;
  FakeDirectory directory;
  FakeFiles files;
  int64_t next_id = 1;
  FieldSet form;
};

}  // namespace domain::testing
