#include "storage/blob/disk_blob_store.h"

#include <fcntl.h>
#include <openssl/sha.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/random.h"

namespace storage {

namespace fs = std::filesystem;

namespace {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace

std::string DiskBlobStore::PathOf(std::string_view sha) const {
  if (sha.size() < 4) return root_ + "/invalid";
  return root_ + "/" + std::string(sha.substr(0, 2)) + "/" + std::string(sha.substr(2, 2)) + "/" +
         std::string(sha);
}

common::Result<std::string> DiskBlobStore::Put(std::string_view data) {
  std::string sha = Sha256Hex(data);
  std::string path = PathOf(sha);
  std::error_code ec;
  if (fs::exists(path, ec)) return sha;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return common::Error::Internal("cannot create blob directory: " + ec.message());
  std::string tmp = path + ".tmp-" + common::RandomId(8);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return common::Error::Internal("cannot write blob: " + std::string(strerror(errno)));
  size_t written = 0;
  while (written < data.size()) {
    ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      ::unlink(tmp.c_str());
      return common::Error::Internal("cannot write blob: " + std::string(strerror(errno)));
    }
    written += static_cast<size_t>(n);
  }
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return common::Error::Internal("cannot store blob: " + std::string(strerror(errno)));
  }
  return sha;
}

}  // namespace storage
