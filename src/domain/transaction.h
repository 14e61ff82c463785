// Port: a unit of work. Services run all their reads and writes for one request through
// one Transaction, so a write is all or nothing. Storage implements both interfaces;
// TransactionRunner is thread-safe, a Transaction belongs to one thread.
#pragma once

#include <functional>

#include "common/result.h"

namespace domain {

class AppRepository;
class UserRepository;
class DirectoryRepository;
class SessionRepository;
class LoginThrottleRepository;
class ApiTokenRepository;
class RecordRepository;
class FileRepository;
class CursorRepository;
class SharingRepository;
class AclRepository;
class MailRepository;
class CommentRepository;

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual AppRepository& apps() = 0;
  virtual UserRepository& users() = 0;
  virtual DirectoryRepository& directory() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual LoginThrottleRepository& login_throttle() = 0;
  virtual ApiTokenRepository& api_tokens() = 0;
  virtual FileRepository& files() = 0;
  virtual RecordRepository& records() = 0;
  virtual CursorRepository& cursors() = 0;
  virtual SharingRepository& sharing() = 0;
  virtual AclRepository& acls() = 0;
  virtual MailRepository& mail() = 0;
  virtual CommentRepository& comments() = 0;
};

class TransactionRunner {
 public:
  virtual ~TransactionRunner() = default;
  // Commits when `work` succeeds; rolls everything back when it fails.
  virtual common::Status Write(const std::function<common::Status(Transaction&)>& work) = 0;
  // A consistent read-only snapshot.
  virtual common::Status Read(const std::function<common::Status(Transaction&)>& work) = 0;
};

}  // namespace domain
