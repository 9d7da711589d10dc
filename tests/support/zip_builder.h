#pragma once
// Builds zip archives in memory for tests (the zip reader's and the GLUE downloader's): stored or
// deflated entries, optional ZIP64 records, and deliberate defects (wrong CRC, a smaller declared
// size, encryption flag, symlink, a hostile name). Header-only; deflate comes from zlib, which
// the core links.

#include <zlib.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace childtune::test {

struct ZipBuilderEntry {
  std::string name;
  std::string data;
  bool deflate = true;
  std::optional<uint32_t> crcOverride;           // written instead of the real CRC-32
  std::optional<uint32_t> declaredSizeOverride;  // written instead of the real size
  uint16_t flags = 0;                            // general purpose flags (bit 0: encrypted)
  bool symlink = false;                          // Unix symlink mode in the external attributes
};

class ZipBuilder {
 public:
  ZipBuilder& add(ZipBuilderEntry entry) {
    entries_.push_back(std::move(entry));
    return *this;
  }
  ZipBuilder& add(const std::string& name, const std::string& data, bool deflate = true) {
    ZipBuilderEntry entry;
    entry.name = name;
    entry.data = data;
    entry.deflate = deflate;
    return add(std::move(entry));
  }
  // Writes every size and offset through the ZIP64 extra field and end records.
  ZipBuilder& zip64(bool on = true) {
    zip64_ = on;
    return *this;
  }

  std::string build() const {
    std::string out;
    std::string central;
    for (const ZipBuilderEntry& e : entries_) {
      const std::string payload = e.deflate ? rawDeflate(e.data) : e.data;
      const auto crc = e.crcOverride.value_or(static_cast<uint32_t>(crc32(
          0, reinterpret_cast<const Bytef*>(e.data.data()), static_cast<uInt>(e.data.size()))));
      const uint64_t size = e.declaredSizeOverride.value_or(static_cast<uint32_t>(e.data.size()));
      const uint16_t method = e.deflate ? 8 : 0;
      const uint64_t offset = out.size();

      put32(out, 0x04034b50);
      put16(out, 20);
      put16(out, e.flags);
      put16(out, method);
      put16(out, 0);
      put16(out, 0x21);
      put32(out, crc);
      put32(out, static_cast<uint32_t>(payload.size()));
      put32(out, static_cast<uint32_t>(size));
      put16(out, static_cast<uint16_t>(e.name.size()));
      put16(out, 0);
      out += e.name;
      out += payload;

      std::string extra;
      if (zip64_) {
        put16(extra, 0x0001);
        put16(extra, 24);
        put64(extra, size);
        put64(extra, payload.size());
        put64(extra, offset);
      }
      put32(central, 0x02014b50);
      put16(central, static_cast<uint16_t>((3 << 8) | 20));  // made by Unix
      put16(central, 20);
      put16(central, e.flags);
      put16(central, method);
      put16(central, 0);
      put16(central, 0x21);
      put32(central, crc);
      put32(central, zip64_ ? 0xFFFFFFFF : static_cast<uint32_t>(payload.size()));
      put32(central, zip64_ ? 0xFFFFFFFF : static_cast<uint32_t>(size));
      put16(central, static_cast<uint16_t>(e.name.size()));
      put16(central, static_cast<uint16_t>(extra.size()));
      put16(central, 0);
      put16(central, 0);
      put16(central, 0);
      put32(central, (e.symlink ? 0120777u : 0100644u) << 16);
      put32(central, zip64_ ? 0xFFFFFFFF : static_cast<uint32_t>(offset));
      central += e.name;
      central += extra;
    }
    const uint64_t cdOffset = out.size();
    out += central;
    if (zip64_) {
      const uint64_t end64 = out.size();
      put32(out, 0x06064b50);
      put64(out, 44);
      put16(out, 45);
      put16(out, 45);
      put32(out, 0);
      put32(out, 0);
      put64(out, entries_.size());
      put64(out, entries_.size());
      put64(out, central.size());
      put64(out, cdOffset);
      put32(out, 0x07064b50);
      put32(out, 0);
      put64(out, end64);
      put32(out, 1);
    }
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, zip64_ ? 0xFFFF : static_cast<uint16_t>(entries_.size()));
    put16(out, zip64_ ? 0xFFFF : static_cast<uint16_t>(entries_.size()));
    put32(out, zip64_ ? 0xFFFFFFFF : static_cast<uint32_t>(central.size()));
    put32(out, zip64_ ? 0xFFFFFFFF : static_cast<uint32_t>(cdOffset));
    put16(out, 0);
    return out;
  }

 private:
  static void put16(std::string& s, uint16_t v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>(v >> 8);
  }
  static void put32(std::string& s, uint32_t v) {
    put16(s, static_cast<uint16_t>(v & 0xFFFF));
    put16(s, static_cast<uint16_t>(v >> 16));
  }
  static void put64(std::string& s, uint64_t v) {
    put32(s, static_cast<uint32_t>(v & 0xFFFFFFFF));
    put32(s, static_cast<uint32_t>(v >> 32));
  }
  static std::string rawDeflate(const std::string& data) {
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::runtime_error("deflateInit2 failed");
    }
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (status != Z_STREAM_END) {
      throw std::runtime_error("deflate failed");
    }
    return out;
  }

  std::vector<ZipBuilderEntry> entries_;
  bool zip64_ = false;
};

}  // namespace childtune::test
