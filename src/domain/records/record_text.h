// A record's JSON text written straight from its row, without building the object: the form's
// fields with a value in form order, then $id, $revision and the system fields as
// AppendRecordHeader names them; fields the caller may not view left out; with `fields`, those
// codes in that order. The records read path's answer (records_read.cpp); record_text_test
// checks it byte for byte against serialising the object built by RecordCodec::ReadRecord,
// AppendRow and AppendRecordHeader. Built once per live form, app code and `fields`
// (record_text_cache.h); Write is const and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/fields/entity_directory.h"
#include "domain/fields/field_set.h"
#include "domain/fields/record_codec.h"
#include "domain/permissions/access.h"
#include "domain/records/record_repository.h"

namespace domain {

class RecordText {
 public:
  // `fields` nullopt: every field; codes asked for twice or unknown are skipped.
  RecordText(const FieldSet& form, const RecordCodec& codec, const FormFeatures& features,
             std::string_view app_code, const EntityDirectory& directory,
             const std::optional<std::vector<std::string>>& fields);
  // chosen_ points into entries_.
  RecordText(const RecordText&) = delete;
  RecordText& operator=(const RecordText&) = delete;

  // Appends the record's object; `rights` null when the caller sees every field. Returns
  // whether the text shows the record's $id.
  bool Write(const RecordRow& row, const FieldRights* rights, std::string& out) const;

 private:
  enum class Part {
    kField,
    kId,
    kRevision,
    kRecordNumber,
    kCreator,
    kCreatedTime,
    kModifier,
    kUpdatedTime,
    kStatus,
    kAssignees,
    kCategory,
  };
  struct Entry {
    Part part = Part::kField;
    std::string code;
    std::string key;      // "<code>": as JSON text
    std::string opening;  // {"type":"<TYPE>","value":
    const RecordCodec::FieldSlot* slot = nullptr;
  };
  void WriteValue(const Entry& e, const RecordRow& row, std::string& out) const;
  void WriteEntity(int64_t user, std::string& out) const;

  const RecordCodec& codec_;
  const EntityDirectory& directory_;
  std::string app_code_;
  std::vector<Entry> entries_;  // the object's keys in order, before `fields` and rights
  std::vector<const Entry*> chosen_;
};

}  // namespace domain
