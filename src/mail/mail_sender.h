// The background sender: a thread that runs MailService::DeliverDue every `interval` (and
// at once after Wake), started with the server and stopped and joined before the database
// closes. Stop waits for the attempt in progress, bounded by the SMTP timeouts.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "domain/mail/mail_service.h"

namespace mail {

class MailSender {
 public:
  MailSender(domain::MailService& service, std::chrono::milliseconds interval)
      : service_(service), interval_(interval) {}
  ~MailSender() { Stop(); }
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  void Start();
  void Stop();
  void Wake();

 private:
  void Run();

  domain::MailService& service_;
  std::chrono::milliseconds interval_;
  std::thread thread_;
  std::mutex mutex_;  // guards stopping_ and woken_
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
};

}  // namespace mail
