#include "store/process_identity.h"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <sstream>

namespace childtune::core::store::detail {

namespace {

std::string readFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses,
// so parsing starts after the last ')'.
int64_t startTicksOf(int64_t pid) {
  const std::string stat = readFirstLine("/proc/" + std::to_string(pid) + "/stat");
  const auto close = stat.rfind(')');
  if (close == std::string::npos) {
    return 0;
  }
  std::istringstream rest(stat.substr(close + 1));
  std::string field;
  // After ')' come field 3 (state) ... field 22 (starttime): 20 fields.
  for (int i = 3; i <= 22; ++i) {
    if (!(rest >> field)) {
      return 0;
    }
  }
  try {
    return std::stoll(field);
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

ProcessIdentity currentProcess() {
  ProcessIdentity id;
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) == 0) {
    id.host = host.data();
  }
  id.bootId = readFirstLine("/proc/sys/kernel/random/boot_id");
  id.pid = static_cast<int64_t>(getpid());
  id.startTicks = startTicksOf(id.pid);
  return id;
}

Liveness liveness(const ProcessIdentity& owner) {
  const ProcessIdentity self = currentProcess();
  if (owner.host != self.host) {
    return Liveness::Unknown;
  }
  if (!owner.bootId.empty() && !self.bootId.empty() && owner.bootId != self.bootId) {
    return Liveness::Gone;
  }
  if (owner.pid <= 0) {
    return Liveness::Gone;
  }
  if (owner.pid == self.pid) {
    return owner.startTicks == self.startTicks ? Liveness::Alive : Liveness::Gone;
  }
  if (kill(static_cast<pid_t>(owner.pid), 0) != 0 && errno == ESRCH) {
    return Liveness::Gone;
  }
  // The pid exists (or belongs to another user: EPERM); a different start time means reuse.
  const int64_t ticks = startTicksOf(owner.pid);
  if (owner.startTicks != 0 && ticks != 0 && ticks != owner.startTicks) {
    return Liveness::Gone;
  }
  // A zombie (killed but not yet reaped by its parent) no longer writes: treat as gone.
  const std::string stat = readFirstLine("/proc/" + std::to_string(owner.pid) + "/stat");
  const auto close = stat.rfind(')');
  if (close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z') {
    return Liveness::Gone;
  }
  return Liveness::Alive;
}

}  // namespace childtune::core::store::detail
