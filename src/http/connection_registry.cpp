#include "http/connection.h"

#include <vector>

namespace http {

void ConnectionRegistry::Add(Connection* connection) {
  std::lock_guard lock(mutex_);
  connections_.insert(connection);
}

void ConnectionRegistry::Remove(Connection* connection) {
  std::lock_guard lock(mutex_);
  connections_.erase(connection);
}

size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

void ConnectionRegistry::ForEach(const std::function<void(Connection&)>& fn) const {
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(mutex_);
    live.reserve(connections_.size());
    for (Connection* connection : connections_) {
      // Empty while the connection is being built or destroyed.
      if (auto shared = connection->weak_from_this().lock()) live.push_back(std::move(shared));
    }
  }
  for (const auto& connection : live) fn(*connection);
}

}  // namespace http
