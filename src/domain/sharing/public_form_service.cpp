#include "domain/sharing/public_form_service.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>

#include "domain/apps/app_repository.h"
#include "domain/mail/mail_service.h"
#include "domain/mail/mail_template.h"
#include "domain/mail/mime.h"
#include "domain/sharing/public_form_settings.h"
#include "domain/sharing/public_page_service.h"
#include "domain/sharing/receipt_service.h"
#include "domain/users/user_repository.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;
using common::Text;

namespace {

constexpr size_t kMaxIdempotencyKey = 100;

}  // namespace

Result<std::shared_ptr<const PublicFormService::OpenPage>> PublicFormService::Open(
    Transaction& tx, std::string_view token) {
  TK_ASSIGN_OR_RETURN(auto row, tx.sharing().FindPageRowByToken(token));
  if (!row || !row->enabled || row->kind != PublicPageKind::kForm) {
    return Error(ErrorCode::kPublicPageNotFound);
  }
  TK_ASSIGN_OR_RETURN(auto app, tx.apps().Find(row->app_id));
  if (!app || !app->deployed()) return Error(ErrorCode::kPublicPageNotFound);
  TK_ASSIGN_OR_RETURN(auto live, forms_.Live(tx, *app));
  // Settings are read with the receipt field as it is now: a required receipt field is filled
  // by the number, not by the resident.
  TK_ASSIGN_OR_RETURN(auto receipt, LoadReceiptFormat(tx, app->id, live->form));
  std::string receipt_field = receipt ? receipt->field : "";
  std::shared_ptr<const OpenPage> cached = pages_.Find(token);
  if (!cached || !cached->stamp.Matches(*row, *app) || cached->receipt_field != receipt_field) {
    auto built = std::make_shared<OpenPage>();
    built->stamp = PageStamp::Of(*row, *app);
    built->receipt_field = receipt_field;
    built->live = std::move(live);
    boost::system::error_code ec;
    json::value body = json::parse(row->settings, ec);
    auto settings =
        PublicFormSettings::FromJson(!ec && body.is_object() ? body.as_object() : json::object(),
                                     built->live->form, receipt_field);
    built->valid = settings.ok();
    if (built->valid) built->settings = std::move(settings).value();
    cached = built;
    pages_.Put(token, cached);
  }
  // Settings were valid when published; a field deleted since then makes them invalid, and
  // the page stays closed until an administrator fixes it.
  if (!cached->valid) return Error(ErrorCode::kPublicPageNotFound).WithDetail("stale settings");
  return cached;
}

namespace {

// TK_PB02/03/04 when the form does not take submissions now.
Status CheckOpen(Transaction& tx, const PublicFormService::OpenPage& p, int64_t now) {
  if (p.settings.opens_at && now < *p.settings.opens_at)
    return Error(ErrorCode::kPublicFormNotOpen);
  if (p.settings.closes_at && now >= *p.settings.closes_at)
    return Error(ErrorCode::kPublicFormClosed);
  if (p.settings.max_submissions > 0) {
    TK_ASSIGN_OR_RETURN(int64_t count, tx.sharing().CountSubmissions(p.stamp.page_id));
    if (count >= p.settings.max_submissions) return Error(ErrorCode::kPublicFormFull);
  }
  return Status::Ok();
}

std::string SizeText(int64_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
    return std::to_string(bytes / (1024 * 1024)) + " MB";
  if (bytes >= 1024) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes) + " B";
}

json::object FieldJson(const FieldDef& def, const PublishedField& published) {
  json::object f{{"code", def.code},
                 {"type", std::string(common::FieldTypeName(def.type))},
                 {"label", def.label},
                 {"help", published.help},
                 {"required", def.required}};
  if (!def.options.empty()) {
    std::vector<const OptionDef*> sorted;
    for (const OptionDef& o : def.options) sorted.push_back(&o);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->index < b->index; });
    json::array options;
    for (const OptionDef* o : sorted) options.push_back(json::value(o->name));
    f["options"] = std::move(options);
  }
  if (def.max_length) f["maxLength"] = *def.max_length;
  if (def.min_length) f["minLength"] = *def.min_length;
  if (!def.min_value.empty()) f["minValue"] = def.min_value;
  if (!def.max_value.empty()) f["maxValue"] = def.max_value;
  if (def.type == common::FieldType::kLink) {
    f["protocol"] = def.protocol == LinkProtocol::kCall   ? "CALL"
                    : def.protocol == LinkProtocol::kMail ? "MAIL"
                                                          : "WEB";
  }
  f["defaultValue"] = def.default_value;
  return f;
}

