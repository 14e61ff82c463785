// The RecordText of each app's last answer, kept for the next one: building it costs a few
// strings per field, which a one-record look-up paid on every request. An entry serves only the
// same live form (the very object), app code and `fields`, and holds that form so the codec the
// text points into stays alive. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/apps/form_service.h"
#include "domain/fields/entity_directory.h"
#include "domain/records/record_text.h"

namespace domain {

class RecordTextCache {
 public:
  explicit RecordTextCache(const EntityDirectory& directory) : directory_(directory) {}

  // The text for `live` as RecordText(live->form, *live->codec, live->features, app_code,
  // directory, fields) builds it; valid while the returned pointer lives.
  std::shared_ptr<const RecordText> Get(const std::shared_ptr<const LiveForm>& live,
                                        std::string_view app_code,
                                        const std::optional<std::vector<std::string>>& fields);

 private:
  struct Entry;

  const EntityDirectory& directory_;
  std::mutex mutex_;
  std::unordered_map<int64_t, std::shared_ptr<const Entry>> entries_;  // by app; guarded by mutex_
};

}  // namespace domain
