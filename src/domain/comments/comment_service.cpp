#include "domain/comments/comment_service.h"

#include "common/utf8.h"
#include "domain/comments/comment_paging.h"
#include "domain/comments/comment_repository.h"
#include "domain/fields/date_time.h"
#include "domain/records/viewable_record.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;
using common::Text;

namespace {

Status RequireCommentsEnabled(const LiveForm& live) {
  const json::value* enabled = live.settings.if_contains("enableComments");
  if (enabled && enabled->is_bool() && !enabled->as_bool()) {
    return Error(ErrorCode::kCommentsDisabled);
  }
  return Status::Ok();
}

std::optional<EntityKind> MentionKind(std::string_view type) {
  if (type == "USER") return EntityKind::kUser;
  if (type == "GROUP") return EntityKind::kGroup;
  if (type == "ORGANIZATION") return EntityKind::kOrganization;
  return std::nullopt;
}

ErrorCode NotFoundCode(EntityKind kind) {
  switch (kind) {
    case EntityKind::kUser:
      return ErrorCode::kUserNotFound;
    case EntityKind::kGroup:
      return ErrorCode::kGroupNotFound;
    case EntityKind::kOrganization:
      return ErrorCode::kOrganizationNotFound;
  }
  return ErrorCode::kUserNotFound;
}

// The request's comment, checked: text required and ≤ 65,535 characters, ≤ 10 mentions of
// a known user, group or organisation. Every shape problem is reported at once (CB_VA01);
// an unknown code answers kintone's "not found" for its kind.
Result<StoredComment> ParseComment(const json::value& comment, const EntityDirectory& directory) {
  if (!comment.is_object()) return Error::Invalid("comment", Text::kNotObject);
  const json::object& o = comment.as_object();
  Error errors = Error::Validation();
  StoredComment out;
  const json::value* text = o.if_contains("text");
  if (!text || text->is_null() || (text->is_string() && text->as_string().empty())) {
    errors.AddField("comment.text", Text::kRequiredParam);
  } else if (!text->is_string()) {
    errors.AddField("comment.text", Text::kNotString);
  } else if (common::Utf8Length(text->as_string()) >
             static_cast<size_t>(CommentService::kMaxTextLength)) {
    errors.AddField("comment.text", Text::kTooLongParam,
                    {std::to_string(CommentService::kMaxTextLength)});
  }
  std::vector<std::pair<EntityKind, std::string>> mentions;
  if (const json::value* m = o.if_contains("mentions"); m && !m->is_null()) {
    if (!m->is_array()) {
      errors.AddField("comment.mentions", Text::kNotArray);
    } else if (m->as_array().size() > CommentService::kMaxMentions) {
      errors.AddField("comment.mentions", Text::kTooManyItems,
                      {std::to_string(CommentService::kMaxMentions)});
    } else {
      const json::array& list = m->as_array();
      for (size_t i = 0; i < list.size(); ++i) {
        std::string base = "comment.mentions[" + std::to_string(i) + "]";
        const json::object* e = list[i].if_object();
        if (!e) {
          errors.AddField(base, Text::kNotObject);
          continue;
        }
        const json::value* code = e->if_contains("code");
        const json::value* type = e->if_contains("type");
        if (!code || !code->is_string() || code->as_string().empty()) {
          errors.AddField(base + ".code", Text::kRequiredParam);
        }
        std::optional<EntityKind> kind;
        if (!type || !type->is_string()) {
          errors.AddField(base + ".type", Text::kRequiredParam);
        } else if (!(kind = MentionKind(type->as_string()))) {
          errors.AddField(base + ".type", Text::kEnumValue);
        }
        if (kind && code && code->is_string() && !code->as_string().empty()) {
          mentions.emplace_back(*kind, std::string(code->as_string()));
          out.mentions.push_back({std::string(code->as_string()), std::string(type->as_string())});
        }
      }
    }
  }
  if (errors.has_fields()) return errors;
  for (const auto& [kind, code] : mentions) {
    if (!directory.Find(kind, code)) return Error(NotFoundCode(kind), {code});
  }
  // kintone stores the mentioned codes in front of the text and returns them so.
  for (const CommentMention& m : out.mentions) out.text += m.code + " ";
  out.text += std::string(text->as_string());
  return out;
}

}  // namespace

Result<json::object> CommentService::List(const Principal& who, int64_t app, int64_t record,
                                          const CommentListRequest& request) {
  json::object out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(ViewableRecord r,
                        OpenViewableRecord(tx, forms_, directory_, clock_, who, app, record));
    TK_RETURN_IF_ERROR(RequireCommentsEnabled(*r.live));
    TK_ASSIGN_OR_RETURN(int64_t total, tx.comments().Count(r.app.id, record));
    TK_ASSIGN_OR_RETURN(auto comments, tx.comments().List(r.app.id, record, request.ascending,
                                                          request.offset, request.limit));
    json::array list;
    for (const StoredComment& c : comments) {
      auto creator = directory_.FindUserById(c.creator);
      json::array mentions;
      for (const CommentMention& m : c.mentions) {
        mentions.push_back(json::object{{"code", m.code}, {"type", m.type}});
      }
      list.push_back(json::object{{"id", std::to_string(c.id)},
                                  {"text", c.text},
                                  {"createdAt", FormatDateTimeSeconds(c.created_at)},
                                  {"creator", json::object{{"code", creator ? creator->code : ""},
                                                           {"name", creator ? creator->name : ""}}},
                                  {"mentions", std::move(mentions)}});
    }
    CommentWindowFlags flags =
        CommentFlags(request.ascending, request.offset, request.limit, total);
    out =
        json::object{{"comments", std::move(list)}, {"older", flags.older}, {"newer", flags.newer}};
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> CommentService::Add(const Principal& who, int64_t app, int64_t record,
                                    const json::value& comment) {
  int64_t id = 0;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(ViewableRecord r,
                        OpenViewableRecord(tx, forms_, directory_, clock_, who, app, record));
    TK_RETURN_IF_ERROR(RequireCommentsEnabled(*r.live));
    TK_ASSIGN_OR_RETURN(StoredComment c, ParseComment(comment, directory_));
    c.app = r.app.id;
    c.record = record;
    c.creator = who.user_id;
    c.created_at = clock_.NowSeconds();
    TK_ASSIGN_OR_RETURN(id, tx.comments().Insert(c));
    return Status::Ok();
  }));
  return id;
}

Status CommentService::Remove(const Principal& who, int64_t app, int64_t record, int64_t comment) {
  return db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(ViewableRecord r,
                        OpenViewableRecord(tx, forms_, directory_, clock_, who, app, record));
    TK_RETURN_IF_ERROR(RequireCommentsEnabled(*r.live));
    TK_ASSIGN_OR_RETURN(auto found, tx.comments().Find(r.app.id, record, comment));
    if (!found) return Error(ErrorCode::kCommentNotFound);
    if (found->creator != who.user_id) return Error(ErrorCode::kNoPrivilege);
    return tx.comments().Delete(r.app.id, record, comment);
  });
}

}  // namespace domain
