#include "domain/sharing/public_lookup_service.h"

#include <algorithm>
#include <random>

#include <boost/json/parse.hpp>

#include "common/normalize.h"
#include "domain/apps/app_repository.h"
#include "domain/records/record_repository.h"
#include "domain/sharing/public_lookup_settings.h"
#include "domain/sharing/public_page.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;

namespace {

constexpr size_t kMaxKeyLength = 200;

// A stored value ({"type","value"}) as one line of text.
std::string ValueText(const json::value* field) {
  const json::value* v =
      field && field->is_object() ? field->as_object().if_contains("value") : nullptr;
  if (!v) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_array()) {
    std::string out;
    for (const json::value& e : v->as_array()) {
      std::string item;
      if (e.is_string())
        item = std::string(e.as_string());
      else if (const json::object* o = e.if_object()) {
        if (const json::value* n = o->if_contains("name"); n && n->is_string())
          item = std::string(n->as_string());
      }
      if (item.empty()) continue;
      if (!out.empty()) out += "、";
      out += item;
    }
    return out;
  }
  return "";
}

std::string Label(const json::object& labels, const std::string& value, common::Lang lang) {
  return LabelOf(labels, value, lang == common::Lang::kEn ? "en" : "ja");
}

}  // namespace

std::string NormalizeKey(std::string_view text) { return common::NormalizeNfkc(text); }

