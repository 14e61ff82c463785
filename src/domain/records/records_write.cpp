// RecordService writes: add, update (by id or updateKey, upsert), delete. Each call is one
// transaction; a batch is validated whole before anything is stored and every violation of
// every record is reported in one CB_VA01.
#include <boost/json/serialize.hpp>
#include <set>

#include "domain/apps/app_service.h"
#include "domain/comments/comment_repository.h"
#include "domain/permissions/access.h"
#include "domain/permissions/public_access.h"
#include "domain/records/record_access.h"
#include "domain/records/record_context.h"
#include "domain/records/record_repository.h"
#include "domain/records/record_service.h"
#include "domain/sharing/receipt_service.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;
using common::Text;

namespace {

int64_t TruncateToMinute(int64_t seconds) { return seconds - ((seconds % 60) + 60) % 60; }

std::string Base(bool single, size_t i) {
  return single ? "record" : "records[" + std::to_string(i) + "]";
}

// Adds "duplicate" errors for unique values that collide with other records or with another
// record of the same batch, in record order. The stored records are asked once per unique
// field for the whole batch.
Status CheckUnique(Transaction& tx, const RecordSchema& schema,
                   const std::vector<const CoercedRecord*>& batch,
                   const std::vector<int64_t>& exclude_ids, const std::vector<std::string>& bases,
                   Error& errors) {
  struct Check {
    size_t record;
    const UniqueCheck* check;
    bool duplicate = false;
  };
  // Per unique field: the checks that go to the database (indexes into `checks`), and their
  // probes in the same order.
  struct FieldProbes {
    const FieldDef* field;
    std::vector<size_t> checks;
    std::vector<RecordRepository::UniqueProbe> probes;
  };
  std::vector<Check> checks;
  std::set<std::pair<int64_t, std::string>> seen;
  std::vector<FieldProbes> by_field;
  for (size_t i = 0; i < batch.size(); ++i) {
    for (const UniqueCheck& check : batch[i]->unique_checks) {
      std::string text = std::visit(
          [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>)
              return "s" + v;
            else if constexpr (std::is_same_v<T, int64_t>)
              return "i" + std::to_string(v);
            else if constexpr (std::is_same_v<T, double>)
              return "d" + std::to_string(v);
            else
              return "";
          },
          check.value);
      checks.push_back({i, &check});
      if (!seen.insert({check.field->id, std::move(text)}).second) {
        checks.back().duplicate = true;
        continue;
      }
      auto same = [&](const FieldProbes& f) { return f.field == check.field; };
      auto it = std::find_if(by_field.begin(), by_field.end(), same);
      if (it == by_field.end()) it = by_field.insert(it, FieldProbes{check.field, {}, {}});
      it->checks.push_back(checks.size() - 1);
      it->probes.push_back({&check.value, exclude_ids[i]});
    }
  }
  for (const FieldProbes& f : by_field) {
    TK_ASSIGN_OR_RETURN(std::vector<bool> found,
                        tx.records().FindDuplicates(schema, *f.field, f.probes));
    for (size_t k = 0; k < found.size(); ++k) {
      if (found[k]) checks[f.checks[k]].duplicate = true;
    }
  }
  for (const Check& c : checks) {
    if (c.duplicate) {
      errors.AddField(bases[c.record] + "." + c.check->field->code + ".value", Text::kNotUnique);
    }
  }
  return Status::Ok();
}

// A field as history keeps it: {"value": ...} without the "type" the read form repeats in every
// field (the form knows it; history_view.cpp reads only "value"): ~40% of an added record's
// history row. Subtable rows inside the value keep their read form.
void DropType(json::value& field) {
  if (json::object* o = field.if_object()) o->erase("type");
}

// The history diff of an update: before/after of each changed field.
json::object Diff(const json::object& before, const json::object& after,
                  const std::vector<const FieldDef*>& changed) {
  json::object diff;
  for (const FieldDef* f : changed) {
    const json::value* b = before.if_contains(f->code);
    const json::value* a = after.if_contains(f->code);
    json::value old_value = b ? *b : json::value();
    json::value new_value = a ? *a : json::value();
    DropType(old_value);
    DropType(new_value);
    diff[f->code] = json::object{{"before", std::move(old_value)}, {"after", std::move(new_value)}};
  }
  return diff;
}

// The code PRIMARY_ORGANIZATION() stands for: the caller's primary organisation, "" if none.
std::string PrimaryOrganization(const EntityDirectory& directory, const Principal& who) {
  if (!who.primary_organization_id) return "";
  auto o = directory.FindOrganizationById(*who.primary_organization_id);
  return o ? o->code : "";
}

