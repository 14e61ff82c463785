#include "domain/records/record_text_cache.h"

namespace domain {
namespace {

// Apps whose last text is kept; past it the map starts over (a rebuild is one request's cost).
constexpr size_t kMaxApps = 1024;

}  // namespace

struct RecordTextCache::Entry {
  Entry(std::shared_ptr<const LiveForm> live_form, std::string_view code,
        const std::optional<std::vector<std::string>>& picked, const EntityDirectory& directory)
      : live(std::move(live_form)),
        app_code(code),
        fields(picked),
        text(live->form, *live->codec, live->features, app_code, directory, fields) {}

  std::shared_ptr<const LiveForm> live;
  std::string app_code;
  std::optional<std::vector<std::string>> fields;
  RecordText text;
};

std::shared_ptr<const RecordText> RecordTextCache::Get(
    const std::shared_ptr<const LiveForm>& live, std::string_view app_code,
    const std::optional<std::vector<std::string>>& fields) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(live->app); it != entries_.end()) {
      const std::shared_ptr<const Entry>& e = it->second;
      if (e->live == live && e->app_code == app_code && e->fields == fields) {
        return std::shared_ptr<const RecordText>(e, &e->text);
      }
    }
  }
  auto entry = std::make_shared<const Entry>(live, app_code, fields, directory_);
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxApps && !entries_.contains(live->app)) entries_.clear();
  entries_[live->app] = entry;
  return std::shared_ptr<const RecordText>(entry, &entry->text);
}

}  // namespace domain
