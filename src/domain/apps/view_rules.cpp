#include "domain/apps/view_rules.h"

#include "common/error_code.h"
#include "domain/apps/form_service.h"
#include "domain/apps/json_at.h"
#include "domain/records/record_context.h"
#include "domain/records/record_schema_lookup.h"
#include "query/parser.h"
#include "query/printer.h"

namespace domain {

namespace json = boost::json;
using common::Message;
using common::Text;

namespace {

bool IsDateLike(common::FieldType t) {
  using common::FieldType;
  return t == FieldType::kDate || t == FieldType::kDateTime || t == FieldType::kCreatedTime ||
         t == FieldType::kUpdatedTime;
}

// The renamed code, "" when removed, `code` itself otherwise.
std::string Follow(std::string_view code, const query::FieldChanges& changes) {
  if (changes.removed.contains(code)) return "";
  if (auto it = changes.renamed.find(code); it != changes.renamed.end()) return it->second;
  return std::string(code);
}

}  // namespace

std::vector<Message> QueryErrorMessages(const common::Error& e) {
  std::vector<Message> out;
  for (const common::FieldError& f : e.fields()) {
    out.insert(out.end(), f.messages.begin(), f.messages.end());
  }
  if (out.empty()) out.push_back({common::TopMessage(e.code()), e.args()});
  return out;
}

std::vector<ViewProblem> CheckViews(const json::object& views, int64_t app, const FieldSet& form,
                                    const query::QueryContext& qc) {
  std::vector<ViewProblem> out;
  for (const auto& [key, value] : views) {
    if (!value.is_object()) continue;
    const json::object& view = value.as_object();
    std::string name(key);
    auto field_missing = [&](std::string property, std::string_view code) {
      out.push_back({name, std::move(property), {{Text::kFieldCodeNotFound, {std::string(code)}}}});
    };
    if (auto cond = StringAt(view, "filterCond"); !cond.empty()) {
      common::Status ok = CheckCondition(cond, app, form, qc);
      if (!ok.ok()) out.push_back({name, "filterCond", QueryErrorMessages(ok.error())});
    }
    if (auto sort = StringAt(view, "sort"); !sort.empty()) {
      common::Status ok = CheckSort(sort, app, form, qc);
      if (!ok.ok()) out.push_back({name, "sort", QueryErrorMessages(ok.error())});
    }
    std::string_view type = StringAt(view, "type");
    if (type == "LIST") {
      const json::value* fields = view.if_contains("fields");
      if (fields && fields->is_array()) {
        const json::array& list = fields->as_array();
        for (size_t i = 0; i < list.size(); ++i) {
          std::string property = "fields[" + std::to_string(i) + "]";
          if (!list[i].is_string()) {
            out.push_back({name, property, {{Text::kNotString, {}}}});
          } else if (!form.Find(list[i].as_string())) {
            field_missing(property, list[i].as_string());
          }
        }
      } else if (fields && !fields->is_null()) {
        out.push_back({name, "fields", {{Text::kNotArray, {}}}});
      }
    } else if (type == "CALENDAR") {
      std::string_view date = StringAt(view, "date");
      if (date.empty()) {
        out.push_back({name, "date", {{Text::kRequired, {}}}});
      } else if (const FieldDef* f = form.Find(date); !f) {
        field_missing("date", date);
      } else if (!IsDateLike(f->type)) {
        out.push_back({name, "date", {{Text::kViewCalendarDateType, {}}}});
      }
      if (auto title = StringAt(view, "title"); !title.empty() && !form.Find(title)) {
        field_missing("title", title);
      }
    }
  }
  return out;
}

bool FollowFieldChanges(json::object& views, const query::FieldChanges& changes) {
  if (changes.empty()) return false;
  bool changed = false;
  for (auto& kv : views) {
    json::object* view = kv.value().if_object();
    if (!view) continue;
    // A text that does not parse is left as it is: it was broken before this edit.
    if (auto cond = StringAt(*view, "filterCond"); !cond.empty()) {
      auto parsed = query::ParseCondition(cond);
      bool touched = false;
      if (parsed.ok() && *parsed) {
        auto after = query::ApplyFieldChanges(**parsed, changes, touched);
        if (touched) (*view)["filterCond"] = after ? query::PrintCondition(*after) : "";
      }
      changed |= touched;
    }
    if (auto sort = StringAt(*view, "sort"); !sort.empty()) {
      auto keys = query::ParseSortKeys(sort);
      bool touched = false;
      if (keys.ok()) {
        auto after = query::ApplyFieldChanges(*keys, changes, touched);
        if (touched) (*view)["sort"] = query::PrintSortKeys(after);
      }
      changed |= touched;
    }
    if (json::value* fields = view->if_contains("fields"); fields && fields->is_array()) {
      json::array kept;
      for (const json::value& f : fields->as_array()) {
        if (!f.is_string()) {
          kept.push_back(f);
          continue;
        }
        std::string code = Follow(f.as_string(), changes);
        changed |= code != f.as_string();
        if (!code.empty()) kept.push_back(json::string(code));
      }
      *fields = std::move(kept);
    }
    if (auto title = StringAt(*view, "title"); !title.empty()) {
      std::string code = Follow(title, changes);
      if (code != title) {
        (*view)["title"] = code;
        changed = true;
      }
    }
    if (auto date = StringAt(*view, "date"); !date.empty() && !changes.removed.contains(date)) {
      std::string code = Follow(date, changes);
      if (code != date) {
        (*view)["date"] = code;
        changed = true;
      }
    }
  }
  return changed;
}

common::Status CheckViewsToSave(Transaction& tx, const FieldTypeRegistry& registry,
                                const Principal& who, int64_t app, const json::object& doc,
                                int64_t now) {
  const json::value* views = doc.if_contains("views");
  if (!views || !views->is_object()) return common::Status::Ok();
  TK_ASSIGN_OR_RETURN(FieldSet form, LoadForm(tx, registry, app, Stage::kPreview));
  NoEntities entities;
  query::QueryContext qc = MakeQueryContext(who, now, entities, {});
  common::Error errors = common::Error::Validation();
  for (const ViewProblem& p : CheckViews(views->as_object(), app, form, qc)) {
    for (const Message& m : p.messages) errors.AddField(p.Key(), m);
  }
  if (errors.has_fields()) return errors;
  return common::Status::Ok();
}

}  // namespace domain
