#include "domain/fields/behaviors.h"
#include "domain/fields/definition_reader.h"
#include "domain/fields/lookup_definition.h"

namespace domain {
namespace {

// REFERENCE_TABLE (related records): a definition only; records never hold a value. What it
// names in the datasource app is checked by domain/apps/datasource_rules.
class ReferenceTableBehavior final : public FieldTypeBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kReferenceTable; }
  bool HasValue() const override { return false; }
  bool EnforcesRequired() const override { return false; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    const boost::json::value* v = r.Get("referenceTable");
    const boost::json::object* in = v != nullptr ? v->if_object() : nullptr;
    if (in == nullptr) {
      r.Error("referenceTable",
              v == nullptr ? common::Text::kRequiredParam : common::Text::kNotObject);
      return;
    }
    boost::json::object out;
    DefinitionReader t(*in, out, r.Key("referenceTable"), r.errors(), r.adding(), r.in_table());
    NormalizeRelatedApp(t);
    boost::json::object condition;
    const boost::json::value* c = t.Get("condition");
    if (c == nullptr || !c->is_object()) {
      t.Error("condition", c == nullptr ? common::Text::kRequiredParam : common::Text::kNotObject);
    } else {
      DefinitionReader cr(c->get_object(), condition, t.Key("condition"), r.errors(), r.adding(),
                          r.in_table());
      if (cr.String("field", "").empty()) cr.Error("field", common::Text::kRequiredParam);
      if (cr.String("relatedField", "").empty()) {
        cr.Error("relatedField", common::Text::kRequiredParam);
      }
    }
    out["condition"] = std::move(condition);
    t.String("filterCond", "");
    boost::json::array display;
    if (const boost::json::value* d = t.Get("displayFields")) {
      if (!d->is_array()) {
        t.Error("displayFields", common::Text::kNotArray);
      } else {
        for (const boost::json::value& f : d->get_array()) {
          if (f.is_string()) display.push_back(f);
        }
      }
    }
    out["displayFields"] = std::move(display);
    t.String("sort", "");
    t.Enum("size", {"1", "3", "5", "10", "20", "30", "40", "50"}, "5");
    r.out()["referenceTable"] = std::move(out);
  }

  boost::json::value Coerce(const boost::json::value&, WriteArgs&) const override {
    return nullptr;
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeReferenceTableBehavior() {
  return std::make_unique<ReferenceTableBehavior>();
}

}  // namespace domain
