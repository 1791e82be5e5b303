#include "ntdll/handle_inheritance.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "base/debug.h"
#include "ntdll/file.h"
#include "ntdll/process_object.h"
#include "ntdll/sync.h"

SILL_DEFAULT_DEBUG_CHANNEL(process);

namespace sill::nt {

namespace {

char kind_letter(ObjectType t) {
  switch (t) {
    case ObjectType::File:
      return 'f';
    case ObjectType::Event:
      return 'e';
    case ObjectType::Mutex:
      return 'm';
    case ObjectType::Semaphore:
      return 's';
    default:
      return 0;
  }
}

shared::Kind shared_kind(char letter) {
  return letter == 'e' ? shared::Kind::Event : letter == 'm' ? shared::Kind::Mutex : shared::Kind::Semaphore;
}

}  // namespace

InheritancePlan::~InheritancePlan() {
  for (int fd : fds) close(fd);
}

void plan_inheritance(InheritancePlan& plan, const std::vector<win::HANDLE>* only) {
  for (HandleTable::Inheritable& h : handle_table().inheritable()) {
    if (only && std::find(only->begin(), only->end(), h.value) == only->end()) continue;
    char kind = kind_letter(h.object->type());
    std::string what;
    if (kind == 'f') {
      int fd = fcntl(static_cast<File&>(*h.object).fd(), F_DUPFD_CLOEXEC, 3);
      if (fd < 0) continue;
      plan.fds.push_back(fd);
      what = std::to_string(fd);
    } else if (kind != 0 && static_cast<Waitable&>(*h.object).shared_) {
      shared::Slot* slot = static_cast<Waitable&>(*h.object).shared_;
      plan.slots.push_back(slot);
      what = shared::identity(slot);
    } else {
      // Anonymous objects made inheritable after their creation are process-local still.
      FIXME("handle %p (object type %d) cannot be inherited yet", h.value, static_cast<int>(h.object->type()));
      continue;
    }
    char head[40];
    std::snprintf(head, sizeof head, "%zx:%c:%x:", reinterpret_cast<std::size_t>(h.value), kind, h.access);
    if (!plan.variable.empty()) plan.variable += ';';
    plan.variable += head + what;
    plan.keep.push_back(std::move(h.object));
  }
}

void grant_to_child(const InheritancePlan& plan, int pid) {
  for (shared::Slot* slot : plan.slots) shared::add_reference_for(slot, pid);
}

void install_inherited_handles() {
  std::string list = take_inherited_handles_variable();
  for (std::size_t start = 0; start < list.size();) {
    std::size_t end = list.find(';', start);
    if (end == std::string::npos) end = list.size();
    std::string entry = list.substr(start, end - start);
    start = end + 1;
    std::size_t value = 0;
    char kind = 0;
    unsigned access = 0;
    int consumed = 0;
    if (std::sscanf(entry.c_str(), "%zx:%c:%x:%n", &value, &kind, &access, &consumed) != 3 || consumed == 0) {
      WARN("malformed inherited handle entry '%s'", entry.c_str());
      continue;
    }
    std::string what = entry.substr(static_cast<std::size_t>(consumed));
    Ref<Object> obj;
    if (kind == 'f') {
      int fd = std::atoi(what.c_str());
      if (fd < 3 || fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) continue;
      obj = file_from_fd(fd, access);
    } else if (kind == 'e' || kind == 'm' || kind == 's') {
      auto slot = shared::attach(what, shared_kind(kind));
      if (!slot) {
        WARN("inherited object %s is gone", what.c_str());
        continue;
      }
      obj = wrap_shared(shared_kind(kind), *slot);
    } else {
      continue;
    }
    auto* h = reinterpret_cast<win::HANDLE>(value);
    if (handle_table().insert_at(h, std::move(obj), access, HANDLE_FLAG_INHERIT) != STATUS_SUCCESS)
      WARN("inherited handle %p: the value is taken", h);
  }
}

}  // namespace sill::nt
