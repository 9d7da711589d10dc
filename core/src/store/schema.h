#pragma once
// The run store's schema and its migrations (PRAGMA user_version). Version 1 was the first
// layout; version 2 added seed-group keys on runs and the weight-map tiles.

#include <filesystem>

#include "store/sqlite.h"

namespace childtune::core::store::detail {

// 'CTrs' in PRAGMA application_id marks a ChildTune run store.
inline constexpr int kApplicationId = 0x43547273;

// The version-1 layout, kept verbatim so the migration path (and its test) starts from what
// version 1 really wrote.
extern const char* const kSchemaV1;

// Refuses, without writing anything, a file that is not SQLite (by its 16-byte header).
// Throws Error{Data}. Missing and empty files pass.
void checkSqliteHeader(const std::filesystem::path& path);

// Validates the application id and version of an open database, then (ReadWrite) creates or
// upgrades the schema in one transaction. Throws Error{Data} for another application's
// database or a newer version; nothing is written in that case.
void prepareSchema(Database& db, int targetVersion, bool readWrite);

}  // namespace childtune::core::store::detail
