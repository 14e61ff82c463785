// Port: the comments of records, one table for every app. Implemented in storage/; bound to
// one transaction.
#pragma once

#include <optional>
#include <vector>

#include "common/result.h"
#include "domain/comments/comment.h"

namespace domain {

class CommentRepository {
 public:
  virtual ~CommentRepository() = default;
  // Stores `c` (its id is ignored) and returns the new id.
  virtual common::Result<int64_t> Insert(const StoredComment& c) = 0;
  virtual common::Result<int64_t> Count(int64_t app, int64_t record) = 0;
  // A window of a record's comments, newest first unless `ascending`.
  virtual common::Result<std::vector<StoredComment>> List(int64_t app, int64_t record,
                                                          bool ascending, int64_t offset,
                                                          int64_t limit) = 0;
  virtual common::Result<std::optional<StoredComment>> Find(int64_t app, int64_t record,
                                                            int64_t id) = 0;
  virtual common::Status Delete(int64_t app, int64_t record, int64_t id) = 0;
  // Every comment of a record (the record is being deleted).
  virtual common::Status DeleteForRecord(int64_t app, int64_t record) = 0;
};

}  // namespace domain