// A FILE value needs the write transaction (its upload key becomes an attachment): coercion
// before the writer resolves none and notes that one was asked for, and the add is then
// coerced again inside the writer.
class DeferFiles final : public FileResolver {
 public:
  std::optional<StoredFile> Resolve(std::string_view) override {
    asked = true;
    return std::nullopt;
  }
  bool asked = false;
};

}  // namespace

// An add's records coerced and validated in a read transaction before the writer: the writer
// is one thread for every app, so the CPU spent there bounds how many records per second the
// server stores (docs/benchmarks.md, "Write path, fourth look"). The writer uses them only when
// nothing they depend on changed meanwhile (the same live form, the same receipt field);
// unique values are still checked inside the writer. Anything unusual (an error, a FILE value)
// leaves `ready` false and the writer does it all as before, with the same errors in the same
// order.
struct RecordService::PreparedAdd {
  bool ready = false;
  std::shared_ptr<const LiveForm> live;
  std::string filled_after_validation;
  int64_t now = 0;
  std::vector<CoercedRecord> coerced;
  // Each coerced record's columns, encoded here rather than by the writer (~9% of its section
  // per 100-record POST); empty when a receipt number is filled in during the write.
  std::vector<EncodedRecord> encoded;
  // The records as written, freed by Add after the write rather than inside it: freeing their
  // JSON was ~7% of the writer's time per 100-record POST, time every queued write waits for.
  std::vector<StoredRecord> written;
};

