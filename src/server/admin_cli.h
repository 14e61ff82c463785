// `tsumiki admin …`: account administration from the shell, against a data directory
// (works while the server runs: SQLite allows a second writer process, one at a time).
#pragma once

#include <string>
#include <vector>

namespace server {

// Runs `tsumiki admin <args>`; returns the process exit code.
int RunAdmin(const std::vector<std::string>& args);

}  // namespace server
