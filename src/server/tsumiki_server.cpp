#include "server/tsumiki_server.h"

#include <filesystem>
#include <iostream>

#include "api/admin/admin_endpoints.h"
#include "api/admin/mail_endpoints.h"
#include "api/audit_trail.h"
#include "api/dispatcher.h"
#include "api/routes.h"
#include "auth/argon2_password_hasher.h"
#include "auth/authenticator.h"
#include "auth/ldap_directory.h"
#include "common/log.h"
#include "common/periodic_thread.h"
#include "domain/apps/app_service.h"
#include "domain/apps/form_service.h"
#include "domain/comments/comment_service.h"
#include "domain/fields/field_type_registry.h"
#include "domain/files/file_service.h"
#include "domain/mail/mail_service.h"
#include "domain/permissions/acl_service.h"
#include "domain/records/access_check_service.h"
#include "domain/records/aggregate_service.h"
#include "domain/records/record_history_service.h"
#include "domain/records/record_service.h"
#include "domain/sharing/attempt_limiter.h"
#include "domain/sharing/attempt_sync.h"
#include "domain/sharing/public_dashboard_service.h"
#include "domain/sharing/public_form_service.h"
#include "domain/sharing/public_lookup_service.h"
#include "domain/sharing/public_page_service.h"
#include "domain/sharing/receipt_service.h"
#include "domain/users/directory_csv.h"
#include "domain/users/group_service.h"
#include "domain/users/organization_service.h"
#include "domain/users/user_service.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "mail/curl_mailer.h"
#include "mail/mail_sender.h"
#include "server/bootstrap.h"
#include "storage/blob/disk_blob_store.h"
#include "storage/blob/magic_file_type_detector.h"
#include "storage/entity_cache.h"
#include "storage/migrations.h"
#include "storage/repositories/sql_audit_log.h"
#include "storage/repositories/sql_two_factor_store.h"
#include "storage/secrets/aes_gcm_secret_box.h"
#include "storage/sql_transaction.h"
#include "storage/sqlite/fts_indexer.h"
#include "storage/sqlite/sqlite_database.h"