// A submitted value as plain text for a mail: strings as typed, lists joined, attachments
// by file name.
std::string PlainValue(const json::value* v, const std::vector<PublicFile>& files,
                       std::string_view code) {
  std::string out;
  auto add = [&](std::string_view part) {
    if (!out.empty()) out += ", ";
    out += part;
  };
  for (const PublicFile& f : files) {
    if (f.field == code) add(f.name);
  }
  if (!v) return out;
  if (v->is_string()) {
    add(v->as_string());
  } else if (v->is_array()) {
    for (const json::value& e : v->as_array()) {
      if (e.is_string()) add(e.as_string());
    }
  } else if (v->is_int64() || v->is_uint64() || v->is_double()) {
    add(json::serialize(*v));
  }
  return out;
}

// The resident's address from the form's mail field: "" when left empty (no mail), CB_VA01
// when it is not one plain address.
Result<std::string> ResidentAddress(const ConfirmationMail& mail, const json::object& values) {
  const json::value* v = values.if_contains(mail.to_field);
  std::string address = v && v->is_string() ? std::string(v->as_string()) : "";
  while (!address.empty() && address.back() == ' ') address.pop_back();
  while (!address.empty() && address.front() == ' ') address.erase(0, 1);
  if (address.empty()) return address;
  if (!IsMailAddress(address)) {
    return Error::Invalid("record." + mail.to_field + ".value", Text::kBadMailAddress);
  }
  return address;
}

}  // namespace

Result<json::object> PublicFormService::Describe(std::string_view token) {
  json::object out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto page, Open(tx, token));
    const OpenPage& p = *page;
    out = p.settings.look.ToJson();
    json::array fields;
    for (const PublishedField& pf : p.settings.fields) {
      if (const FieldDef* def = p.live->form.FindTopLevel(pf.code))
        fields.push_back(FieldJson(*def, pf));
    }
    out["fields"] = std::move(fields);
    // The page tells the resident a confirmation mail will come, and to which field's
    // address, only when this form sends one.
    const ConfirmationMail& mail = p.settings.mail;
    bool mail_field_published =
        std::any_of(p.settings.fields.begin(), p.settings.fields.end(),
                    [&](const PublishedField& pf) { return pf.code == mail.to_field; });
    if (mail.enabled && mail_field_published) {
      // Nor while sending is switched off for the server: the mail would only wait in the queue.
      TK_ASSIGN_OR_RETURN(auto smtp, tx.mail().LoadSettings());
      if (smtp && smtp->enabled) out["confirmationMail"] = json::object{{"toField", mail.to_field}};
    }
    json::array types;
    for (const std::string& t : p.settings.attachments.types) types.push_back(json::value(t));
    out["attachments"] = json::object{{"maxBytes", p.settings.attachments.max_bytes},
                                      {"maxCount", p.settings.attachments.max_count},
                                      {"types", std::move(types)}};
    Status open = CheckOpen(tx, p, clock_.NowSeconds());
    std::string state = "open";
    if (!open.ok()) {
      ErrorCode c = open.error().code();
      state = c == ErrorCode::kPublicFormNotOpen  ? "notYetOpen"
              : c == ErrorCode::kPublicFormClosed ? "closed"
              : c == ErrorCode::kPublicFormFull   ? "full"
                                                  : "closed";
    }
    out["state"] = state;
    return Status::Ok();
  }));
  return out;
}

