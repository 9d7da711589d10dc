#pragma once
// Thin RAII layer over the SQLite C API for the run store: a connection, prepared statements
// and transactions. Every SQLite failure becomes a childtune::Error naming the store file.
// A Database is used by one thread at a time (the store opens one connection per thread).

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace childtune::core::store::detail {

class Statement;

class Database {
 public:
  enum class Mode { ReadWrite, ReadOnly };
  // Opens (ReadWrite: creating when absent) without touching the file's contents.
  Database(const std::filesystem::path& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

  // Runs SQL without parameters (schema, pragmas). Throws Error.
  void exec(const std::string& sql);
  // A prepared statement, cached by its text: repeated calls reuse it (reset and unbound).
  Statement& prepare(const std::string& sql);
  int64_t lastInsertId() const;
  int changes() const;

  // Throws the Error for a failed call (`rc`) with the connection's message; `what` says what
  // the store was doing ("writing step metrics").
  [[noreturn]] void fail(int rc, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds by 1-based index; returns *this for chaining.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bindBlob(int index, const void* data, size_t size);
  Statement& bindNull(int index);
  Statement& bindOptional(int index, const std::optional<double>& value);

  // Advances; true while a row is available. Throws Error on failure (after resetting).
  bool step();
  // step() for statements that return no rows, then reset().
  void run();
  void reset();

  int64_t columnInt(int col) const;
  double columnDouble(int col) const;
  std::string columnText(int col) const;
  std::vector<uint8_t> columnBlob(int col) const;
  bool columnIsNull(int col) const;
  std::optional<double> columnOptionalDouble(int col) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless commit() succeeded, so an
// exception (disk full) leaves the database exactly as before the transaction. Inside another
// Transaction on the same connection it joins the outer one (begins and commits nothing), so
// store methods can be grouped into one batch by the caller.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool owner_ = false;  // began the SQLite transaction (not nested)
  bool open_ = true;
};

}  // namespace childtune::core::store::detail
