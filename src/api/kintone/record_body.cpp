#include "api/kintone/record_body.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

common::Result<json::object> RecordObject(const json::value* v, const std::string& key) {
  if (!v || v->is_null()) return json::object();
  if (!v->is_object()) return Error::Invalid(key, Text::kNotObject);
  return v->as_object();
}

common::Result<domain::RecordUpdate> ParseUpdate(const json::object& body,
                                                 const std::string& prefix) {
  domain::RecordUpdate u;
  if (const json::value* id = body.if_contains("id"); id && !id->is_null()) {
    auto n = AsInt(*id);
    if (!n) return Error::Invalid(prefix + "id", Text::kNotInteger);
    if (*n < 1) return Error::Invalid(prefix + "id", Text::kMinOne);
    u.id = *n;
  }
  if (const json::value* key = body.if_contains("updateKey"); key && !key->is_null()) {
    if (!key->is_object()) return Error::Invalid(prefix + "updateKey", Text::kNotObject);
    const json::value* field = key->as_object().if_contains("field");
    const json::value* value = key->as_object().if_contains("value");
    if (!field || !field->is_string()) {
      return Error::Invalid(prefix + "updateKey.field", Text::kRequiredParam);
    }
    if (!value || value->is_null()) {
      return Error::Invalid(prefix + "updateKey.value", Text::kRequiredParam);
    }
    u.update_key = domain::UpdateKey{std::string(field->as_string()), *value};
  }
  if (!u.id && !u.update_key) return Error::Invalid(prefix + "id", Text::kRequiredParam);
  TK_ASSIGN_OR_RETURN(u.record, RecordObject(body.if_contains("record"), prefix + "record"));
  if (const json::value* r = body.if_contains("revision"); r && !r->is_null()) {
    auto n = AsInt(*r);
    if (!n || *n < -1) return Error::Invalid(prefix + "revision", Text::kNotInteger);
    u.revision = *n;
  }
  return u;
}

common::Result<std::optional<std::vector<std::string>>> FieldList(const Params& p) {
  TK_ASSIGN_OR_RETURN(auto list, p.OptionalArray("fields"));
  if (!list) return std::optional<std::vector<std::string>>();
  std::vector<std::string> codes;
  for (size_t i = 0; i < list->size(); ++i) {
    const json::value& v = (*list)[i];
    if (!v.is_string()) {
      return Error::Invalid("fields[" + std::to_string(i) + "]", Text::kNotString);
    }
    codes.emplace_back(v.as_string());
  }
  return std::optional<std::vector<std::string>>(std::move(codes));
}

}  // namespace api
