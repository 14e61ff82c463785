// The domain services the API calls, built by the server's composition root.
#pragma once

namespace auth {
class Authenticator;
}
namespace domain {
class AppService;
class FormService;
class RecordService;
class FileService;
class UserService;
class OrganizationService;
class GroupService;
class DirectoryCsv;
class AclService;
class AccessCheckService;
class PublicPageService;
class ReceiptService;
class PublicFormService;
class PublicLookupService;
class CommentService;
class RecordHistoryService;
class AggregateService;
class PublicDashboardService;
}  // namespace domain

namespace api {

struct Services {
  auth::Authenticator& auth;
  domain::AppService& apps;
  domain::FormService& forms;
  domain::RecordService& records;
  domain::FileService& files;
  domain::UserService& users;
  domain::OrganizationService& organizations;
  domain::GroupService& groups;
  domain::DirectoryCsv& directory_csv;
  domain::AclService& acls;
  domain::AccessCheckService& access_checks;
  domain::PublicPageService& public_pages;
  domain::ReceiptService& receipts;
  domain::PublicFormService& public_forms;
  domain::PublicLookupService& public_lookups;
  domain::CommentService& comments;
  domain::RecordHistoryService& history;
  domain::AggregateService& aggregates;
  domain::PublicDashboardService& public_dashboards;
};

}  // namespace api
