// tsumiki: `serve` runs the server; `admin` manages accounts; `version` prints the version.
#include <iostream>
#include <string>
#include <vector>

#include "common/log.h"
#include "server/admin_cli.h"
#include "server/config.h"
#include "server/tsumiki_server.h"

namespace {

constexpr const char* kUsage =
    "usage: tsumiki serve [--data DIR] [--listen HOST:PORT] [options]   (tsumiki serve --help)\n"
    "       tsumiki admin user add|passwd|list …\n"
    "       tsumiki version\n";

int Serve(const std::vector<std::string>& args) {
  auto config = server::ParseConfig(args);
  if (!config.ok()) {
    std::cerr << "tsumiki: " << config.error().detail() << "\n";
    return 2;
  }
  if (config->help) {
    std::cout << server::ConfigHelp();
    return 0;
  }
  common::SetLogLevel(server::ToLogLevel(config->log_level));
  auto tsumiki = server::TsumikiServer::Open(*config);
  if (!tsumiki.ok()) {
    std::cerr << "tsumiki: cannot start: " << tsumiki.error().ToString() << "\n";
    return 1;
  }
  if (auto s = (*tsumiki)->Start(); !s.ok()) {
    std::cerr << "tsumiki: cannot listen on " << config->listen << ": " << s.error().ToString()
              << "\n";
    return 1;
  }
  common::LogInfo("listening on " + config->listen + ", data in " + config->data_dir);
  (*tsumiki)->RunUntilSignal();
  common::LogInfo("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "serve") return Serve(args);
  if (command == "admin") return server::RunAdmin(args);
  if (command == "version" || command == "--version") {
    std::cout << "tsumiki 0.1.0\n";
    return 0;
  }
  std::cerr << kUsage;
  return 2;
}
