// The composition root: opens the data directory and database, migrates it, builds every
// service and the HTTP server, and owns them all. Nothing includes this but main and tests.
// Start/Stop are called from one thread.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "server/config.h"

namespace server {

class TsumikiServer {
 public:
  // Opens everything; prints first-start login instructions to stdout.
  static common::Result<std::unique_ptr<TsumikiServer>> Open(const Config& config);
  ~TsumikiServer();

  common::Status Start();
  // Blocks until SIGTERM/SIGINT, then drains in-flight requests and returns.
  void RunUntilSignal();
  void Stop();
  uint16_t port() const;

 private:
  struct Parts;
  explicit TsumikiServer(std::unique_ptr<Parts> parts);
  // Background threads, before the database they use closes.
  void StopBackground();
  std::unique_ptr<Parts> parts_;
};

}  // namespace server
