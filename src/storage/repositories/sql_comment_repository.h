// SQL implementation of the record comments port (table record_comments, migration v7).
// Bound to one Connection.
#pragma once

#include "domain/comments/comment_repository.h"
#include "storage/database.h"

namespace storage {

class SqlCommentRepository final : public domain::CommentRepository {
 public:
  explicit SqlCommentRepository(Connection& c) : c_(c) {}
  common::Result<int64_t> Insert(const domain::StoredComment& c) override;
  common::Result<int64_t> Count(int64_t app, int64_t record) override;
  common::Result<std::vector<domain::StoredComment>> List(int64_t app, int64_t record,
                                                          bool ascending, int64_t offset,
                                                          int64_t limit) override;
  common::Result<std::optional<domain::StoredComment>> Find(int64_t app, int64_t record,
                                                            int64_t id) override;
  common::Status Delete(int64_t app, int64_t record, int64_t id) override;
  common::Status DeleteForRecord(int64_t app, int64_t record) override;

 private:
  Connection& c_;
};

}  // namespace storage
