// Views (§7.4) against the form they list. A view naming a field the form lacks, or using one
// in a way its type does not take, would only fail later on its list page: it is refused when
// saved, and a form edit carries renames and removals into the views it touches.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "common/text.h"
#include "domain/fields/field_set.h"
#include "domain/fields/field_type_registry.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"
#include "query/field_rename.h"
#include "query/schema.h"

namespace domain {

struct ViewProblem {
  std::string view;      // the view's key (its name)
  std::string property;  // "filterCond", "sort", "fields[2]", "date", "title"
  std::vector<common::Message> messages;
  std::string Key() const { return "views[" + view + "]." + property; }
};

// A query error's messages, to be shown under a setting's property instead of "query".
std::vector<common::Message> QueryErrorMessages(const common::Error& e);

// Every problem of the views in `views` (name -> view, as stored) against `form`: filterCond
// and sort must compile, list columns and the calendar's title must be fields of the form,
// the calendar's date a date or date-and-time field.
std::vector<ViewProblem> CheckViews(const boost::json::object& views, int64_t app,
                                    const FieldSet& form, const query::QueryContext& qc);

// `views` after a form edit: renamed codes follow in filterCond, sort, fields, date and title
// (conditions through the query AST, never by text); a removed field leaves the columns, the
// sort keys and filterCond (kintone drops the conditions on a deleted field) and a calendar's
// title. A removed calendar date stays, for CheckViews to refuse. True when anything changed.
bool FollowFieldChanges(boost::json::object& views, const query::FieldChanges& changes);

// PUT preview/app/views.json: CB_VA01 keyed `views[<name>].<property>` for every problem of
// `doc` ({"views": {...}}) against the preview form it will go live with.
common::Status CheckViewsToSave(Transaction& tx, const FieldTypeRegistry& registry,
                                const Principal& who, int64_t app, const boost::json::object& doc,
                                int64_t now);

}  // namespace domain