Result<std::vector<AddedRecord>> RecordService::Add(const Principal& who, int64_t app,
                                                    const std::vector<json::object>& records,
                                                    bool single) {
  std::vector<std::string> bases;
  for (size_t i = 0; i < records.size(); ++i) bases.push_back(Base(single, i));
  PreparedAdd prepared;
  // Any failure here is left for the writer to find and report.
  (void)db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(AppContext a, Open(tx, who, app));
    if (!CheckRight(a.access, AppRight::kAdd).ok() || a.access.restricts_fields()) {
      return Status::Ok();
    }
    for (size_t i = 0; i < records.size(); ++i) {
      if (!CheckPublicFormFields(who, records[i], bases[i]).ok()) return Status::Ok();
    }
    TK_ASSIGN_OR_RETURN(auto receipt, LoadReceiptFormat(tx, a.app.id, a.live->form));
    prepared.now = clock_.NowSeconds();
    auto [today, now_time] = LocalToday(who.time_zone, prepared.now);
    DeferFiles files;
    WriteContext context{directory_,
                         files,
                         a.live->precision,
                         today,
                         now_time,
                         prepared.now,
                         who.user_code,
                         PrimaryOrganization(directory_, who),
                         receipt ? receipt->field : ""};
    prepared.coerced.reserve(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      auto r = a.live->writer->Add(records[i], context, bases[i]);
      if (!r.ok() || files.asked) return Status::Ok();
      prepared.coerced.push_back(std::move(r).value());
    }
    if (!receipt) {
      prepared.encoded.reserve(records.size());
      for (const CoercedRecord& c : prepared.coerced) {
        prepared.encoded.push_back({a.schema.codec.RecordValues(c.record, directory_),
                                    a.schema.codec.RecordMultiValues(c.record, directory_)});
      }
    }
    prepared.live = a.live;
    prepared.filled_after_validation = context.filled_after_validation;
    prepared.ready = true;
    return Status::Ok();
  });
  std::vector<AddedRecord> out;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(AppContext a, Open(tx, who, app));
    TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kAdd));
    for (size_t i = 0; i < records.size(); ++i) {
      TK_RETURN_IF_ERROR(CheckPublicFormFields(who, records[i], bases[i]));
    }
    TK_ASSIGN_OR_RETURN(out, AddIn(tx, who, a, records, bases, &prepared));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<AddedRecord>> RecordService::AddIn(Transaction& tx, const Principal& who,
                                                      AppContext& a,
                                                      const std::vector<json::object>& records,
                                                      const std::vector<std::string>& bases,
                                                      PreparedAdd* prepared) {
  TK_ASSIGN_OR_RETURN(auto receipt, LoadReceiptFormat(tx, a.app.id, a.live->form));
  const std::string filled = receipt ? receipt->field : "";
  if (prepared &&
      (!prepared->ready || prepared->live != a.live ||
       prepared->filled_after_validation != filled || prepared->coerced.size() != records.size())) {
    prepared = nullptr;  // not prepared, or the form changed meanwhile: coerce here
  }
  int64_t now = prepared ? prepared->now : clock_.NowSeconds();
  auto [today, now_time] = LocalToday(who.time_zone, now);
  TransactionFileResolver files(tx, a.app.id, now);
  WriteContext context{directory_, files, a.live->precision, today,
                       now_time,   now,   who.user_code,     PrimaryOrganization(directory_, who),
                       filled};
  if (a.access.restricts_fields()) {
    // A new record's rules are matched against the record as sent, created by the caller.
    for (const json::object& record : records) {
      FieldRights rights = FieldRightsOn(who, a.access, a.live->form, directory_,
                                         RecordEntities{&record, who.user_id, who.user_id});
      TK_RETURN_IF_ERROR(CheckWritableFields(rights, record));
    }
  }
  Error errors = Error::Validation();
  std::vector<CoercedRecord> coerced;
  if (prepared) coerced = std::move(prepared->coerced);
  coerced.reserve(records.size());
  for (size_t i = 0; !prepared && i < records.size(); ++i) {
    files.BeginRecord(i);
    auto r = a.live->writer->Add(records[i], context, bases[i]);
    if (!r.ok()) {
      if (r.error().code() != ErrorCode::kInvalidInput) return std::move(r).error();
      errors.MergeFields(r.error());
      continue;
    }
    coerced.push_back(std::move(r).value());
  }
  if (errors.has_fields()) return errors;

  int64_t minute = TruncateToMinute(now);
  std::vector<StoredRecord> stored;
  stored.reserve(coerced.size());
  const bool encoded = prepared && prepared->encoded.size() == coerced.size();
  for (size_t i = 0; i < coerced.size(); ++i) {
    CoercedRecord& c = coerced[i];
    // Constructed from the coerced fields, not assigned them: an assignment would copy a record
    // held in another memory resource (the request's arena) value by value.
    StoredRecord& r = stored.emplace_back(StoredRecord{{}, std::move(c.record), std::nullopt});
    if (encoded) r.encoded = std::move(prepared->encoded[i]);
    r.revision = 1;
    r.creator = c.info.creator ? c.info.creator->id : who.user_id;
    r.modifier = c.info.modifier ? c.info.modifier->id : r.creator;
    r.created_at = c.info.created_at.value_or(minute);
    r.updated_at = c.info.updated_at.value_or(r.created_at);
    if (a.live->features.process_management && !a.live->statuses.empty()) {
      r.status = a.live->statuses.front();
      r.assignees = {r.creator};
    }
  }
  TK_ASSIGN_OR_RETURN(auto receipts, IssueReceiptNumbers(tx, a.schema, receipt, today, stored));
  // Unique values are checked by the unique indexes as the records are stored (one probe each,
  // which the insert makes anyway). Only when one refuses a value are the values looked up, to
  // name every colliding record; the failed statement stored nothing, and the write is rolled
  // back as a whole when this returns the errors.
  if (Status inserted = tx.records().InsertMany(a.schema, stored); !inserted.ok()) {
    if (inserted.error().code() != ErrorCode::kUniqueConstraint) return inserted.error();
    std::vector<const CoercedRecord*> batch;
    std::vector<int64_t> own_ids;  // records a statement before the failed one stored
    for (size_t i = 0; i < coerced.size(); ++i) {
      batch.push_back(&coerced[i]);
      own_ids.push_back(stored[i].id);
    }
    TK_RETURN_IF_ERROR(CheckUnique(tx, a.schema, batch, own_ids, bases, errors));
    if (!errors.has_fields()) return inserted.error();  // refused, yet no collision found
    return errors;
  }
  std::vector<AddedRecord> out;
  out.reserve(stored.size());
  std::vector<HistoryEntry> history;
  history.reserve(stored.size());
  for (size_t i = 0; i < stored.size(); ++i) {
    StoredRecord& r = stored[i];
    TK_RETURN_IF_ERROR(files.Attach(i, r.id));
    // An add's diff is empty: the record as added is the current one with the later updates
    // undone (RecordAsAdded). A copy of every record was half the database (784 of 1,515 MB
    // for 1M records) and ~4% of a load's time (docs/benchmarks.md).
    history.push_back({r.id, 1, who.user_id, now, "add", json::object{}});
    out.push_back({r.id, 1, receipts[i]});
  }
  TK_RETURN_IF_ERROR(tx.records().AppendHistoryMany(a.schema, history));
  if (prepared) prepared->written = std::move(stored);
  return out;
}

