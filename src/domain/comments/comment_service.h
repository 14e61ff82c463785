// Record comments as kintone's API has them (§5.9): list a window newest or oldest first
// with older/newer flags, post with mentions of users, groups and organisations, delete
// one's own. Anyone who may view the record may read and post (kintone's rule); an API
// token needs its view grant and posts as the built-in Administrator. Refused with TK_CM01
// when the app's settings turn comments off. Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/form_service.h"
#include "domain/fields/entity_directory.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"

namespace domain {

struct CommentListRequest {
  bool ascending = false;
  int64_t offset = 0;
  int64_t limit = 10;
};

class CommentService {
 public:
  static constexpr int64_t kMaxTextLength = 65535;
  static constexpr size_t kMaxMentions = 10;

  CommentService(TransactionRunner& db, FormService& forms, const EntityDirectory& directory,
                 const common::Clock& clock)
      : db_(db), forms_(forms), directory_(directory), clock_(clock) {}

  // {"comments":[…],"older","newer"}
  common::Result<boost::json::object> List(const Principal& who, int64_t app, int64_t record,
                                           const CommentListRequest& request);
  // `comment` is the request's {"text","mentions"}; errors are keyed "comment.…". Returns the id.
  common::Result<int64_t> Add(const Principal& who, int64_t app, int64_t record,
                              const boost::json::value& comment);
  common::Status Remove(const Principal& who, int64_t app, int64_t record, int64_t comment);

 private:
  TransactionRunner& db_;
  FormService& forms_;
  const EntityDirectory& directory_;
  const common::Clock& clock_;
};

}  // namespace domain
