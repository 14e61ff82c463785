// The record write path: any JSON (or non-JSON) body as the `record` of POST and PUT
// record.json against a form with every kind of field, then the storage mapping of what
// was accepted. Must end in a CoercedRecord or a CB_VA01 Error, never a crash.
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/fields/entity_directory.h"
#include "domain/fields/field_set.h"
#include "domain/fields/file_resolver.h"
#include "domain/fields/form_edit.h"
#include "domain/fields/record_codec.h"
#include "domain/fields/record_writer.h"

namespace {

class Directory final : public domain::EntityDirectory {
 public:
  std::optional<domain::Entity> FindUser(std::string_view c) const override { return By(c, 1); }
  std::optional<domain::Entity> FindOrganization(std::string_view c) const override {
    return By(c, 10);
  }
  std::optional<domain::Entity> FindGroup(std::string_view c) const override { return By(c, 20); }
  std::optional<domain::Entity> FindUserById(int64_t id) const override { return Id(id, 1); }
  std::optional<domain::Entity> FindOrganizationById(int64_t id) const override {
    return Id(id, 10);
  }
  std::optional<domain::Entity> FindGroupById(int64_t id) const override { return Id(id, 20); }

 private:
  // One known entity per kind, code "a".
  static std::optional<domain::Entity> By(std::string_view code, int64_t id) {
    if (code != "a") return std::nullopt;
    return domain::Entity{id, "a", "A"};
  }
  static std::optional<domain::Entity> Id(int64_t id, int64_t known) {
    if (id != known) return std::nullopt;
    return domain::Entity{id, "a", "A"};
  }
};

// Upload keys starting with "up" resolve; anything else is unknown.
class Files final : public domain::FileResolver {
 public:
  std::optional<domain::StoredFile> Resolve(std::string_view key) override {
    if (!key.starts_with("up")) return std::nullopt;
    return domain::StoredFile{"dl" + std::string(key.substr(2)), "f.txt", "text/plain", 3};
  }
};

constexpr std::string_view kProperties = R"j({
  "text": {"type":"SINGLE_LINE_TEXT","label":"T","maxLength":"20","unique":true},
  "memo": {"type":"MULTI_LINE_TEXT","label":"M","required":true,"defaultValue":"x"},
  "rich": {"type":"RICH_TEXT","label":"R"},
  "num": {"type":"NUMBER","label":"N","minValue":"-5","maxValue":"1e6","displayScale":"2"},
  "calc": {"type":"CALC","label":"C","expression":"num * 2"},
  "check": {"type":"CHECK_BOX","label":"CB","options":{"A":{"label":"A","index":"0"},"B":{"label":"B","index":"1"}}},
  "radio": {"type":"RADIO_BUTTON","label":"RB","options":{"X":{"label":"X","index":"0"}},"defaultValue":"X"},
  "multi": {"type":"MULTI_SELECT","label":"MS","options":{"P":{"label":"P","index":"0"}}},
  "drop": {"type":"DROP_DOWN","label":"D","options":{"Q":{"label":"Q","index":"0"}}},
  "date": {"type":"DATE","label":"Da"},
  "time": {"type":"TIME","label":"Ti"},
  "dt": {"type":"DATETIME","label":"DT"},
  "link": {"type":"LINK","label":"L","protocol":"WEB"},
  "mail": {"type":"LINK","label":"E","protocol":"MAIL"},
  "user": {"type":"USER_SELECT","label":"U"},
  "org": {"type":"ORGANIZATION_SELECT","label":"O"},
  "group": {"type":"GROUP_SELECT","label":"G"},
  "file": {"type":"FILE","label":"F"},
  "table": {"type":"SUBTABLE","label":"Tab","fields":{
    "row_text": {"type":"SINGLE_LINE_TEXT","label":"RT"},
    "row_num": {"type":"NUMBER","label":"RN"},
    "row_user": {"type":"USER_SELECT","label":"RU"}}}
})j";

struct Fixture {
  Fixture() {
    form = domain::FieldSet::NewForm(registry, common::Lang::kJa, next_id);
    auto added = domain::AddFields(registry, form, boost::json::parse(kProperties), next_id);
    if (!added.ok()) std::abort();  // the fixture itself must be valid
    form = std::move(added).value();
  }
  domain::FieldTypeRegistry registry;
  int64_t next_id = 1;
  domain::FieldSet form;
  Directory directory;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fx;
  boost::system::error_code ec;
  boost::json::value sent =
      boost::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
  if (ec || !sent.is_object()) return 0;
  Files files;
  domain::WriteContext context{fx.directory, files,   domain::NumberPrecision{},
                               "2024-05-01", "09:30", 1714555845,
                               "a",          "a",     ""};
  domain::RecordWriter writer(fx.registry, fx.form);
  domain::RecordCodec codec(fx.registry, fx.form);
  auto added = writer.Add(sent.as_object(), context);
  if (!added.ok()) return 0;
  (void)codec.RecordValues(added->record, fx.directory);
  (void)codec.RecordMultiValues(added->record, fx.directory);
  // The accepted record as the stored one, updated with the same input again.
  auto updated = writer.Update(added->record, sent.as_object(), context);
  if (updated.ok()) (void)codec.RecordValues(updated->record, fx.directory);
  return 0;
}
