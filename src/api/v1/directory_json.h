// JSON shapes of the User API (spec §10) and the request readers its endpoints share:
// list filters (ids[], codes[], offset, size), code lists, and item lists whose problems
// are keyed like "users[3].name". Stateless.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/params.h"
#include "common/result.h"
#include "domain/users/directory.h"
#include "domain/users/user.h"

namespace api {

boost::json::object UserToJson(const domain::User& u);
boost::json::object OrganizationToJson(const domain::Organization& o);
boost::json::object GroupToJson(const domain::Group& g);
boost::json::value TitleToJson(const std::optional<domain::Title>& t);

// ids[], codes[] (at most 100 each), offset (≥ 0) and size (1–100, default 100).
common::Result<domain::DirectoryFilter> ReadDirectoryFilter(const Params& p);
// The `code` parameter plus offset and size, for member lists.
common::Result<domain::DirectoryFilter> ReadMemberQuery(const Params& p);
// DELETE's {"codes": [...]}: 1–100 strings.
common::Result<std::vector<std::string>> ReadCodes(const Params& p);

// Reads a property of a request item, recording a type problem under `key`. Missing codes
// are left to the services, so that they are reported with every other rule at once.
class ItemReader {
 public:
  ItemReader(const boost::json::object& item, std::string key, common::Error& errors)
      : item_(item), key_(std::move(key)), errors_(errors) {}
  const std::string& key() const { return key_; }
  std::optional<std::string> String(std::string_view name);
  std::optional<bool> Bool(std::string_view name);
  std::optional<int64_t> Int(std::string_view name);
  const boost::json::value* Find(std::string_view name) const { return item_.if_contains(name); }
  void Problem(std::string_view name, common::Text text);

 private:
  const boost::json::object& item_;
  std::string key_;
  common::Error& errors_;
};

// The request list `name` (1–100 objects), each turned into a T by `read`; every problem
// of every item is reported at once.
template <typename T>
common::Result<std::vector<T>> ReadItems(const Params& p, std::string_view name,
                                         const std::function<T(ItemReader&)>& read) {
  TK_ASSIGN_OR_RETURN(auto list, p.OptionalArray(name));
  if (!list || list->empty())
    return common::Error::Invalid(std::string(name), common::Text::kRequiredParam);
  if (list->size() > 100) {
    return common::Error::Invalid(std::string(name), common::Text::kTooManyItems, {"100"});
  }
  common::Error errors = common::Error::Validation();
  std::vector<T> out;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string key = std::string(name) + "[" + std::to_string(i) + "]";
    if (!(*list)[i].is_object()) {
      errors.AddField(key, common::Text::kNotObject);
      continue;
    }
    ItemReader reader((*list)[i].as_object(), key, errors);
    out.push_back(read(reader));
  }
  if (errors.has_fields()) return errors;
  return out;
}

}  // namespace api
