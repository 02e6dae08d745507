// The parent's half of the power-loss simulation: reads the undo log the shim (power_loss_shim.c) wrote in
// the killed writer and undoes, newest first, every change that no later fsync/fdatasync made durable.
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "crash_loop.hpp"
#include "rob_util.hpp"

namespace rob {

namespace {

struct UndoRecord {
    char type = 0;
    std::string path, path2;
    std::uint64_t a = 0, b = 0, c = 0;
    std::string data;
};

std::vector<UndoRecord> readLog(const fs::path& log) {
    std::vector<UndoRecord> out;
    std::error_code ec;
    if (!fs::exists(log, ec)) return out;
    const std::string bytes = tltest::readFile(log);
    std::size_t at = 0;
    const auto take = [&](void* dst, std::size_t n) {
        std::memcpy(dst, bytes.data() + at, n);
        at += n;
    };
    while (at + 8 <= bytes.size()) {
        std::uint64_t total = 0;
        take(&total, 8);
        if (at + total > bytes.size()) break; // cut short by the kill: its change was never made
        UndoRecord r;
        take(&r.type, 1);
        std::uint32_t l = 0;
        take(&l, 4);
        r.path.assign(bytes.data() + at, l);
        at += l;
        take(&l, 4);
        r.path2.assign(bytes.data() + at, l);
        at += l;
        take(&r.a, 8);
        take(&r.b, 8);
        take(&r.c, 8);
        std::uint64_t n = 0;
        take(&n, 8);
        r.data.assign(bytes.data() + at, n);
        at += n;
        out.push_back(std::move(r));
    }
    return out;
}

std::string parentOf(const std::string& p) {
    return fs::path(p).parent_path().string();
}

void writeAt(const std::string& path, std::uint64_t off, const std::string& data, bool create) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | (create ? O_CREAT | O_TRUNC : 0), 0600);
    if (fd < 0) return; // the file is gone (its creation was undone as well)
    if (!data.empty()) (void)::pwrite(fd, data.data(), data.size(), static_cast<off_t>(off));
    ::close(fd);
}

} // namespace

int rollBackUnsynced(const fs::path& log) {
    const auto records = readLog(log);
    // Durable: a data change followed by a sync of its file; a name change followed by a sync of its folder.
    std::vector<bool> durable(records.size(), false);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const UndoRecord& r = records[i];
        for (std::size_t j = i + 1; j < records.size() && !durable[i]; ++j) {
            const UndoRecord& s = records[j];
            if ((r.type == 'W' || r.type == 'T') && s.type == 'S' && s.path == r.path) durable[i] = true;
            if ((r.type == 'N' || r.type == 'U') && s.type == 'D' && s.path == parentOf(r.path))
                durable[i] = true;
            if (r.type == 'R' && s.type == 'D' && s.path == parentOf(r.path2)) durable[i] = true;
        }
    }
    int undone = 0;
    std::error_code ec;
    for (std::size_t k = records.size(); k-- > 0;) {
        const UndoRecord& r = records[k];
        if (durable[k] || r.type == 'S' || r.type == 'D') continue;
        ++undone;
        switch (r.type) {
        case 'W': // offset a, length b, old size c, old bytes
            writeAt(r.path, r.a, r.data, false);
            if (fs::exists(r.path, ec) && fs::file_size(r.path, ec) > r.c) fs::resize_file(r.path, r.c, ec);
            break;
        case 'T': // new length a, old size b, the bytes cut off
            if (fs::exists(r.path, ec)) {
                fs::resize_file(r.path, r.b, ec);
                writeAt(r.path, r.a, r.data, false);
            }
            break;
        case 'N':
            fs::remove(r.path, ec);
            break;
        case 'R': // path -> path2; a: path2 existed (its bytes in data)
            fs::rename(r.path2, r.path, ec);
            if (r.a) writeAt(r.path2, 0, r.data, true);
            break;
        case 'U':
            writeAt(r.path, 0, r.data, true);
            break;
        default:
            break;
        }
    }
    fs::remove(log, ec);
    return undone;
}

} // namespace rob
