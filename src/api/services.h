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
}  // namespace domain

namespace api {

struct Services {
  auth::Authenticator& auth;
  domain::AppService& apps;
  domain::FormService& forms;
  domain::RecordService& records;
  domain::FileService& files;
};

}  // namespace api
