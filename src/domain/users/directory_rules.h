// Rules shared by the user, organisation and group services: code and name checks, batch
// sizes and error keys ("users[3].code"). Stateless.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/result.h"
#include "domain/transaction.h"

namespace domain {

inline constexpr size_t kMaxDirectoryItems = 100;
inline constexpr size_t kMaxCodeLength = 128;
inline constexpr size_t kMaxNameLength = 128;

// "users[3]": the error-key prefix of item `index` of the request list `list`.
std::string ItemKey(std::string_view list, size_t index);
// A request list must hold 1 to 100 items; CB_VA01 keyed by `list` otherwise.
common::Status CheckBatchSize(std::string_view list, size_t size);
// Adds to `errors` under `key` when `code` is blank or longer than 128 characters.
void CheckCode(std::string_view code, const std::string& key, common::Error& errors);
// The same for display names.
void CheckName(std::string_view name, const std::string& key, common::Error& errors);
// Ok when `errors` holds nothing, else `errors` itself.
common::Status Verdict(common::Error errors);
// Runs `work` in one write transaction with an empty CB_VA01 to collect violations in;
// commits only when `work` succeeds and collected none, then calls `on_change`.
common::Status WriteDirectory(
    TransactionRunner& db, const std::function<void()>& on_change,
    const std::function<common::Status(Transaction&, common::Error&)>& work);

}  // namespace domain
