#pragma once
// Who owns a `running` run: host name, boot id, pid and the process start time. A pid alone is
// not enough (pids are reused, and a reboot resets them); the start time (clock ticks since
// boot, /proc/<pid>/stat field 22) and the boot id tell a reused pid from the original owner.

#include <cstdint>
#include <string>

namespace childtune::core::store::detail {

struct ProcessIdentity {
  std::string host;
  std::string bootId;  // /proc/sys/kernel/random/boot_id, "" where unavailable
  int64_t pid = 0;
  int64_t startTicks = 0;  // 0 where unavailable
};

ProcessIdentity currentProcess();

enum class Liveness { Alive, Gone, Unknown };
// Gone when `owner` ran on this host and its process no longer exists (other boot, no such
// pid, or a pid now used by a process started at another time). Unknown for another host.
Liveness liveness(const ProcessIdentity& owner);

}  // namespace childtune::core::store::detail
