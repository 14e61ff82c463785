// A fixed app (id 1) with one field of every type, a subtable, entities and a context at
// 2026-04-23T14:11:00Z (Thursday 23:11 in Asia/Tokyo), shared by the query tests.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "query/schema.h"

namespace query::testing {

using common::FieldType;

class TestSchema final : public SchemaLookup {
 public:
  TestSchema() {
    Add("title", FieldType::kSingleLineText, 10);
    Add("link", FieldType::kLink, 11);
    Add("memo", FieldType::kMultiLineText, 12);
    Add("rich", FieldType::kRichText, 13);
    Add("num", FieldType::kNumber, 14);
    Add("calc", FieldType::kCalc, 15);
    Add("check", FieldType::kCheckBox, 16, 0, {"A", "B", "C"});
    Add("radio", FieldType::kRadioButton, 17, 0, {"r1", "r2"});
    Add("drop", FieldType::kDropDown, 18, 0, {"high", "mid", "low"});
    Add("multi", FieldType::kMultiSelect, 19, 0, {"x", "y"});
    Add("date", FieldType::kDate, 20);
    Add("time", FieldType::kTime, 21);
    Add("dt", FieldType::kDateTime, 22);
    Add("user", FieldType::kUserSelect, 23);
    Add("org", FieldType::kOrganizationSelect, 24);
    Add("group", FieldType::kGroupSelect, 25);
    Add("file", FieldType::kFile, 26);
    Add("table", FieldType::kSubtable, 5);
    Add("item", FieldType::kSingleLineText, 30, 5);
    Add("qty", FieldType::kNumber, 31, 5);
    Add("tags", FieldType::kCheckBox, 32, 5, {"t1", "t2"});
    Add("note", FieldType::kMultiLineText, 33, 5);
    Add("day", FieldType::kDate, 34, 5);
    Add("table2", FieldType::kSubtable, 6);
    Add("item2", FieldType::kSingleLineText, 40, 6);
    Add("ref", FieldType::kReferenceTable, 50);
    Add("レコード番号", FieldType::kRecordNumber, 1);
    Add("作成者", FieldType::kCreator, 2);
    Add("作成日時", FieldType::kCreatedTime, 3);
    Add("更新者", FieldType::kModifier, 4);
    Add("更新日時", FieldType::kUpdatedTime, 7);
    Add("ステータス", FieldType::kStatus, 8, 0, {"未処理", "処理中", "完了"});
    Add("作業者", FieldType::kStatusAssignee, 9);
    Add("カテゴリー", FieldType::kCategory, 60);
    Add("顧客名", FieldType::kSingleLineText, 61);
    Add("全角ＡＢＣ１", FieldType::kSingleLineText, 62);
    Add("lookup", FieldType::kSingleLineText, 63);
    fields_["lookup"].is_lookup = true;
    Add("grp", FieldType::kGroup, 64);
  }

  const FieldInfo* Find(std::string_view code) const override {
    auto it = fields_.find(std::string(code));
    return it == fields_.end() ? nullptr : &it->second;
  }
  int64_t app_id() const override { return 1; }

  void SetOptions(const std::string& code, std::vector<std::string> options) {
    fields_[code].options = std::move(options);
  }

 private:
  void Add(const std::string& code, FieldType type, int64_t id, int64_t subtable = 0,
           std::vector<std::string> options = {}) {
    FieldInfo f;
    f.code = code;
    f.label = "Label of " + code;
    f.type = type;
    f.id = id;
    f.subtable_id = subtable;
    f.options = std::move(options);
    fields_[code] = std::move(f);
  }

  std::map<std::string, FieldInfo> fields_;
};

class TestEntities final : public EntityResolver {
 public:
  std::optional<int64_t> Find(EntityKind kind, std::string_view code) const override {
    auto it = ids_.find({kind, std::string(code)});
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::pair<EntityKind, std::string>, int64_t> ids_ = {
      {{EntityKind::kUser, "sato"}, 101},
      {{EntityKind::kUser, "suzuki"}, 102},
      {{EntityKind::kOrganization, "dev"}, 201},
      {{EntityKind::kOrganization, "sales"}, 202},
      {{EntityKind::kGroup, "admins"}, 301}};
};

// 2026-04-23T14:11:00Z = Thursday 2026-04-23 23:11 in Tokyo.
inline constexpr int64_t kNow = 1776953460;

inline QueryContext TestContext(const EntityResolver* entities) {
  QueryContext c;
  c.login_user_id = 101;
  c.time_zone = "Asia/Tokyo";
  c.now_seconds = kNow;
  c.primary_organization_id = 201;
  c.entities = entities;
  return c;
}

}  // namespace query::testing