Result<std::vector<UpdatedRecord>> RecordService::Update(const Principal& who, int64_t app,
                                                         const std::vector<RecordUpdate>& updates,
                                                         bool upsert, bool single) {
  std::vector<UpdatedRecord> out;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(AppContext a, Open(tx, who, app));
    TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kEdit));
    if (upsert) TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kAdd));
    TK_ASSIGN_OR_RETURN(out, UpdateIn(tx, who, a, updates, upsert, single));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<UpdatedRecord>> RecordService::UpdateIn(Transaction& tx, const Principal& who,
                                                           AppContext& a,
                                                           const std::vector<RecordUpdate>& updates,
                                                           bool upsert, bool single) {
  int64_t now = clock_.NowSeconds();
  auto [today, now_time] = LocalToday(who.time_zone, now);
  TransactionFileResolver files(tx, a.app.id, now);
  WriteContext context{directory_, files, a.live->precision, today, now_time, now, who.user_code,
                       "",         ""};
  Error errors = Error::Validation();

  struct Pending {
    size_t index;
    StoredRecord stored;
    json::object before;
    CoercedRecord coerced;
  };
  std::vector<Pending> pending;
  std::vector<size_t> inserts;  // indexes of upserts that insert
  std::vector<json::object> insert_bodies;
  std::set<int64_t> touched;
  for (size_t i = 0; i < updates.size(); ++i) {
    const RecordUpdate& u = updates[i];
    std::string base = Base(single, i);
    std::optional<int64_t> id;
    const FieldDef* key_field = nullptr;
    if (u.id && u.update_key) {
      return Error::Invalid(single ? "id" : "records[" + std::to_string(i) + "].id",
                            Text::kBadValueShape);
    }
    if (u.update_key) {
      key_field = a.live->form.FindTopLevel(u.update_key->field);
      if (!key_field || !key_field->unique ||
          (key_field->type != common::FieldType::kSingleLineText &&
           key_field->type != common::FieldType::kNumber)) {
        return Error::Invalid(single ? "updateKey.field" : base + ".updateKey.field",
                              Text::kFieldCodeNotFound, {u.update_key->field});
      }
      TK_ASSIGN_OR_RETURN(id,
                          tx.records().FindIdByValue(a.schema, *key_field, u.update_key->value));
    } else if (u.id) {
      TK_ASSIGN_OR_RETURN(auto found, tx.records().Find(a.schema, *u.id));
      if (found) id = *u.id;
    } else {
      return Error::Invalid(single ? "id" : base + ".id", Text::kRequiredParam);
    }
    if (!id) {
      if (upsert) {
        json::object body = u.record;
        // An updateKey insert stores the key even when the record omits it (§5.6).
        if (u.update_key && !body.contains(u.update_key->field)) {
          body[u.update_key->field] = json::object{{"value", u.update_key->value}};
        }
        inserts.push_back(i);
        insert_bodies.push_back(std::move(body));
        continue;
      }
      if (u.update_key) {
        return Error(ErrorCode::kUpdateKeyNotFound,
                     {u.update_key->field, u.update_key->value.is_string()
                                               ? std::string(u.update_key->value.as_string())
                                               : json::serialize(u.update_key->value)});
      }
      return Error(ErrorCode::kRecordNotFound, {std::to_string(*u.id)});
    }
    if (!touched.insert(*id).second) {
      return Error::Invalid(single ? "id" : base + ".id", Text::kNotUnique);
    }
    TK_ASSIGN_OR_RETURN(auto current, tx.records().Find(a.schema, *id));
    if (!current) return Error(ErrorCode::kRecordNotFound, {std::to_string(*id)});
    if (u.revision && *u.revision != -1 && *u.revision != current->revision) {
      return Error(ErrorCode::kRecordRevisionConflict);
    }
    json::object sent = u.record;
    if (u.update_key) sent.erase(u.update_key->field);  // the key itself is not rewritten
    if (a.access.restricts_fields()) {
      // Rules are matched against the record as stored: a write cannot name its own writer
      // into an entity field and pass a rule that field decides in the same request.
      FieldRights rights =
          FieldRightsOn(who, a.access, a.live->form, directory_,
                        RecordEntities{&current->fields, current->creator, current->modifier});
      TK_RETURN_IF_ERROR(CheckWritableFields(rights, sent));
    }
    files.BeginRecord(i);
    auto c = a.live->writer->Update(current->fields, sent, context, base);
    if (!c.ok()) {
      if (c.error().code() != ErrorCode::kInvalidInput) return std::move(c).error();
      errors.MergeFields(c.error());
      continue;
    }
    pending.push_back({i, std::move(*current), {}, std::move(c).value()});
  }
  if (a.access.restricts_records() && !pending.empty()) {
    std::vector<int64_t> ids;
    for (const Pending& p : pending) ids.push_back(p.stored.id);
    DirectoryEntityResolver resolver(directory_);
    query::QueryContext qc = MakeQueryContext(who, now, resolver, options_);
    TK_RETURN_IF_ERROR(
        RequireRecordsAllow(tx, who, a.access, *a.live, a.schema, directory_, qc, ids, kAclEdit));
  }
  if (!errors.has_fields()) {
    std::vector<const CoercedRecord*> batch;
    std::vector<int64_t> excludes;
    std::vector<std::string> bases;
    for (const Pending& p : pending) {
      batch.push_back(&p.coerced);
      excludes.push_back(p.stored.id);
      bases.push_back(Base(single, p.index));
    }
    TK_RETURN_IF_ERROR(CheckUnique(tx, a.schema, batch, excludes, bases, errors));
  }
  if (errors.has_fields()) return errors;

  std::vector<UpdatedRecord> out(updates.size());
  for (Pending& p : pending) {
    StoredRecord& r = p.stored;
    json::object before = std::move(r.fields);
    r.fields = std::move(p.coerced.record);
    r.revision += 1;
    r.modifier = who.user_id;
    r.updated_at = TruncateToMinute(now);
    TK_RETURN_IF_ERROR(tx.records().Update(a.schema, r, p.coerced.changed));
    TK_RETURN_IF_ERROR(files.Attach(p.index, r.id));
    TK_RETURN_IF_ERROR(tx.records().AppendHistory(a.schema, r.id, r.revision, who.user_id, now,
                                                  "update",
                                                  Diff(before, r.fields, p.coerced.changed)));
    out[p.index] = {r.id, r.revision, false};
  }
  if (!inserts.empty()) {
    std::vector<std::string> bases;
    for (size_t i : inserts) bases.push_back(Base(single, i));
    TK_ASSIGN_OR_RETURN(auto added, AddIn(tx, who, a, insert_bodies, bases));
    for (size_t k = 0; k < inserts.size(); ++k) {
      out[inserts[k]] = {added[k].id, added[k].revision, true};
    }
  }
  return out;
}

