// Page settings list fields as arrays of objects that each name a field by "code" (a form's
// "fields", a look-up page's "keys" and "shown"). This walks such an array once for all of
// them: entries that are not objects with a string code are reported at `<name>[i].code`,
// the others handed to `each(i, path, object, code)` with path `<name>[i]`.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/text.h"

namespace domain {

template <typename Each>
void ForEachFieldEntry(const boost::json::array& list, std::string_view name, common::Error& errors,
                       Each each) {
  for (size_t i = 0; i < list.size(); ++i) {
    std::string path = std::string(name) + "[" + std::to_string(i) + "]";
    const boost::json::object* o = list[i].if_object();
    const boost::json::value* code = o ? o->if_contains("code") : nullptr;
    if (!code || !code->is_string()) {
      errors.AddField(path + ".code", common::Text::kRequiredParam);
      continue;
    }
    each(i, path, *o, std::string(code->as_string()));
  }
}

}  // namespace domain
