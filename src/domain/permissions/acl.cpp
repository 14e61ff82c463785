#include "domain/permissions/acl.h"

namespace domain {

namespace {

struct TypeName {
  AclEntityType type;
  std::string_view name;
};
constexpr TypeName kTypeNames[] = {
    {AclEntityType::kUser, "USER"},
    {AclEntityType::kGroup, "GROUP"},
    {AclEntityType::kOrganization, "ORGANIZATION"},
    {AclEntityType::kCreator, "CREATOR"},
    {AclEntityType::kFieldEntity, "FIELD_ENTITY"},
};

}  // namespace

std::vector<AclEntry> DefaultAppAcl() {
  AclEntry creator;
  creator.entity.type = AclEntityType::kCreator;
  creator.rights = kAclManage | kAclAllRecordRights;
  AclEntry everyone;
  everyone.entity.type = AclEntityType::kGroup;
  everyone.entity.code = kEveryoneGroup;
  everyone.rights = kAclAllRecordRights;
  return {creator, everyone};
}

std::string_view AclEntityTypeName(AclEntityType type) {
  for (const TypeName& t : kTypeNames) {
    if (t.type == type) return t.name;
  }
  return "USER";
}

std::optional<AclEntityType> ParseAclEntityType(std::string_view name) {
  for (const TypeName& t : kTypeNames) {
    if (t.name == name) return t.type;
  }
  return std::nullopt;
}

std::string_view AclKindName(AclKind kind) {
  switch (kind) {
    case AclKind::kApp:
      return "app";
    case AclKind::kRecord:
      return "record";
    case AclKind::kField:
      return "field";
  }
  return "app";
}

}  // namespace domain