Result<PublicFormReceipt> PublicFormService::Submit(const PublicFormSubmission& s) {
  if (s.idempotency_key.empty() || s.idempotency_key.size() > kMaxIdempotencyKey) {
    return Error::Invalid("idempotencyKey", Text::kRequiredParam);
  }
  int64_t now = clock_.NowSeconds();
  std::shared_ptr<const OpenPage> page;
  std::optional<PublicSubmission> earlier;
  Principal who;
  who.user_code = std::string(kPublicFormUserCode);
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(page, Open(tx, s.token));
    TK_ASSIGN_OR_RETURN(earlier,
                        tx.sharing().FindSubmission(page->stamp.page_id, s.idempotency_key));
    if (earlier) return Status::Ok();
    // Publishing a form creates its user; looked up here so that a submission is one write.
    TK_ASSIGN_OR_RETURN(auto user, tx.users().FindByCode(kPublicFormUserCode));
    if (user) who.user_id = user->id;
    return CheckOpen(tx, *page, now);
  }));
  const OpenPage& p = *page;
  // A retry (double click, lost response) gets the first answer, before any limit applies.
  if (earlier)
    return PublicFormReceipt{earlier->record_id, earlier->receipt, p.settings.completion_message,
                             true};
  std::string limit_key = "form:" + std::to_string(p.stamp.page_id) + ":" + s.address;
  if (limiter_.Count(limit_key, p.settings.per_address, now) > 0) {
    return Error(ErrorCode::kPublicTooManyAttempts);
  }

  std::vector<std::string> published = p.settings.FieldCodes();
  json::object record;
  for (const auto& kv : s.values) {
    // Attachments arrive only as uploaded files: a resident cannot name existing file keys.
    const FieldDef* def = p.live->form.FindTopLevel(kv.key());
    if (def && def->type == common::FieldType::kFile) {
      return Error::Invalid("record." + std::string(kv.key()) + ".value", Text::kBadValueShape);
    }
    record[kv.key()] = json::object{{"value", kv.value()}};
  }

  // Attachments: count per field, size and type by content; every problem reported at once.
  const AttachmentRules& rules = p.settings.attachments;
  Error errors = Error::Validation();
  std::map<std::string, int64_t> counts;
  for (const PublicFile& f : s.files) {
    std::string key = "record." + f.field + ".value";
    const FieldDef* def = p.live->form.FindTopLevel(f.field);
    if (!def || def->type != common::FieldType::kFile ||
        std::find(published.begin(), published.end(), f.field) == published.end()) {
      errors.AddField(key, Text::kFieldNotPublishable, {f.field});
      continue;
    }
    if (++counts[f.field] == rules.max_count + 1) {
      errors.AddField(key, Text::kTooManyFiles, {std::to_string(rules.max_count)});
    }
    if (static_cast<int64_t>(f.data.size()) > rules.max_bytes) {
      errors.AddField(key, Text::kFileTooLarge, {f.name, SizeText(rules.max_bytes)});
      continue;
    }
    std::string type = detector_.Detect(f.data);
    if (std::find(rules.types.begin(), rules.types.end(), type) == rules.types.end()) {
      std::string accepted;
      for (const std::string& t : rules.types) accepted += (accepted.empty() ? "" : ", ") + t;
      errors.AddField(key, Text::kFileTypeNotAllowed, {f.name, accepted});
    }
  }
  if (errors.has_fields()) return errors;
  std::string mail_to;
  if (p.settings.mail.enabled) {
    TK_ASSIGN_OR_RETURN(mail_to, ResidentAddress(p.settings.mail, s.values));
  }

  who.public_form = PublicFormGrant{p.stamp.app_id, published};
  if (who.user_id == 0) {  // pages published before the user came with the page
    TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
      TK_ASSIGN_OR_RETURN(who.user_id,
                          tx.sharing().EnsureSystemUser(kPublicFormUserCode, "公開フォーム", now));
      return Status::Ok();
    }));
  }
  // Files are stored first (content-addressed; an upload never attached is dropped later),
  // then the record refers to them by upload key.
  for (const PublicFile& f : s.files) {
    TK_ASSIGN_OR_RETURN(std::string key,
                        files_.Upload(who, f.name, detector_.Detect(f.data), f.data));
    json::value& entry = record[f.field];
    if (!entry.is_object()) entry = json::object{};
    json::value& list = entry.as_object()["value"];
    if (!list.is_array()) list = json::array{};
    list.as_array().push_back(json::object{{"fileKey", key}});
  }

  PublicFormReceipt out;
  out.completion_message = p.settings.completion_message;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    // Again inside the write: two copies of one request may both have passed the read.
    TK_ASSIGN_OR_RETURN(auto again,
                        tx.sharing().FindSubmission(p.stamp.page_id, s.idempotency_key));
    if (again) {
      out.record_id = again->record_id;
      out.receipt = again->receipt;
      out.repeated = true;
      return Status::Ok();
    }
    TK_RETURN_IF_ERROR(CheckOpen(tx, p, now));
    TK_ASSIGN_OR_RETURN(auto added, records_.Add(who, p.stamp.app_id, {record}, true));
    out.record_id = added[0].id;
    out.receipt = added[0].receipt;
    if (!mail_to.empty()) {
      // Queued in this transaction: sent only if the record is stored, never lost once it is.
      auto value = [&](std::string_view name) -> std::optional<std::string> {
        if (name == "receipt") return out.receipt;
        if (name == "title") return p.settings.look.title;
        if (std::find(published.begin(), published.end(), name) == published.end())
          return std::nullopt;
        return PlainValue(s.values.if_contains(name), s.files, name);
      };
      OutboxMessage m;
      m.kind = "form";
      m.app_id = p.stamp.app_id;
      m.record_id = out.record_id;
      m.to = mail_to;
      m.subject = OneLine(RenderTemplate(p.settings.mail.subject, value));
      m.body = RenderTemplate(p.settings.mail.body, value);
      TK_RETURN_IF_ERROR(EnqueueMail(tx, std::move(m), now));
    }
    return tx.sharing().InsertSubmission(p.stamp.page_id, s.idempotency_key,
                                         PublicSubmission{out.record_id, out.receipt}, now);
  }));
  return out;
}

}  // namespace domain
