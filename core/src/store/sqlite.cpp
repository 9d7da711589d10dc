#include "store/sqlite.h"

#include <cerrno>

#include "childtune/error.h"

namespace childtune::core::store::detail {

namespace {

ErrorCode codeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
    case SQLITE_SCHEMA:
    case SQLITE_MISMATCH:
    case SQLITE_CONSTRAINT:
      return ErrorCode::Data;
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
    case SQLITE_ERROR:
    case SQLITE_INTERNAL:
      return ErrorCode::Internal;
    default:
      return ErrorCode::Io;
  }
}

std::string hintFor(int rc, int systemErrno) {
  // A write refused by the OS for lack of space usually surfaces as SQLITE_IOERR_WRITE (EFBIG
  // past a file size limit, ENOSPC once nothing was written) rather than SQLITE_FULL, and
  // SQLite does not always keep the errno, so every failed write gets the same advice.
  if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_TRUNCATE || rc == SQLITE_IOERR_FSYNC ||
      ((rc & 0xff) == SQLITE_IOERR &&
       (systemErrno == ENOSPC || systemErrno == EFBIG || systemErrno == EDQUOT))) {
    return "a write failed: the disk is full, a file size limit was reached, or the device "
           "has a problem; the store keeps its last committed state";
  }
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return "the disk is full or a file size limit was reached; free space and retry";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "another process holds the store's write lock for too long";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return "check that the folder exists and is writable, or pass --store PATH";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "the file was left untouched; move it aside or pass --store PATH";
    default:
      return {};
  }
}

}  // namespace

Database::Database(const std::filesystem::path& path, Mode mode) : path_(path) {
  const int flags = (mode == Mode::ReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                             : SQLITE_OPEN_READONLY) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = path.string() + ": cannot open the run store (" +
                          (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)) + ")";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorCode::Io, message, hintFor(rc, 0));
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() {
  cache_.clear();  // statements must be finalized before the connection closes
  sqlite3_close(db_);
}

void Database::fail(int rc, std::string_view what) const {
  const char* detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  const int systemErrno = db_ != nullptr ? sqlite3_system_errno(db_) : 0;
  std::string message =
      path_.string() + ": run store failed " + std::string(what) + " (" + detail + ")";
  throw Error(codeFor(rc), message, hintFor(rc, systemErrno));
}

void Database::exec(const std::string& sql) {
  char* errmsg = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &errmsg);
  sqlite3_free(errmsg);
  if (rc != SQLITE_OK) {
    fail(rc, "running '" + sql.substr(0, sql.find_first_of("(\n")) + "'");
  }
}

Statement& Database::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it = cache_.emplace(sql, std::make_unique<Statement>(*this, sql)).first;
  } else {
    it->second->reset();  // an exception may have left it mid-iteration
  }
  return *it->second;
}

int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

Statement::Statement(Database& db, const std::string& sql) : db_(db) {
  const int rc = sqlite3_prepare_v3(db.handle(), sql.c_str(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    db.fail(rc, "preparing a query");
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) {
    db_.fail(rc, "binding a value");
  }
  return *this;
}

Statement& Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) {
    db_.fail(rc, "binding a value");
  }
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) {
    db_.fail(rc, "binding a value");
  }
  return *this;
}

Statement& Statement::bindBlob(int index, const void* data, size_t size) {
  // A zero-length blob is still a blob, not NULL: sqlite3_bind_zeroblob keeps the type.
  const int rc = size == 0 ? sqlite3_bind_zeroblob(stmt_, index, 0)
                           : sqlite3_bind_blob64(stmt_, index, data, size, SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) {
    db_.fail(rc, "binding a value");
  }
  return *this;
}

Statement& Statement::bindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) {
    db_.fail(rc, "binding a value");
  }
  return *this;
}

Statement& Statement::bindOptional(int index, const std::optional<double>& value) {
  return value ? bind(index, *value) : bindNull(index);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  reset();
  db_.fail(rc, "executing a query");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::columnInt(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::columnDouble(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::columnText(int col) const {
  const auto* text = sqlite3_column_text(stmt_, col);
  const int size = sqlite3_column_bytes(stmt_, col);
  return text != nullptr
             ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size))
             : std::string();
}

std::vector<uint8_t> Statement::columnBlob(int col) const {
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, col));
  const int size = sqlite3_column_bytes(stmt_, col);
  return data != nullptr ? std::vector<uint8_t>(data, data + size) : std::vector<uint8_t>();
}

bool Statement::columnIsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

std::optional<double> Statement::columnOptionalDouble(int col) const {
  if (columnIsNull(col)) {
    return std::nullopt;
  }
  return columnDouble(col);
}

Transaction::Transaction(Database& db) : db_(db) {
  if (sqlite3_get_autocommit(db.handle()) != 0) {
    db.exec("BEGIN IMMEDIATE");
    owner_ = true;
  }
}

Transaction::~Transaction() {
  if (open_ && owner_) {
    // Rollback cannot meaningfully fail here; after an I/O error SQLite may already have
    // rolled back, which makes ROLLBACK report "no transaction is active".
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  if (owner_) {
    db_.exec("COMMIT");
  }
  open_ = false;
}

}  // namespace childtune::core::store::detail
