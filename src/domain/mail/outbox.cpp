#include "domain/mail/outbox.h"

namespace domain {

std::string_view MailStatusName(MailStatus s) {
  switch (s) {
    case MailStatus::kQueued:
      return "queued";
    case MailStatus::kSent:
      return "sent";
    case MailStatus::kFailed:
      return "failed";
  }
  return "queued";
}

std::optional<MailStatus> ParseMailStatus(std::string_view name) {
  if (name == "queued") return MailStatus::kQueued;
  if (name == "sent") return MailStatus::kSent;
  if (name == "failed") return MailStatus::kFailed;
  return std::nullopt;
}

}  // namespace domain
