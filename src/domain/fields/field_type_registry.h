// The field-type registry: one behaviour per kintone field type, built explicitly in one
// function (no static registration). Built once by the server and passed by reference;
// immutable afterwards, so safe to share between threads.
#pragma once

#include <memory>
#include <vector>

#include "common/field_type.h"
#include "domain/fields/field_type_behavior.h"

namespace domain {

class FieldTypeRegistry {
 public:
  FieldTypeRegistry();
  FieldTypeRegistry(const FieldTypeRegistry&) = delete;
  FieldTypeRegistry& operator=(const FieldTypeRegistry&) = delete;

  const FieldTypeBehavior& Get(common::FieldType type) const {
    return *behaviors_[static_cast<size_t>(type)];
  }

 private:
  std::vector<std::unique_ptr<FieldTypeBehavior>> behaviors_;  // indexed by FieldType
};

}  // namespace domain
