// A VFS over the system's default one that writes a transaction's WAL frames together instead
// of with two writes per frame. SQLite 3.40 writes each frame as its 24-byte header, then the page:
// a 100-record POST commits ~250 frames, ~500 pwrite calls inside the writer's critical section,
// and each frame spans two file-cache pages, so the kernel handled ~3 page writes per frame.
// Gathered, the writes of a 270-frame commit took 0.14 ms instead of 0.66 ms, and loading ran
// 7.8% faster (docs/benchmarks.md).
//
// What is gathered: writes that append to a WAL file (at the end of what this file object has
// written; the WAL header at offset 0 starts the file over). They go out together (in writes of
// up to 124 KB: the unix VFS's limit),
//  - right after the page of a commit frame (its header has a non-zero database size), so that
//    a committed transaction is in the file before SQLite publishes it in the wal-index, where
//    other connections (readers, the checkpointer) look for frames;
//  - before anything else is done with the file (a read, a write elsewhere such as a checksum
//    rewrite, sync, truncate, size, close), so the file reads as if nothing were gathered;
//  - when 4 MB are gathered (a large transaction's spilled pages).
// An error of the gathered write is the error of the call that sent it. Files other than WALs
// pass straight through. Durability is SQLite's: nothing is acknowledged before it is written.
#pragma once

#include "common/result.h"

namespace storage::sqlite {

// Registers the VFS as SQLite's default (idempotent, thread-safe); call before opening any
// connection.
common::Status RegisterWalWriteVfs();

}  // namespace storage::sqlite
