// Numbered schema migrations per dialect; Migrate brings a database to the newest version
// in one transaction per step. Called once at start-up, before serving.
#pragma once

#include "storage/database.h"

namespace storage {

common::Status Migrate(Database& db);
// The newest schema version this binary knows.
int LatestSchemaVersion();

}  // namespace storage
