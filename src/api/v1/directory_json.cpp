#include "api/v1/directory_json.h"

#include "common/time_zone.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Result;
using common::Text;

namespace {

// "2024-04-01T09:00:00Z", as kintone writes timestamps.
std::string Timestamp(int64_t unix_seconds) {
  int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
  int64_t rest = unix_seconds - days * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(rest / 3600),
                static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  return common::FormatDate(common::CivilFromDays(days)) + buf;
}

json::value StringOrNull(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

Result<std::vector<json::value>> ListParam(const Params& p, std::string_view name) {
  TK_ASSIGN_OR_RETURN(auto list, p.OptionalArray(name));
  if (!list) return std::vector<json::value>{};
  if (list->size() > 100) return Error::Invalid(std::string(name), Text::kTooManyItems, {"100"});
  return std::move(*list);
}

}  // namespace

json::object UserToJson(const domain::User& u) {
  json::object o;
  o["id"] = std::to_string(u.id);
  o["code"] = u.code;
  o["name"] = u.name;
  for (const char* p : domain::kUserProfileProperties) {
    auto it = u.profile.find(p);
    std::string value = it == u.profile.end() ? "" : it->second;
    bool nullable = std::string_view(p) == "joinDate" || std::string_view(p) == "birthDate" ||
                    std::string_view(p) == "localNameLocale";
    o[p] = nullable ? StringOrNull(value) : json::value(value);
  }
  o["email"] = u.email;
  o["timezone"] = u.time_zone;
  o["locale"] = u.locale;
  o["valid"] = u.valid;
  o["primaryOrganization"] = u.primary_organization_id
                                 ? json::value(std::to_string(*u.primary_organization_id))
                                 : json::value(nullptr);
  o["sortOrder"] = u.sort_order ? json::value(*u.sort_order) : json::value(nullptr);
  json::array items;
  for (const auto& [code, value] : u.custom_items) {
    items.push_back(json::object{{"code", code}, {"value", value}});
  }
  o["customItemValues"] = std::move(items);
  o["createdAt"] = Timestamp(u.created_at);
  o["updatedAt"] = Timestamp(u.updated_at);
  return o;
}

json::object OrganizationToJson(const domain::Organization& o) {
  return json::object{{"id", std::to_string(o.id)},
                      {"code", o.code},
                      {"name", o.name},
                      {"localName", o.local_name},
                      {"localNameLocale", StringOrNull(o.local_name_locale)},
                      {"parentCode", StringOrNull(o.parent_code)},
                      {"description", o.description}};
}

json::object GroupToJson(const domain::Group& g) {
  return json::object{{"id", std::to_string(g.id)},
                      {"code", g.code},
                      {"name", g.name},
                      {"description", g.description}};
}

json::value TitleToJson(const std::optional<domain::Title>& t) {
  if (!t) return nullptr;
  return json::object{{"id", std::to_string(t->id)},
                      {"code", t->code},
                      {"name", t->name},
                      {"description", t->description}};
}

Result<domain::DirectoryFilter> ReadDirectoryFilter(const Params& p) {
  domain::DirectoryFilter f;
  Error errors = Error::Validation();
  TK_ASSIGN_OR_RETURN(auto ids, ListParam(p, "ids"));
  for (size_t i = 0; i < ids.size(); ++i) {
    auto n = AsInt(ids[i]);
    if (!n || *n < 1) {
      errors.AddField("ids[" + std::to_string(i) + "]", Text::kMinOne);
    } else {
      f.ids.push_back(*n);
    }
  }
  TK_ASSIGN_OR_RETURN(auto codes, ListParam(p, "codes"));
  for (size_t i = 0; i < codes.size(); ++i) {
    if (!codes[i].is_string()) {
      errors.AddField("codes[" + std::to_string(i) + "]", Text::kNotString);
    } else {
      f.codes.emplace_back(codes[i].as_string());
    }
  }
  if (errors.has_fields()) return errors;
  TK_ASSIGN_OR_RETURN(auto offset, p.OptionalInt("offset", 0, INT32_MAX));
  TK_ASSIGN_OR_RETURN(auto size, p.OptionalInt("size", 1, 100));
  f.offset = offset.value_or(0);
  f.limit = size.value_or(100);
  return f;
}

Result<domain::DirectoryFilter> ReadMemberQuery(const Params& p) {
  domain::DirectoryFilter f;
  TK_ASSIGN_OR_RETURN(std::string code, p.RequiredString("code"));
  f.codes.push_back(std::move(code));
  TK_ASSIGN_OR_RETURN(auto offset, p.OptionalInt("offset", 0, INT32_MAX));
  TK_ASSIGN_OR_RETURN(auto size, p.OptionalInt("size", 1, 100));
  f.offset = offset.value_or(0);
  f.limit = size.value_or(100);
  return f;
}

Result<std::vector<std::string>> ReadCodes(const Params& p) {
  TK_ASSIGN_OR_RETURN(auto list, p.OptionalArray("codes"));
  if (!list || list->empty()) return Error::Invalid("codes", Text::kRequiredParam);
  if (list->size() > 100) return Error::Invalid("codes", Text::kTooManyItems, {"100"});
  Error errors = Error::Validation();
  std::vector<std::string> out;
  for (size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_string()) {
      errors.AddField("codes[" + std::to_string(i) + "]", Text::kNotString);
    } else {
      out.emplace_back((*list)[i].as_string());
    }
  }
  if (errors.has_fields()) return errors;
  return out;
}

void ItemReader::Problem(std::string_view name, Text text) {
  errors_.AddField(key_ + "." + std::string(name), text);
}

std::optional<std::string> ItemReader::String(std::string_view name) {
  const json::value* v = item_.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    Problem(name, Text::kNotString);
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<bool> ItemReader::Bool(std::string_view name) {
  const json::value* v = item_.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  auto b = AsBool(*v);
  if (!b) Problem(name, Text::kNotBoolean);
  return b;
}

std::optional<int64_t> ItemReader::Int(std::string_view name) {
  const json::value* v = item_.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  auto n = AsInt(*v);
  if (!n) Problem(name, Text::kNotInteger);
  return n;
}

}  // namespace api
