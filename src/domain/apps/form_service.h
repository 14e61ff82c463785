// The form of an app (§7.2, §7.3): fields and layout in the preview stage, read from either
// stage, and the record-table schema change a deploy applies. Every write is one
// transaction that bumps the app's revision. Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/app.h"
#include "domain/fields/decimal.h"
#include "domain/fields/field_set.h"
#include "domain/fields/field_type_registry.h"
#include "domain/fields/record_codec.h"
#include "domain/fields/record_writer.h"
#include "domain/permissions/principal.h"
#include "domain/records/record_schema_lookup.h"
#include "domain/transaction.h"

namespace domain {

// A live form and what records need of it, built once per deploy and shared read-only by
// every request until the next one. Heap-allocated: codec, writer and lookup refer to `form`.
struct LiveForm {
  int64_t app = 0;
  int64_t live_revision = 0;
  std::string app_code;
  FieldSet form;
  FormFeatures features;
  boost::json::object settings;       // live "settings" document (numberPrecision, titleField…)
  std::vector<std::string> statuses;  // process states by index ("" first state when disabled)
  // Field code -> the field group (GROUP) the live layout places it in; fields outside any
  // group are not listed. Field permissions on a group apply to these fields.
  std::map<std::string, std::string, std::less<>> group_of;
  NumberPrecision precision;
  std::unique_ptr<RecordCodec> codec;
  std::unique_ptr<RecordWriter> writer;
  std::unique_ptr<FormSchemaLookup> lookup;
};

class FormService {
 public:
  FormService(TransactionRunner& db, const FieldTypeRegistry& registry, const common::Clock& clock)
      : db_(db), registry_(registry), clock_(clock) {}

  struct FieldsResult {
    boost::json::object properties;
    int64_t revision = 0;
  };
  common::Result<FieldsResult> GetFields(const Principal& who, int64_t app, Stage stage);
  common::Result<int64_t> AddFields(const Principal& who, int64_t app,
                                    const boost::json::value& properties,
                                    std::optional<int64_t> revision);
  common::Result<int64_t> UpdateFields(const Principal& who, int64_t app,
                                       const boost::json::value& properties,
                                       std::optional<int64_t> revision);
  common::Result<int64_t> DeleteFields(const Principal& who, int64_t app,
                                       const std::vector<std::string>& codes,
                                       std::optional<int64_t> revision);
  common::Result<FieldsResult> GetLayout(const Principal& who, int64_t app, Stage stage);
  common::Result<int64_t> PutLayout(const Principal& who, int64_t app,
                                    const boost::json::value& layout,
                                    std::optional<int64_t> revision);

  // The live form of a deployed app inside `tx`, cached per live revision.
  common::Result<std::shared_ptr<const LiveForm>> Live(Transaction& tx, const App& app);

  const FieldTypeRegistry& registry() const { return registry_; }

 private:
  // Loads the preview form, applies `edit`, stores it (and the layout change) and bumps the
  // revision; returns the new revision.
  common::Result<int64_t> EditForm(
      const Principal& who, int64_t app, std::optional<int64_t> revision,
      const std::function<common::Result<FieldSet>(const FieldSet&, int64_t&)>& edit);

  TransactionRunner& db_;
  const FieldTypeRegistry& registry_;
  const common::Clock& clock_;
  std::mutex cache_mutex_;  // guards live_cache_
  std::unordered_map<int64_t, std::shared_ptr<const LiveForm>> live_cache_;
};

// Reads a stored form document of `stage` (the system-fields form when none is stored).
common::Result<FieldSet> LoadForm(Transaction& tx, const FieldTypeRegistry& registry, int64_t app,
                                  Stage stage);
FormFeatures LoadFeatures(const boost::json::object* status_settings);

}  // namespace domain
