#include "mail/curl_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

namespace mail {

namespace {

struct Upload {
  std::string_view data;
  size_t sent = 0;
};

size_t ReadBody(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t n = std::min(size * count, up->data.size() - up->sent);
  std::memcpy(buffer, up->data.data() + up->sent, n);
  up->sent += n;
  return n;
}

// The server's reply line, collected from libcurl's debug stream: the last "<code> text" the
// server sent, which says more to an operator than libcurl's generic message.
int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.size() >= 3 && (line[0] == '4' || line[0] == '5')) {
    *static_cast<std::string*>(user) = line.substr(0, 300);
  }
  return 0;
}

std::string Url(const domain::SmtpSettings& s) {
  std::string host = s.host.find(':') != std::string::npos ? "[" + s.host + "]" : s.host;
  std::string scheme = s.security == domain::SmtpSecurity::kTls ? "smtps://" : "smtp://";
  return scheme + host + ":" + std::to_string(s.port);
}

}  // namespace

CurlMailer::CurlMailer(std::string ca_file) : ca_file_(std::move(ca_file)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}
CurlMailer::~CurlMailer() { curl_global_cleanup(); }

domain::SendResult CurlMailer::Send(const domain::SmtpSettings& s, std::string_view recipient,
                                    std::string_view mime) {
  domain::SendResult result;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    result.error = "libcurl could not start";
    return result;
  }
  CURL* h = curl.get();
  std::string url = Url(s);
  std::string from = "<" + s.from_address + ">";
  std::string to = "<" + std::string(recipient) + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, to.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt, curl_slist_free_all);
  Upload upload{mime, 0};
  char error[CURL_ERROR_SIZE] = {0};
  std::string reply;

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadBody);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for timeouts
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(s.timeout_seconds));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(s.timeout_seconds * 2));
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, OnDebug);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, &reply);
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);  // feeds OnDebug; nothing is printed
  if (s.security == domain::SmtpSecurity::kStartTls) {
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  if (!s.verify_tls) {
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!ca_file_.empty()) {
    curl_easy_setopt(h, CURLOPT_CAINFO, ca_file_.c_str());
  }
  if (!s.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, s.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, s.password.c_str());
  }

  CURLcode rc = curl_easy_perform(h);
  if (rc == CURLE_OK) {
    result.ok = true;
    return result;
  }
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  // 5xx is the server's final word on this message (unknown user, refused); 4xx, timeouts
  // and connection errors may pass. So may TLS failures: a certificate may be renewed, and
  // the message's maximum of attempts bounds the retries.
  result.transient = !(code >= 500 && code < 600) && rc != CURLE_LOGIN_DENIED;
  std::string what = error[0] ? error : curl_easy_strerror(rc);
  result.error = reply.empty() ? what : reply;
  // TLS problems in words an administrator can act on; libcurl's own text follows.
  switch (rc) {
    case CURLE_USE_SSL_FAILED:
      result.error = "the SMTP server does not offer STARTTLS (required by the settings): " +
                     std::string("nothing was sent (") + result.error + ")";
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
      result.error = "TLS: the SMTP server's certificate is not trusted (" + what +
                     "); it must be signed by a CA in " +
                     (ca_file_.empty() ? "the system's CA store" : "--mail-ca-file " + ca_file_) +
                     " and issued for '" + s.host + "'";
      break;
    case CURLE_SSL_CACERT_BADFILE:
      result.error =
          "TLS: cannot read the CA certificates in --mail-ca-file " + ca_file_ + " (" + what + ")";
      break;
    case CURLE_SSL_CONNECT_ERROR:
      result.error = "TLS: the handshake with the SMTP server failed (" + what + ")";
      break;
    default:
      break;
  }
  return result;
}

}  // namespace mail
