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
};

}  // namespace api
