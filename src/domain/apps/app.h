// An app: its identity and bookkeeping. Its settings (form, layout, views, …) are JSON
// documents kept per stage, preview and live, exactly as kintone models them. Value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace domain {

enum class Stage { kPreview, kLive };
inline std::string_view StageName(Stage s) { return s == Stage::kPreview ? "preview" : "live"; }

struct App {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string description;
  std::optional<int64_t> space_id;
  std::optional<int64_t> thread_id;
  int64_t creator = 0;
  int64_t created_at_ms = 0;
  int64_t modifier = 0;
  int64_t modified_at_ms = 0;
  int64_t revision = 1;       // one counter for all settings; preview writes increment it
  int64_t live_revision = 0;  // revision made live by the last deploy; 0 = never deployed
  int64_t next_field_id = 1;  // storage ids for new fields, never reused
  int64_t next_row_id = 1;    // subtable row ids, unique in the app
  std::string deploy_status = "SUCCESS";
  // Display entities of creator/modifier, filled on read ("" for deleted or inactive users).
  std::string creator_code, creator_name, modifier_code, modifier_name;

  bool deployed() const { return live_revision > 0; }
};

// Filters of GET apps.json.
struct AppFilter {
  std::vector<int64_t> ids;
  std::vector<std::string> codes;
  std::string name;  // partial, case-insensitive
  std::vector<int64_t> space_ids;
  int64_t limit = 100;
  int64_t offset = 0;
};

}  // namespace domain
