#include "domain/fields/record_writer.h"

#include <algorithm>

#include "domain/fields/behavior_support.h"
#include "domain/fields/date_time.h"
#include "domain/fields/field_cursor.h"

namespace domain {
namespace {

// The sent `value` of `code`, or null when the field was not sent (or sent without a
// `value`). An entry that is not an object is reported.
const boost::json::value* SentValue(FieldCursor& sent, std::string_view code, std::string_view base,
                                    common::Error& errors) {
  const boost::json::value* entry = sent.Entry(code);
  if (entry == nullptr) return nullptr;
  const boost::json::object* o = entry->if_object();
  if (o == nullptr) {
    errors.AddField(ValueKey{base, code}.With(".value"), common::Text::kBadValueShape);
    return nullptr;
  }
  return o->if_contains("value");
}

bool IsBlank(const boost::json::value& v) {
  if (v.is_null()) return true;
  const boost::json::string* s = v.if_string();
  return s != nullptr && Sv(*s).find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Codes of lookup copy targets in `scope` whose lookup key is sent empty: they are cleared.
std::vector<std::string_view> ClearedTargets(const std::vector<FieldDef>& scope,
                                             const boost::json::object& sent) {
  std::vector<std::string_view> out;
  for (const FieldDef& f : scope) {
    if (!f.lookup) continue;
    const boost::json::value* entry = sent.if_contains(f.code);
    const boost::json::object* o = entry != nullptr ? entry->if_object() : nullptr;
    const boost::json::value* v = o != nullptr ? o->if_contains("value") : nullptr;
    if (v == nullptr || !IsBlank(*v)) continue;
    for (const LookupMapping& m : f.lookup_mappings) out.push_back(m.field);
  }
  return out;
}

bool Contains(const std::vector<std::string_view>& codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// One Add/Update call: the shared error sink, and the row writer tables call back into.
class WriteRun final : public RowWriter {
 public:
  WriteRun(const FieldTypeRegistry& registry, const std::vector<int64_t>& lookup_targets,
           WriteContext& context)
      : registry_(registry), lookup_targets_(lookup_targets), context_(context) {}

  common::Error errors = common::Error::Validation();
  const char* unsupported = nullptr;  // the first feature met that is not implemented

  bool IsLookupTarget(int64_t id) const {
    return std::binary_search(lookup_targets_.begin(), lookup_targets_.end(), id);
  }

  // Writes one field: `clear` empties it (lookup target), `sent` is coerced, a new record or
  // row gets the default, otherwise the stored value stays (nullopt). `required` is checked
  // on whatever results.
  std::optional<boost::json::value> Write(const FieldDef& def, const boost::json::value* sent,
                                          const boost::json::value* current, std::string_view base,
                                          bool in_table, bool is_new, bool clear) {
    const FieldTypeBehavior& behavior = registry_.Get(def.type);
    WriteArgs args{def, ValueKey{base, def.code}, context_, errors, in_table, current, this};
    std::optional<boost::json::value> value;
    if (clear) {
      value = behavior.EmptyValue();
    } else if (sent != nullptr) {
      value = behavior.Coerce(*sent, args);
      if (def.lookup && !behavior.IsEmpty(*value) && unsupported == nullptr) {
        unsupported = "lookup";
      }
      if (!args.failed) behavior.Validate(*value, args);
    } else if (is_new) {
      value = behavior.DefaultValue(args);
      if (!args.failed) behavior.Validate(*value, args);
    }
    if (!args.failed && def.required && behavior.EnforcesRequired() &&
        (in_table || def.code != context_.filled_after_validation)) {
      bool empty =
          value ? behavior.IsEmpty(*value) : current == nullptr || behavior.IsEmpty(*current);
      if (empty) args.Fail(args.key.With(behavior.ErrorSuffix()), common::Text::kRequired);
    }
    return value;
  }

  void WriteRow(const FieldDef& table, const boost::json::object& sent,
                const boost::json::object* current, std::string_view base, WriteArgs&,
                boost::json::object& out) override {
    bool is_new = current == nullptr;
    std::vector<std::string_view> cleared = ClearedTargets(table.fields, sent);
    out.reserve(table.fields.size());
    FieldCursor sent_fields(sent);
    std::optional<FieldCursor> current_fields;
    if (current != nullptr) current_fields.emplace(*current);
    for (const FieldDef& inner : table.fields) {
      const FieldTypeBehavior& behavior = registry_.Get(inner.type);
      if (!behavior.HasValue()) continue;
      bool target = IsLookupTarget(inner.id);
      bool clear = target && (is_new || Contains(cleared, inner.code));
      const boost::json::value* sent_value =
          target ? nullptr : SentValue(sent_fields, inner.code, base, errors);
      const boost::json::value* kept =
          current_fields ? current_fields->ValueOf(inner.code) : nullptr;
      std::optional<boost::json::value> v =
          Write(inner, sent_value, kept, base, true, is_new, clear);
      boost::json::value value =
          v ? std::move(*v) : (kept != nullptr ? *kept : behavior.EmptyValue());
      out[inner.code] = FieldValueJson(inner.type, std::move(value));
    }
  }

 private:
  const FieldTypeRegistry& registry_;
  const std::vector<int64_t>& lookup_targets_;
  WriteContext& context_;
};

void AddUniqueCheck(const FieldTypeRegistry& registry, const FieldDef& def,
                    const boost::json::value& value, const EntityDirectory& directory,
                    CoercedRecord& out) {
  if (!def.unique) return;
  const FieldTypeBehavior& behavior = registry.Get(def.type);
  if (behavior.IsEmpty(value)) return;
  std::vector<common::SqlValue> columns;
  behavior.AppendSqlValues(def, value, directory, columns);
  if (!columns.empty()) out.unique_checks.push_back({&def, std::move(columns[0])});
}

// CREATOR / MODIFIER ({"code"}) and CREATED_TIME / UPDATED_TIME (ISO datetime) on add.
void ReadRecordInfo(const FieldDef& def, const boost::json::value& sent, std::string_view base,
                    WriteContext& context, common::Error& errors, RecordInfoOverrides& info) {
  if (sent.is_null()) return;
  ValueKey key{base, def.code};
  bool user = def.type == common::FieldType::kCreator || def.type == common::FieldType::kModifier;
  bool time =
      def.type == common::FieldType::kCreatedTime || def.type == common::FieldType::kUpdatedTime;
  if (user) {
    const boost::json::object* o = sent.if_object();
    const boost::json::value* code = o != nullptr ? o->if_contains("code") : nullptr;
    if (code == nullptr || !code->is_string()) {
      errors.AddField(key.With(".value"), common::Text::kBadValueShape);
      return;
    }
    if (code->get_string().empty()) return;  // an empty CSV cell: default to the caller
    std::optional<Entity> e = context.directory.FindUser(Sv(code->get_string()));
    if (!e) {
      errors.AddField(key.With(".value"), common::Text::kBadEntity,
                      {std::string(Sv(code->get_string()))});
      return;
    }
    (def.type == common::FieldType::kCreator ? info.creator : info.modifier) = std::move(*e);
  } else if (time) {
    const boost::json::string* s = sent.if_string();
    if (s != nullptr && s->empty()) return;
    std::optional<int64_t> t = s != nullptr ? ParseDateTime(Sv(*s)) : std::nullopt;
    if (!t) {
      errors.AddField(key.With(".value"), common::Text::kBadDateTime);
      return;
    }
    (def.type == common::FieldType::kCreatedTime ? info.created_at : info.updated_at) = *t;
  }
}

void CollectLookupTargets(const std::vector<FieldDef>& scope, std::vector<int64_t>& out) {
  for (const FieldDef& f : scope) {
    for (const LookupMapping& m : f.lookup_mappings) {
      for (const FieldDef& target : scope) {
        if (target.code == m.field) out.push_back(target.id);
      }
    }
  }
}

}  // namespace

RecordWriter::RecordWriter(const FieldTypeRegistry& registry, const FieldSet& form)
    : registry_(registry), form_(form) {
  auto calculated = [](const FieldDef& f) {
    return f.type == common::FieldType::kCalc || !f.expression.empty();
  };
  CollectLookupTargets(form.fields(), lookup_targets_);
  for (const FieldDef& f : form.fields()) {
    has_calculation_ = has_calculation_ || calculated(f);
    for (const FieldDef& inner : f.fields) has_calculation_ = has_calculation_ || calculated(inner);
    CollectLookupTargets(f.fields, lookup_targets_);
  }
  std::sort(lookup_targets_.begin(), lookup_targets_.end());
}

common::Result<CoercedRecord> RecordWriter::Add(const boost::json::object& sent,
                                                WriteContext& context,
                                                std::string_view base) const {
  if (has_calculation_) return common::Error(common::ErrorCode::kNotYetSupported, {"CALC"});
  WriteRun run(registry_, lookup_targets_, context);
  // In the sent record's memory resource: a request's body arena (api::Params) is freed as a
  // whole, without walking the record, and moving values between the two copies nothing.
  CoercedRecord out(sent.storage());
  out.record.reserve(form_.fields().size());
  FieldCursor sent_fields(sent);
  for (const FieldDef& def : form_.fields()) {
    const FieldTypeBehavior& behavior = registry_.Get(def.type);
    if (behavior.IsSystem()) {
      if (const boost::json::value* v = SentValue(sent_fields, def.code, base, run.errors)) {
        ReadRecordInfo(def, *v, base, context, run.errors, out.info);
      }
      continue;
    }
    if (!behavior.HasValue()) continue;
    bool target = run.IsLookupTarget(def.id);  // copy targets start empty
    const boost::json::value* sent_value =
        target ? nullptr : SentValue(sent_fields, def.code, base, run.errors);
    std::optional<boost::json::value> v =
        run.Write(def, sent_value, nullptr, base, false, true, target);
    boost::json::value value = v ? std::move(*v) : behavior.EmptyValue();
    AddUniqueCheck(registry_, def, value, context.directory, out);
    out.changed.push_back(&def);
    out.record[def.code] = FieldValueJson(def.type, std::move(value), out.record.storage());
  }
  if (run.unsupported != nullptr) {
    return common::Error(common::ErrorCode::kNotYetSupported, {run.unsupported});
  }
  if (run.errors.has_fields()) return std::move(run.errors);
  return out;
}

common::Result<CoercedRecord> RecordWriter::Update(boost::json::object current,
                                                   const boost::json::object& sent,
                                                   WriteContext& context,
                                                   std::string_view base) const {
  if (has_calculation_) return common::Error(common::ErrorCode::kNotYetSupported, {"CALC"});
  WriteRun run(registry_, lookup_targets_, context);
  CoercedRecord out;
  out.record = std::move(current);
  std::vector<std::string_view> cleared = ClearedTargets(form_.fields(), sent);
  FieldCursor sent_fields(sent);
  MutableFieldCursor stored_fields(out.record);
  for (const FieldDef& def : form_.fields()) {
    const FieldTypeBehavior& behavior = registry_.Get(def.type);
    if (behavior.IsSystem() || !behavior.HasValue()) continue;  // record info: add only
    bool target = run.IsLookupTarget(def.id);
    bool clear = target && Contains(cleared, def.code);
    const boost::json::value* sent_value =
        target ? nullptr : SentValue(sent_fields, def.code, base, run.errors);
    boost::json::value* slot = stored_fields.ValueOf(def.code);
    std::optional<boost::json::value> v =
        run.Write(def, sent_value, slot, base, false, false, clear);
    if (!v || (slot != nullptr && *slot == *v)) continue;
    AddUniqueCheck(registry_, def, *v, context.directory, out);
    out.changed.push_back(&def);
    if (slot != nullptr) {
      *slot = std::move(*v);
    } else {
      out.record[def.code] = FieldValueJson(def.type, std::move(*v));
    }
  }
  if (run.unsupported != nullptr) {
    return common::Error(common::ErrorCode::kNotYetSupported, {run.unsupported});
  }
  if (run.errors.has_fields()) return std::move(run.errors);
  return out;
}

}  // namespace domain
