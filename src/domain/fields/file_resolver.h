// Port: turns the fileKey of a FILE value into the stored file a record keeps. Implemented
// by the records service on top of the file store, bound to one write transaction (it may
// record the attachment); not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace domain {

// A file as a FILE value holds it: {"contentType","fileKey","name","size"} on read.
struct StoredFile {
  std::string file_key;  // download key
  std::string name;
  std::string content_type;
  int64_t size = 0;
};

class FileResolver {
 public:
  virtual ~FileResolver() = default;
  // Called for every fileKey that is not already in the field's current value: an upload
  // key from POST file.json yields the attached file with a new download key; a download
  // key the caller may reuse yields that file. nullopt when the key is unknown.
  virtual std::optional<StoredFile> Resolve(std::string_view file_key) = 0;
};

}  // namespace domain
