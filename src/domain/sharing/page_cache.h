// Parsed public pages by token, shared by the requests of one service. Parsing a page's
// settings against its app's live form costs more than the request that needs it, so it is
// done once per settings text and deploy. Entries are immutable; each request checks the
// entry against the page row and app it read in its own snapshot (PageStamp::Matches) and
// builds a new one when they differ, so an edit or a deploy is seen by the next request.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/apps/app.h"
#include "domain/sharing/public_page.h"

namespace domain {

// What a parsed page was built from.
struct PageStamp {
  int64_t page_id = 0;
  int64_t app_id = 0;
  int64_t live_revision = 0;
  std::string settings_text;

  static PageStamp Of(const StoredPageRow& row, const App& app) {
    return PageStamp{row.id, row.app_id, app.live_revision, row.settings};
  }
  bool Matches(const StoredPageRow& row, const App& app) const {
    return page_id == row.id && app_id == row.app_id && live_revision == app.live_revision &&
           settings_text == row.settings;
  }
};

template <typename Page>
class PageCache {
 public:
  std::shared_ptr<const Page> Find(std::string_view token) const {
    std::lock_guard lock(mutex_);
    auto it = pages_.find(std::string(token));
    return it == pages_.end() ? nullptr : it->second;
  }

  // Bounded: cleared whole when full (tokens are unguessable, so a flood of unknown ones
  // never reaches here; only published pages do).
  void Put(std::string_view token, std::shared_ptr<const Page> page) {
    std::lock_guard lock(mutex_);
    if (pages_.size() >= kMaxPages) pages_.clear();
    pages_[std::string(token)] = std::move(page);
  }

 private:
  static constexpr size_t kMaxPages = 1024;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Page>> pages_;
};

}  // namespace domain