std::string LastFourDigits(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits.size() < 4 ? "" : digits.substr(digits.size() - 4);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  size_t n = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

Result<std::shared_ptr<const PublicLookupService::OpenPage>> PublicLookupService::Open(
    Transaction& tx, std::string_view token) {
  TK_ASSIGN_OR_RETURN(auto row, tx.sharing().FindPageRowByToken(token));
  if (!row || !row->enabled || row->kind != PublicPageKind::kLookup) {
    return Error(ErrorCode::kPublicPageNotFound);
  }
  TK_ASSIGN_OR_RETURN(auto app, tx.apps().Find(row->app_id));
  if (!app || !app->deployed()) return Error(ErrorCode::kPublicPageNotFound);
  std::shared_ptr<const OpenPage> cached = pages_.Find(token);
  // Checked against this snapshot's row and app: a page edited or an app deployed since the
  // entry was built (by any request, in any snapshot) is simply built again.
  if (!cached || !cached->stamp.Matches(*row, *app)) {
    auto built = std::make_shared<OpenPage>();
    built->stamp = PageStamp::Of(*row, *app);
    TK_ASSIGN_OR_RETURN(built->live, forms_.Live(tx, *app));
    boost::system::error_code ec;
    json::value body = json::parse(row->settings, ec);
    auto settings = PublicLookupSettings::FromJson(
        !ec && body.is_object() ? body.as_object() : json::object(), built->live->form);
    built->valid = settings.ok() && !settings->keys.empty();
    if (built->valid) {
      built->settings = std::move(settings).value();
      std::vector<FieldDef> read;
      auto add = [&](const std::string& code) {
        const FieldDef* def = built->live->form.FindTopLevel(code);
        if (!def) return;
        for (const FieldDef& f : read) {
          if (f.code == code) return;
        }
        read.push_back(*def);
      };
      for (const LookupKey& k : built->settings.keys) add(k.code);
      for (const ShownField& f : built->settings.shown) add(f.code);
      built->read_form = FieldSet(std::move(read));
      built->read_codec = std::make_unique<RecordCodec>(forms_.registry(), built->read_form);
    }
    cached = built;
    pages_.Put(token, cached);
  }
  if (!cached->valid) return Error(ErrorCode::kPublicPageNotFound).WithDetail("stale settings");
  return cached;
}

Result<json::object> PublicLookupService::Describe(std::string_view token) {
  json::object out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto p, Open(tx, token));
    out = p->settings.look.ToJson();
    json::array keys;
    for (const LookupKey& k : p->settings.keys) {
      const FieldDef* def = p->live->form.FindTopLevel(k.code);
      keys.push_back(
          json::object{{"code", k.code},
                       {"label", k.label.empty() && def ? def->label : k.label},
                       {"help", k.help},
                       {"type", def ? std::string(common::FieldTypeName(def->type)) : ""},
                       {"match", k.match == KeyMatch::kLast4 ? "last4" : "exact"}});
    }
    out["keys"] = std::move(keys);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> PublicLookupService::Find(std::string_view token, const std::string& address,
                                               const json::object& keys, common::Lang lang) {
  int64_t now = clock_.NowSeconds();
  json::object out;
  bool matched = false;
  std::string address_key, value_key;
  AttemptLimit per_address, per_key;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto p, Open(tx, token));
    const auto& settings = p->settings;
    per_address = settings.per_address;
    per_key = settings.per_key;
    std::vector<std::string> typed;
    for (const LookupKey& k : settings.keys) {
      const json::value* v = keys.if_contains(k.code);
      std::string text = v && v->is_string() && v->as_string().size() <= kMaxKeyLength
                             ? NormalizeKey(v->as_string())
                             : "";
      typed.push_back(k.match == KeyMatch::kLast4 ? LastFourDigits(text) : text);
    }
    std::string page = std::to_string(p->stamp.page_id);
    address_key = "lookup:" + page + ":a:" + address;
    value_key = "lookup:" + page + ":k:" + typed[0];
    if (limiter_.RetryAfter(address_key, now) > 0 || limiter_.RetryAfter(value_key, now) > 0) {
      return Error(ErrorCode::kPublicTooManyAttempts);
    }

    RecordSchema schema{p->stamp.app_id, p->live->form, *p->live->codec, directory_};
    RecordSchema read_schema{p->stamp.app_id, p->read_form, *p->read_codec, directory_};
    const FieldDef* first = p->live->form.FindTopLevel(settings.keys[0].code);
    std::optional<int64_t> id;
    if (first && !typed[0].empty()) {
      TK_ASSIGN_OR_RETURN(id, tx.records().FindIdByValue(schema, *first, json::value(typed[0])));
    }
    // A miss reads and compares a decoy record, so it costs what a hit costs. The decoy is
    // drawn at random up to the highest id a hit has read: a fixed or recent one would sit in
    // the page cache while a hit's record usually does not, and misses would answer faster.
    int64_t read_id = id.value_or(0);
    if (!id) {
      int64_t highest = 1;
      {
        std::lock_guard lock(decoy_mutex_);
        if (auto it = decoys_.find(p->stamp.app_id); it != decoys_.end()) highest = it->second;
      }
      thread_local std::mt19937_64 random{std::random_device{}()};
      read_id = std::uniform_int_distribution<int64_t>(1, highest)(random);
    }
    TK_ASSIGN_OR_RETURN(auto record, tx.records().Find(read_schema, read_id));
    bool all = record.has_value() && id.has_value();
    for (size_t i = 0; i < settings.keys.size(); ++i) {
      const LookupKey& k = settings.keys[i];
      std::string stored =
          record ? NormalizeKey(ValueText(record->fields.if_contains(k.code))) : "";
      if (k.match == KeyMatch::kLast4) stored = LastFourDigits(stored);
      bool equal = ConstantTimeEquals(stored, typed[i]) && !typed[i].empty();
      all = all && equal;
    }
    if (id && record) {
      std::lock_guard lock(decoy_mutex_);
      int64_t& highest = decoys_[p->stamp.app_id];
      highest = std::max(highest, *id);
    }
    if (!all) return Status::Ok();
    matched = true;
    json::array fields;
    for (const ShownField& f : settings.shown) {
      std::string label = f.label, value;
      if (f.code == "$status") {
        if (label.empty()) label = lang == common::Lang::kEn ? "Status" : "ステータス";
        value = record->status;
      } else {
        const FieldDef* def = p->live->form.FindTopLevel(f.code);
        if (label.empty() && def) label = def->label;
        value = ValueText(record->fields.if_contains(f.code));
      }
      fields.push_back(
          json::object{{"label", label}, {"value", Label(settings.value_labels, value, lang)}});
    }
    out = json::object{{"title", settings.look.title}, {"fields", std::move(fields)}};
    return Status::Ok();
  }));
  if (!matched) {
    (void)limiter_.Count(address_key, per_address, now);
    (void)limiter_.Count(value_key, per_key, now);
    return Error(ErrorCode::kLookupNoMatch);
  }
  return out;
}

}  // namespace domain
