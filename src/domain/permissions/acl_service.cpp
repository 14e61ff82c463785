#include "domain/permissions/acl_service.h"

#include "domain/apps/app_service.h"
#include "domain/apps/form_service.h"
#include "domain/permissions/access.h"
#include "domain/permissions/acl_json.h"
#include "domain/permissions/acl_repository.h"
#include "domain/records/record_context.h"
#include "domain/records/record_schema_lookup.h"
#include "domain/users/directory_repository.h"
#include "domain/users/user_repository.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;

namespace {

// Codes ↔ ids through the transaction (inactive users included: their entries stay listed).
class TransactionCodes final : public AclEntityCodes {
 public:
  explicit TransactionCodes(Transaction& tx) : tx_(tx) {}

  Result<int64_t> Id(AclEntityType type, std::string_view code) override {
    std::string c(code);
    switch (type) {
      case AclEntityType::kUser: {
        TK_ASSIGN_OR_RETURN(auto u, tx_.users().FindByCode(code));
        if (!u) return Error(ErrorCode::kUserNotFound, {c});
        return u->id;
      }
      case AclEntityType::kOrganization: {
        TK_ASSIGN_OR_RETURN(auto o, tx_.directory().FindOrganization(code));
        if (!o) return Error(ErrorCode::kOrganizationNotFound, {c});
        return o->id;
      }
      case AclEntityType::kGroup: {
        TK_ASSIGN_OR_RETURN(auto g, tx_.directory().FindGroup(code));
        if (!g) return Error(ErrorCode::kGroupNotFound, {c});
        return g->id;
      }
      default:
        return Error::Internal("no code look-up for this entity type");
    }
  }

  std::optional<std::string> Code(AclEntityType type, int64_t id) override {
    DirectoryFilter f;
    f.ids = {id};
    f.limit = 1;
    switch (type) {
      case AclEntityType::kUser: {
        auto u = tx_.users().FindById(id);
        if (u.ok() && *u) return (*u)->code;
        return std::nullopt;
      }
      case AclEntityType::kOrganization: {
        auto o = tx_.directory().ListOrganizations(f);
        if (o.ok() && !o->empty()) return o->front().code;
        return std::nullopt;
      }
      case AclEntityType::kGroup: {
        auto g = tx_.directory().ListGroups(f);
        if (g.ok() && !g->empty()) return g->front().code;
        return std::nullopt;
      }
      default:
        return std::nullopt;
    }
  }

 private:
  Transaction& tx_;
};

}  // namespace

Result<AclDocument> AclService::Get(const Principal& who, int64_t id, Stage stage, AclKind kind) {
  AclDocument doc;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, stage == Stage::kLive));
    TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
    TK_ASSIGN_OR_RETURN(AppAcls acls, tx.acls().Load(id, stage));
    TransactionCodes codes(tx);
    switch (kind) {
      case AclKind::kApp:
        doc.rights = AppAclJson(acls.app ? *acls.app : DefaultAppAcl(), codes);
        break;
      case AclKind::kRecord:
        doc.rights = RecordAclJson(acls.records, codes);
        break;
      case AclKind::kField:
        doc.rights = FieldAclJson(acls.fields, codes);
        break;
    }
    doc.revision = stage == Stage::kLive ? app.live_revision : app.revision;
    return Status::Ok();
  }));
  return doc;
}

Result<int64_t> AclService::Put(const Principal& who, int64_t id, AclKind kind,
                                const json::value& rights, std::optional<int64_t> revision) {
  int64_t new_revision = 0;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, false));
    TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
    TK_RETURN_IF_ERROR(CheckAppRevision(app, revision));
    TransactionCodes codes(tx);
    std::vector<AclRule> rules;
    if (kind == AclKind::kApp) {
      TK_ASSIGN_OR_RETURN(auto entries, ParseAppAcl(rights, codes));
      rules.push_back(AclRule{"", std::move(entries)});
    } else {
      TK_ASSIGN_OR_RETURN(FieldSet form, LoadForm(tx, registry_, id, Stage::kPreview));
      if (kind == AclKind::kField) {
        TK_ASSIGN_OR_RETURN(rules, ParseFieldAcl(rights, codes, form));
      } else {
        DirectoryEntityResolver resolver(directory_);
        query::QueryContext qc = MakeQueryContext(who, clock_.NowSeconds(), resolver, {});
        auto check = [&](const std::string& filter) {
          return CheckCondition(filter, id, form, qc);
        };
        TK_ASSIGN_OR_RETURN(rules, ParseRecordAcl(rights, codes, form, check));
      }
    }
    TK_RETURN_IF_ERROR(tx.acls().SavePreview(id, kind, rules));
    TK_ASSIGN_OR_RETURN(new_revision, BumpRevision(tx, app, who, clock_));
    return Status::Ok();
  }));
  return new_revision;
}

}  // namespace domain
