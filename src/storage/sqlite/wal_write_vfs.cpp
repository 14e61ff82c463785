#include "storage/sqlite/wal_write_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <vector>

namespace storage::sqlite {
namespace {

constexpr size_t kMaxGathered = size_t{4} << 20;
constexpr size_t kMaxWrite = 31 * 4096;  // under the unix VFS's 0x1ffff bytes per write
constexpr int kWalHeaderSize = 32;       // SQLite's WAL_HDRSIZE
constexpr int kFrameHeaderSize = 24;     // WAL_FRAME_HDRSIZE
constexpr size_t kDatabaseSizeAt = 4;    // frame header: page number, then the database size

sqlite3_vfs* base_vfs = nullptr;
sqlite3_vfs wal_vfs;

// A WAL file: this object, then the base VFS's file object in the same allocation.
struct WalFile {
  sqlite3_file file;  // pMethods = &kWalMethods
  sqlite3_file* real = nullptr;
  sqlite3_int64 end = -1;  // end of what this object wrote; -1: unknown (appends not gathered)
  std::vector<char> gathered;
  sqlite3_int64 gathered_at = 0;
  bool commit_page_next = false;  // a commit frame's header was gathered: its page comes next

  int Flush() {
    int rc = SQLITE_OK;
    // In pieces: the unix VFS writes at most 128 KB - 1 bytes per call (it masks the length).
    for (size_t done = 0; done < gathered.size() && rc == SQLITE_OK; done += kMaxWrite) {
      const size_t n = std::min(kMaxWrite, gathered.size() - done);
      rc = real->pMethods->xWrite(real, gathered.data() + done, static_cast<int>(n),
                                  gathered_at + static_cast<sqlite3_int64>(done));
    }
    gathered.clear();
    if (rc != SQLITE_OK) end = -1;
    return rc;
  }

