// Publishing public pages: app administrators (app management right) create, change, switch
// off and delete an app's public forms and look-up pages; settings are validated against the
// live form. Thread-safe (stateless apart from its collaborators).
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/form_service.h"
#include "domain/permissions/principal.h"
#include "domain/sharing/public_page.h"
#include "domain/transaction.h"

namespace domain {

// The built-in account that creates records submitted through public forms.
inline constexpr std::string_view kPublicFormUserCode = "public-form";

class PublicPageService {
 public:
  PublicPageService(TransactionRunner& db, FormService& forms, const common::Clock& clock,
                    std::function<void()> directory_changed)
      : db_(db), forms_(forms), clock_(clock), directory_changed_(std::move(directory_changed)) {}

  common::Result<std::vector<PublicPage>> List(const Principal& who, int64_t app);
  common::Result<PublicPage> Create(const Principal& who, int64_t app, PublicPageKind kind,
                                    const boost::json::object& settings, bool enabled);
  // Changes the settings and/or the enabled flag.
  common::Result<PublicPage> Update(const Principal& who, int64_t id,
                                    const std::optional<boost::json::object>& settings,
                                    std::optional<bool> enabled);
  common::Status Delete(const Principal& who, int64_t id);
  // Called with a page's token after its settings or enabled flag changed or it was deleted
  // (cached dashboard figures are dropped). Set once while the server is built.
  void OnPageChanged(std::function<void(const std::string& token)> listener) {
    page_changed_ = std::move(listener);
  }

 private:
  // The validated, normalised settings document of a page of `kind` for `app`.
  common::Result<boost::json::object> Validate(Transaction& tx, const App& app, PublicPageKind kind,
                                               const boost::json::object& settings);
  common::Result<PublicPage> LoadForManager(Transaction& tx, const Principal& who, int64_t id);

  TransactionRunner& db_;
  FormService& forms_;
  const common::Clock& clock_;
  std::function<void()> directory_changed_;
  std::function<void(const std::string& token)> page_changed_;
};

}  // namespace domain
