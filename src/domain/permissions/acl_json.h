// The ACL lists as kintone's app/acl.json, record/acl.json and field/acl.json carry them:
// parsing a PUT's `rights` (every shape error reported at once in CB_VA01, keyed
// "rights[i].…"; an unknown user, organisation or group code → GAIA_IL26/IL28/IL27) and
// building a GET's `rights`. Pure apart from the code ↔ id look-ups it is given.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/fields/field_set.h"
#include "domain/permissions/acl.h"

namespace domain {

// Code ↔ id of users, organisations and groups ("everyone" is handled here, not asked).
class AclEntityCodes {
 public:
  virtual ~AclEntityCodes() = default;
  // The id, or GAIA_IL26 / GAIA_IL28 / GAIA_IL27 naming the code.
  virtual common::Result<int64_t> Id(AclEntityType type, std::string_view code) = 0;
  // The current code; nullopt when the entity was deleted (the entry is then not shown).
  virtual std::optional<std::string> Code(AclEntityType type, int64_t id) = 0;
};

// Checks a record rule's filterCond against the form; an error as the query layer reports it.
using FilterCheck = std::function<common::Status(const std::string& filter_cond)>;

common::Result<std::vector<AclEntry>> ParseAppAcl(const boost::json::value& rights,
                                                  AclEntityCodes& codes);
common::Result<std::vector<AclRule>> ParseRecordAcl(const boost::json::value& rights,
                                                    AclEntityCodes& codes, const FieldSet& form,
                                                    const FilterCheck& check_filter);
common::Result<std::vector<AclRule>> ParseFieldAcl(const boost::json::value& rights,
                                                   AclEntityCodes& codes, const FieldSet& form);

boost::json::array AppAclJson(const std::vector<AclEntry>& entries, AclEntityCodes& codes);
boost::json::array RecordAclJson(const std::vector<AclRule>& rules, AclEntityCodes& codes);
boost::json::array FieldAclJson(const std::vector<AclRule>& rules, AclEntityCodes& codes);

}  // namespace domain