  int Write(const void* data, int n, sqlite3_int64 offset) {
    if (offset == end && static_cast<size_t>(n) <= kMaxGathered) {
      if (gathered.size() + static_cast<size_t>(n) > kMaxGathered) {
        if (int rc = Flush(); rc != SQLITE_OK) return rc;
      }
      if (gathered.empty()) {
        gathered.reserve(kMaxGathered / 4);
        gathered_at = offset;
      }
      const char* bytes = static_cast<const char*>(data);
      gathered.insert(gathered.end(), bytes, bytes + n);
      end += n;
      if (commit_page_next) {
        commit_page_next = false;
        return Flush();
      }
      if (n == kFrameHeaderSize) {
        static constexpr char kZero[4] = {};
        commit_page_next = std::memcmp(bytes + kDatabaseSizeAt, kZero, 4) != 0;
      }
      return SQLITE_OK;
    }
    // Anywhere else (the WAL header, a frame rewritten in place, a checksum fixed up): what was
    // gathered first, then this one, in the order SQLite asked for them.
    commit_page_next = false;
    if (int rc = Flush(); rc != SQLITE_OK) return rc;
    int rc = real->pMethods->xWrite(real, data, n, offset);
    if (rc != SQLITE_OK) {
      end = -1;
    } else if (offset == 0 && n == kWalHeaderSize) {
      end = kWalHeaderSize;  // a new WAL: frames follow the header
    } else if (end >= 0 && offset + n > end) {
      end = offset + n;
    }
    return rc;
  }
};

WalFile* Wal(sqlite3_file* f) { return reinterpret_cast<WalFile*>(f); }
constexpr int kWalFileSize = static_cast<int>((sizeof(WalFile) + 7) & ~size_t{7});

int WalClose(sqlite3_file* f) {
  WalFile* w = Wal(f);
  int flushed = w->Flush();
  int rc = w->real->pMethods->xClose(w->real);
  w->~WalFile();
  return flushed != SQLITE_OK ? flushed : rc;
}
int WalRead(sqlite3_file* f, void* out, int n, sqlite3_int64 offset) {
  WalFile* w = Wal(f);
  if (int rc = w->Flush(); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xRead(w->real, out, n, offset);
}
int WalWrite(sqlite3_file* f, const void* data, int n, sqlite3_int64 offset) {
  return Wal(f)->Write(data, n, offset);
}
int WalTruncate(sqlite3_file* f, sqlite3_int64 size) {
  WalFile* w = Wal(f);
  if (int rc = w->Flush(); rc != SQLITE_OK) return rc;
  int rc = w->real->pMethods->xTruncate(w->real, size);
  if (rc != SQLITE_OK || w->end > size) w->end = rc == SQLITE_OK ? size : -1;
  return rc;
}
int WalSync(sqlite3_file* f, int flags) {
  WalFile* w = Wal(f);
  if (int rc = w->Flush(); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xSync(w->real, flags);
}
int WalFileSize(sqlite3_file* f, sqlite3_int64* size) {
  WalFile* w = Wal(f);
  if (int rc = w->Flush(); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xFileSize(w->real, size);
}
int WalLock(sqlite3_file* f, int level) {
  return Wal(f)->real->pMethods->xLock(Wal(f)->real, level);
}
int WalUnlock(sqlite3_file* f, int level) {
  return Wal(f)->real->pMethods->xUnlock(Wal(f)->real, level);
}
int WalCheckReservedLock(sqlite3_file* f, int* out) {
  return Wal(f)->real->pMethods->xCheckReservedLock(Wal(f)->real, out);
}
int WalFileControl(sqlite3_file* f, int op, void* arg) {
  return Wal(f)->real->pMethods->xFileControl(Wal(f)->real, op, arg);
}
int WalSectorSize(sqlite3_file* f) { return Wal(f)->real->pMethods->xSectorSize(Wal(f)->real); }
int WalDeviceCharacteristics(sqlite3_file* f) {
  return Wal(f)->real->pMethods->xDeviceCharacteristics(Wal(f)->real);
}

// Version 1: a WAL file has no shared memory or memory map of its own.
const sqlite3_io_methods kWalMethods = {
    1,
    WalClose,
    WalRead,
    WalWrite,
    WalTruncate,
    WalSync,
    WalFileSize,
    WalLock,
    WalUnlock,
    WalCheckReservedLock,
    WalFileControl,
    WalSectorSize,
    WalDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  if ((flags & SQLITE_OPEN_WAL) == 0) return base_vfs->xOpen(base_vfs, name, f, flags, out_flags);
  WalFile* w = new (f) WalFile();
  w->file.pMethods = nullptr;
  w->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + kWalFileSize);
  w->real->pMethods = nullptr;
  int rc = base_vfs->xOpen(base_vfs, name, w->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    // SQLite closes only files whose pMethods is set; ours stays null, so close the base's here.
    if (w->real->pMethods != nullptr) w->real->pMethods->xClose(w->real);
    w->~WalFile();
    f->pMethods = nullptr;
    return rc;
  }
  w->file.pMethods = &kWalMethods;
  return SQLITE_OK;
}

// Everything but opening is the base VFS's, called with the base VFS (its methods read their
// own settings from it).
int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return base_vfs->xDelete(base_vfs, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return base_vfs->xAccess(base_vfs, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return base_vfs->xFullPathname(base_vfs, name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return base_vfs->xDlOpen(base_vfs, name); }
void DlError(sqlite3_vfs*, int n, char* out) { base_vfs->xDlError(base_vfs, n, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return base_vfs->xDlSym(base_vfs, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) { base_vfs->xDlClose(base_vfs, handle); }
int Randomness(sqlite3_vfs*, int n, char* out) { return base_vfs->xRandomness(base_vfs, n, out); }
int Sleep(sqlite3_vfs*, int microseconds) { return base_vfs->xSleep(base_vfs, microseconds); }
int CurrentTime(sqlite3_vfs*, double* out) { return base_vfs->xCurrentTime(base_vfs, out); }
int GetLastError(sqlite3_vfs*, int n, char* out) {
  return base_vfs->xGetLastError(base_vfs, n, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return base_vfs->xCurrentTimeInt64(base_vfs, out);
}
int SetSystemCall(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call) {
  return base_vfs->xSetSystemCall(base_vfs, name, call);
}
sqlite3_syscall_ptr GetSystemCall(sqlite3_vfs*, const char* name) {
  return base_vfs->xGetSystemCall(base_vfs, name);
}
const char* NextSystemCall(sqlite3_vfs*, const char* name) {
  return base_vfs->xNextSystemCall(base_vfs, name);
}

}  // namespace

common::Status RegisterWalWriteVfs() {
  static const int rc = [] {
    base_vfs = sqlite3_vfs_find(nullptr);
    if (base_vfs == nullptr || base_vfs->iVersion < 3) return SQLITE_ERROR;
    wal_vfs = sqlite3_vfs{};
    wal_vfs.iVersion = 3;
    wal_vfs.szOsFile = kWalFileSize + base_vfs->szOsFile;
    wal_vfs.mxPathname = base_vfs->mxPathname;
    wal_vfs.zName = "tsumiki-wal";
    wal_vfs.xOpen = Open;
    wal_vfs.xDelete = Delete;
    wal_vfs.xAccess = Access;
    wal_vfs.xFullPathname = FullPathname;
    wal_vfs.xDlOpen = DlOpen;
    wal_vfs.xDlError = DlError;
    wal_vfs.xDlSym = DlSym;
    wal_vfs.xDlClose = DlClose;
    wal_vfs.xRandomness = Randomness;
    wal_vfs.xSleep = Sleep;
    wal_vfs.xCurrentTime = CurrentTime;
    wal_vfs.xGetLastError = GetLastError;
    wal_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
    wal_vfs.xSetSystemCall = SetSystemCall;
    wal_vfs.xGetSystemCall = GetSystemCall;
    wal_vfs.xNextSystemCall = NextSystemCall;
    return sqlite3_vfs_register(&wal_vfs, 1);
  }();
  if (rc != SQLITE_OK) {
    return common::Error::Internal(std::string("cannot register the WAL VFS: ") +
                                   sqlite3_errstr(rc));
  }
  return common::Status::Ok();
}

}  // namespace storage::sqlite