Status RecordService::Delete(const Principal& who, int64_t app, const std::vector<int64_t>& ids,
                             const std::vector<std::optional<int64_t>>& revisions) {
  return db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(AppContext a, Open(tx, who, app));
    TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kDelete));
    int64_t now = clock_.NowSeconds();
    DirectoryEntityResolver resolver(directory_);
    query::QueryContext qc = MakeQueryContext(who, now, resolver, options_);
    TK_ASSIGN_OR_RETURN(auto deletable, RecordsAllowing(tx, who, a.access, *a.live, a.schema,
                                                        directory_, qc, ids, kAclDelete));
    for (size_t i = 0; i < ids.size(); ++i) {
      TK_ASSIGN_OR_RETURN(auto current, tx.records().Find(a.schema, ids[i]));
      if (!current) return Error(ErrorCode::kRecordNotFound, {std::to_string(ids[i])});
      if (!deletable.count(ids[i])) return Error(ErrorCode::kNoPrivilege);
      std::optional<int64_t> expected = i < revisions.size() ? revisions[i] : std::nullopt;
      if (expected && *expected != -1 && *expected != current->revision) {
        return Error(ErrorCode::kRecordRevisionConflict);
      }
      // The last history entry keeps the whole record, so a deletion can be undone.
      TK_RETURN_IF_ERROR(tx.records().AppendHistory(a.schema, ids[i], current->revision + 1,
                                                    who.user_id, now, "delete",
                                                    json::object{{"before", current->fields}}));
      TK_RETURN_IF_ERROR(tx.records().Delete(a.schema, ids[i]));
      // kintone deletes a record's comments with it (§5.7).
      TK_RETURN_IF_ERROR(tx.comments().DeleteForRecord(a.app.id, ids[i]));
    }
    return Status::Ok();
  });
}

Status RecordService::Atomically(const std::function<Status()>& work) {
  return db_.Write([&](Transaction&) { return work(); });
}

}  // namespace domain