namespace server {

namespace fs = std::filesystem;

// Declared in dependency order: members are destroyed in reverse, so the HTTP server goes
// first and the database last.
struct TsumikiServer::Parts {
  Config config;
  common::SystemClock clock;
  domain::FieldTypeRegistry registry;
  std::unique_ptr<storage::sqlite::SqliteDatabase> database;
  // Background search indexing; stopped (joined) before the database closes.
  std::unique_ptr<storage::sqlite::FtsIndexer> fts_indexer;
  std::unique_ptr<storage::SqlTransactionRunner> transactions;
  std::unique_ptr<storage::SqlTwoFactorStore> two_factor;
  std::unique_ptr<storage::CachedEntityDirectory> directory;
  std::unique_ptr<storage::DiskBlobStore> blobs;
  std::unique_ptr<auth::LdapDirectory> ldap;
  std::unique_ptr<auth::Authenticator> authenticator;
  std::unique_ptr<domain::AppService> apps;
  std::unique_ptr<domain::FormService> forms;
  std::unique_ptr<domain::RecordService> records;
  std::unique_ptr<domain::FileService> files;
  std::unique_ptr<domain::AclService> acls;
  std::unique_ptr<domain::AccessCheckService> access_checks;
  std::unique_ptr<domain::CommentService> comments;
  std::unique_ptr<domain::RecordHistoryService> history;
  auth::Argon2PasswordHasher password_hasher;
  std::unique_ptr<domain::UserService> users;
  std::unique_ptr<domain::OrganizationService> organizations;
  std::unique_ptr<domain::GroupService> groups;
  std::unique_ptr<domain::DirectoryCsv> directory_csv;
  std::unique_ptr<storage::MagicFileTypeDetector> file_types;
  domain::AttemptLimiter public_limiter;
  std::unique_ptr<domain::AttemptSync> attempt_sync;
  // Shares the limiter's counters each second; stopped (one last run) before the database.
  std::unique_ptr<common::PeriodicThread> attempt_sync_thread;
  std::unique_ptr<domain::PublicPageService> public_pages;
  std::unique_ptr<domain::ReceiptService> receipts;
  std::unique_ptr<domain::PublicFormService> public_forms;
  std::unique_ptr<domain::PublicLookupService> public_lookups;
  std::unique_ptr<domain::AggregateService> aggregates;
  std::unique_ptr<domain::PublicDashboardService> public_dashboards;
  // Outgoing mail; the sender thread stops before the services and database it uses go.
  std::unique_ptr<mail::CurlMailer> mailer;
  std::unique_ptr<storage::AesGcmSecretBox> secrets;
  std::unique_ptr<domain::MailService> mail;
  std::unique_ptr<mail::MailSender> mail_sender;
  std::unique_ptr<storage::SqlAuditLog> audit_log;
  std::unique_ptr<api::AuditTrail> audit_trail;
  std::unique_ptr<api::Services> services;
  std::unique_ptr<api::Dispatcher> dispatcher;
  std::unique_ptr<http::StaticFiles> web;
  std::unique_ptr<http::Router> router;
  std::unique_ptr<http::Server> http;
};

TsumikiServer::TsumikiServer(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
TsumikiServer::~TsumikiServer() {
  if (parts_ && parts_->http) parts_->http->Stop();
  if (parts_ && parts_->mail_sender) parts_->mail_sender->Stop();
  if (parts_ && parts_->fts_indexer) parts_->fts_indexer->Stop();
}

common::Result<std::unique_ptr<TsumikiServer>> TsumikiServer::Open(const Config& config) {
  auto p = std::make_unique<Parts>();
  p->config = config;
  std::error_code ec;
  fs::create_directories(config.data_dir, ec);
  if (ec) return common::Error::Internal("cannot create data directory " + config.data_dir);
  fs::permissions(config.data_dir, fs::perms::owner_all, fs::perm_options::replace, ec);

  storage::sqlite::SqliteOptions db_options;
  db_options.path = (fs::path(config.data_dir) / "tsumiki.db").string();
  db_options.count_columns_bytes = static_cast<size_t>(config.count_memory_mb) << 20;
  db_options.count_columns_list = (fs::path(config.data_dir) / "count-columns.json").string();
  TK_ASSIGN_OR_RETURN(p->database, storage::sqlite::SqliteDatabase::Open(db_options));
  TK_RETURN_IF_ERROR(storage::Migrate(*p->database));
  storage::sqlite::FtsIndexerOptions fts_options;
  fts_options.idle_interval = std::chrono::milliseconds(config.search_index_interval_ms);
  p->fts_indexer = std::make_unique<storage::sqlite::FtsIndexer>(*p->database, fts_options);
  // Before anything reads the search file: a missing or outdated one is emptied and every record
  // queued again.
  TK_RETURN_IF_ERROR(p->fts_indexer->Prepare());
  p->transactions = std::make_unique<storage::SqlTransactionRunner>(*p->database, p->registry);
  p->directory = std::make_unique<storage::CachedEntityDirectory>(*p->database);
  p->blobs =
      std::make_unique<storage::DiskBlobStore>((fs::path(config.data_dir) / "files").string());

  p->audit_log = std::make_unique<storage::SqlAuditLog>(*p->database);
  auth::AuthOptions auth_options;
  auth_options.default_time_zone = config.default_time_zone;
  auth_options.password_policy = PasswordPolicyOf(config);
  auth_options.session_idle_seconds = config.session_idle_minutes * 60;
  auth_options.session_max_seconds = config.session_max_hours * 3600;
  auth_options.account_failures_before_lock = static_cast<int>(config.login_failures_before_lock);
  auth_options.admin_allow = auth::AddressList::Parse(config.admin_allow_from).value();
  p->two_factor = std::make_unique<storage::SqlTwoFactorStore>(*p->database);
  auth_options.two_factor = p->two_factor.get();
  TK_ASSIGN_OR_RETURN(auto ldap_options, LdapOptionsOf(config));
  if (ldap_options) {
    p->ldap = std::make_unique<auth::LdapDirectory>(*ldap_options);
    auth_options.directory = p->ldap.get();
    auth_options.directory_creates_users = config.ldap_create_users;
    auth_options.directory_sync = DirectorySyncRulesOf(config);
    auth_options.audit_log = p->audit_log.get();
    // Accounts the directory creates or renames must reach the cache record fields use.
    storage::CachedEntityDirectory* entities = p->directory.get();
    storage::SqlTransactionRunner* runner = p->transactions.get();
    auth_options.on_directory_change = [entities, runner] {
      entities->Invalidate();
      runner->InvalidateMemberships();
    };
    common::LogInfo("LDAP sign-in: " + config.ldap_url +
                    (config.ldap_bind_dn.empty()
                         ? " (search then bind under " + config.ldap_base_dn + ")"
                         : " (bind as " + config.ldap_bind_dn + ")"));
  }
  p->authenticator =
      std::make_unique<auth::Authenticator>(*p->transactions, p->clock, auth_options);
  const char* admin_user = std::getenv("TSUMIKI_ADMIN_USER");
  const char* admin_password = std::getenv("TSUMIKI_ADMIN_PASSWORD");
  TK_ASSIGN_OR_RETURN(auto boot,
                      Bootstrap(*p->transactions, *p->authenticator, admin_user ? admin_user : "",
                                admin_password ? admin_password : ""));
  p->directory->Invalidate();
  if (boot.first_start) {
    std::cout << "Tsumiki: first start, created administrator \"" << boot.admin_login << "\"";
    if (!boot.generated_password.empty()) {
      std::cout << " with password: " << boot.generated_password
                << "\n  (shown once; change it with: tsumiki admin user passwd " << boot.admin_login
                << " --data " << config.data_dir << ")";
    }
    std::cout << std::endl;
  }

  p->apps = std::make_unique<domain::AppService>(*p->transactions, p->registry, p->clock);
  p->forms = std::make_unique<domain::FormService>(*p->transactions, p->registry, p->clock);
  domain::RecordOptions record_options;
  record_options.max_limit = config.max_records_limit;
  record_options.max_offset = config.max_offset;
  p->records = std::make_unique<domain::RecordService>(*p->transactions, *p->forms, *p->directory,
                                                       p->clock, record_options);
  p->files = std::make_unique<domain::FileService>(*p->transactions, *p->blobs, p->clock,
                                                   static_cast<int64_t>(config.max_body_bytes),
                                                   *p->records);
  p->acls =
      std::make_unique<domain::AclService>(*p->transactions, p->registry, *p->directory, p->clock);
  p->access_checks = std::make_unique<domain::AccessCheckService>(*p->transactions, *p->forms,
                                                                  *p->directory, p->clock);
  p->comments = std::make_unique<domain::CommentService>(*p->transactions, *p->forms, *p->directory,
                                                         p->clock);
  p->history = std::make_unique<domain::RecordHistoryService>(*p->transactions, *p->forms,
                                                              *p->directory, p->clock);
  // Directory changes reload the cache that record fields resolve users and groups through.
  // Permissions are evaluated against memberships, so they follow the same changes.
  storage::CachedEntityDirectory* directory = p->directory.get();
  storage::SqlTransactionRunner* transactions = p->transactions.get();
  auto directory_changed = [directory, transactions] {
    directory->Invalidate();
    transactions->InvalidateMemberships();
  };
  p->users = std::make_unique<domain::UserService>(*p->transactions, p->password_hasher, p->clock,
                                                   directory_changed, PasswordPolicyOf(config));
  p->organizations =
      std::make_unique<domain::OrganizationService>(*p->transactions, directory_changed);
  p->groups = std::make_unique<domain::GroupService>(*p->transactions, directory_changed);
  p->directory_csv = std::make_unique<domain::DirectoryCsv>(
      *p->transactions, *p->users, *p->organizations, *p->groups, directory_changed);
  TK_ASSIGN_OR_RETURN(p->file_types, storage::MagicFileTypeDetector::Open());
  p->public_pages = std::make_unique<domain::PublicPageService>(*p->transactions, *p->forms,
                                                                p->clock, directory_changed);
  p->receipts = std::make_unique<domain::ReceiptService>(*p->transactions, *p->forms);
  p->public_forms = std::make_unique<domain::PublicFormService>(
      *p->transactions, *p->forms, *p->records, *p->files, *p->file_types, p->public_limiter,
      p->clock);
  p->public_lookups = std::make_unique<domain::PublicLookupService>(
      *p->transactions, *p->forms, *p->directory, p->public_limiter, p->clock);
  p->attempt_sync =
      std::make_unique<domain::AttemptSync>(p->public_limiter, *p->transactions, p->clock);
  // Blocks and strikes from before a restart hold from the first request on.
  TK_RETURN_IF_ERROR(p->attempt_sync->Run());
  p->mailer = std::make_unique<mail::CurlMailer>(config.mail_ca_file);
  domain::MailOptions mail_options;
  mail_options.retry_seconds = config.mail_retry_seconds;
  mail_options.max_retry_seconds = std::max<int64_t>(3600, config.mail_retry_seconds);
  if (!config.secret_key.empty()) {
    TK_ASSIGN_OR_RETURN(auto key, storage::AesGcmSecretBox::ParseKey(config.secret_key));
    p->secrets = std::make_unique<storage::AesGcmSecretBox>(storage::AesGcmSecretBox::FromKey(key));
  } else {
    std::string key_file = !config.secret_key_file.empty()
                               ? config.secret_key_file
                               : (fs::path(config.data_dir) / "secret.key").string();
    p->secrets = std::make_unique<storage::AesGcmSecretBox>(
        storage::AesGcmSecretBox::FromFile(std::move(key_file)));
  }
  p->mail = std::make_unique<domain::MailService>(*p->transactions, *p->mailer, p->clock,
                                                  mail_options, *p->secrets);
  TK_RETURN_IF_ERROR(p->mail->SealStoredPassword());
  p->mail_sender = std::make_unique<mail::MailSender>(*p->mail, std::chrono::seconds(1));
  p->aggregates = std::make_unique<domain::AggregateService>(*p->transactions, *p->forms,
                                                             *p->directory, p->clock);
  p->public_dashboards = std::make_unique<domain::PublicDashboardService>(
      *p->transactions, *p->forms, *p->aggregates, p->clock);
  domain::PublicDashboardService* dashboards = p->public_dashboards.get();
  p->public_pages->OnPageChanged(
      [dashboards](const std::string& token) { dashboards->Invalidate(token); });
  p->services = std::make_unique<api::Services>(
      api::Services{*p->authenticator, *p->apps, *p->forms, *p->records, *p->files, *p->users,
                    *p->organizations, *p->groups, *p->directory_csv, *p->acls, *p->access_checks,
                    *p->public_pages, *p->receipts, *p->public_forms, *p->public_lookups,
                    *p->comments, *p->history, *p->aggregates, *p->public_dashboards});

  api::DispatcherOptions dispatch_options;
  dispatch_options.default_lang = common::ParseLang(config.default_language, common::Lang::kJa);
  dispatch_options.trusted_proxies = auth::AddressList::Parse(config.trusted_proxies).value();
  p->dispatcher = std::make_unique<api::Dispatcher>(*p->authenticator, dispatch_options);
  api::AddRoutes(*p->dispatcher, *p->services);
  p->audit_trail = std::make_unique<api::AuditTrail>(*p->audit_log, p->clock);
  p->dispatcher->SetAuditTrail(p->audit_trail.get());
  api::AddAuditRoutes(*p->dispatcher, *p->audit_log);
  api::AddMailRoutes(*p->dispatcher, *p->mail);
  // The chain's head in the operator's log: a copy outside the database to compare against.
  domain::AuditFilter newest;
  newest.limit = 1;
  if (auto head = p->audit_log->Search(newest); head.ok() && !head->empty()) {
    common::LogInfo("audit log head: entry " + std::to_string(head->front().seq) + " " +
                    head->front().hash);
  }
  api::Dispatcher* dispatcher = p->dispatcher.get();
  p->router = std::make_unique<http::Router>(
      [dispatcher](const http::Request& r) { return dispatcher->NotFound(r); },
      [dispatcher](const http::Request& r) { return dispatcher->MethodNotAllowed(r); });
  p->dispatcher->Install(*p->router);
  p->router->Add("GET", "/healthz", [](const http::Request&) {
    http::Response r = http::Response::Text(200, "ok");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  if (!config.web_root.empty() && fs::exists(fs::path(config.web_root) / "index.html")) {
    p->web = std::make_unique<http::StaticFiles>(http::StaticFilesOptions{config.web_root});
    http::StaticFiles* web = p->web.get();
    p->router->SetFallback([web, dispatcher](const http::Request& r) {
      // An unknown API path gets the API's 404 (kintone's JSON, API headers), not a page.
      if (r.path.starts_with("/k/") || r.path.starts_with("/api/") || r.path.starts_with("/v1/")) {
        return dispatcher->NotFound(r);
      }
      // Residents' pages (/public/f/<token>, /public/l/<token>) are their own small entry
      // without the staff bundle, under a stricter policy: not even inline styles.
      if (r.path.starts_with("/public/") && r.path.find('.') == std::string::npos) {
        http::Request page = r;
        page.path = "/public.html";
        http::Response response = (*web)(page);
        response.SetHeader("Content-Security-Policy",
                           "default-src 'self'; script-src 'self'; style-src 'self'; "
                           "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                           "base-uri 'self'; form-action 'self'");
        response.SetHeader("X-Frame-Options", "DENY");
        response.SetHeader("Referrer-Policy", "no-referrer");
        return response;
      }
      http::Response response = (*web)(r);
      // The UI loads nothing from elsewhere and runs no inline script; the component
      // library injects <style> elements, hence 'unsafe-inline' for styles only.
      response.SetHeader("Content-Security-Policy",
                         "default-src 'self'; script-src 'self'; style-src 'self' "
                         "'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
                         "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
      response.SetHeader("X-Frame-Options", "DENY");
      response.SetHeader("Referrer-Policy", "same-origin");
      response.SetHeader("X-Content-Type-Options", "nosniff");
      return response;
    });
  } else {
    common::LogWarn("no web UI at " + config.web_root + " (build it with `make`); API only");
  }

  http::ServerOptions http_options = ToServerOptions(config);
  http::Router* router = p->router.get();
  p->http = std::make_unique<http::Server>(
      http_options, [router](const http::Request& r) { return router->Handle(r); },
      [dispatcher](const http::Request& r) { return dispatcher->TooLarge(r); });
  return std::unique_ptr<TsumikiServer>(new TsumikiServer(std::move(p)));
}

common::Status TsumikiServer::Start() {
  TK_RETURN_IF_ERROR(parts_->http->Start());
  parts_->mail_sender->Start();
  parts_->fts_indexer->Start();
  domain::AttemptSync* sync = parts_->attempt_sync.get();
  parts_->attempt_sync_thread =
      std::make_unique<common::PeriodicThread>(std::chrono::seconds(1), [sync] {
        common::Status s = sync->Run();
        if (!s.ok()) common::LogWarn("rate-limit counters not shared: " + s.error().ToString());
      });
  return common::Status::Ok();
}

void TsumikiServer::RunUntilSignal() {
  http::WaitForShutdownSignal(*parts_->http);
  parts_->http->Wait();  // in-flight requests finish before the database closes
  StopBackground();
}

void TsumikiServer::StopBackground() {
  parts_->mail_sender->Stop();
  parts_->fts_indexer->Stop();
  if (parts_->attempt_sync_thread) parts_->attempt_sync_thread->Stop();
}

void TsumikiServer::Stop() {
  parts_->http->Stop();
  parts_->http->Wait();
  StopBackground();
}

uint16_t TsumikiServer::port() const { return parts_->http->port(); }

}  // namespace server
