#include "loader/process_start.h"

#include <asm/prctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/command_line.h"
#include "loader/environment_block.h"
#include "loader/pe_format.h"
#include "loader/shared_user_data.h"
#include "ntdll/exception_signals.h"
#include "ntdll/path_mapping.h"
#include "ntdll/prefix.h"
#include "ntdll/prefix_processes.h"
#include "ntdll/process_object.h"
#include "ntdll/process_state.h"
#include "ntdll/status.h"
#include "ntdll/thread_stack.h"

extern "C" [[noreturn]] void sill_call_on_stack(void (*fn)(void*), void* arg, void* stack_top);

SILL_DEFAULT_DEBUG_CHANNEL(loader);
SILL_DECLARE_DEBUG_CHANNEL(relay);

namespace sill::loader {

namespace {

constexpr std::size_t kPage = 4096;

// Strings the PEB points to live as long as the process.
win::UNICODE_STRING keep(std::u16string s) {
  auto* owned = new std::u16string(std::move(s));
  win::UNICODE_STRING us;
  us.Buffer = owned->data();
  us.Length = static_cast<win::USHORT>(std::min<std::size_t>(owned->size() * 2, 0xFFFC));
  us.MaximumLength = static_cast<win::USHORT>(us.Length + 2);
  return us;
}

template <class T>
T* allocate_zeroed() {
  void* p = mmap(nullptr, (sizeof(T) + kPage - 1) & ~(kPage - 1), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? nullptr : static_cast<T*>(p);
}

nt::PEB* build_peb(const std::u16string& image_dos_path, const std::vector<std::string>& args) {
  auto* peb = allocate_zeroed<nt::PEB>();
  auto* params = allocate_zeroed<nt::RTL_USER_PROCESS_PARAMETERS>();
  auto* ldr = allocate_zeroed<nt::PEB_LDR_DATA>();
  if (!peb || !params || !ldr) return nullptr;
  set_peb_ldr(ldr);
  peb->Ldr = ldr;
  peb->ProcessParameters = params;
  peb->NumberOfProcessors = static_cast<win::ULONG>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
  peb->OSMajorVersion = nt::kWindowsMajor;
  peb->OSMinorVersion = nt::kWindowsMinor;
  peb->OSBuildNumber = static_cast<win::USHORT>(nt::kWindowsBuild);
  peb->OSPlatformId = 2;  // VER_PLATFORM_WIN32_NT

  params->MaximumLength = params->Length = sizeof(nt::RTL_USER_PROCESS_PARAMETERS);
  params->Flags = 1;  // RTL_USER_PROC_PARAMS_NORMALIZED: pointers, not offsets
  std::vector<std::u16string> wide_args;
  for (const auto& a : args) wide_args.push_back(utf8_to_utf16(a));
  params->ImagePathName = keep(image_dos_path);
  // A Windows parent passes the exact command line (CreateProcess); else it is built from argv.
  std::optional<std::u16string> parent_command_line = nt::take_parent_variables();
  params->CommandLine =
      keep(parent_command_line ? std::move(*parent_command_line) : build_windows_command_line(image_dos_path, wide_args));
  params->WindowTitle = keep(image_dos_path);
  params->DesktopInfo = keep(u"WinSta0\\Default");
  params->ShellInfo = keep(u"");
  params->RuntimeData = keep(u"");
  char cwd[PATH_MAX];
  std::u16string dos_cwd = getcwd(cwd, sizeof cwd) ? nt::unix_path_to_dos(cwd) : u"C:\\";
  if (dos_cwd.empty() || dos_cwd.back() != u'\\') dos_cwd += u'\\';
  params->CurrentDirectory.DosPath = keep(dos_cwd);
  params->DllPath = keep(u"");
  auto* env = new std::u16string(build_environment_block(environ));
  params->Environment = env->data();
  params->EnvironmentSize = env->size() * 2;
  params->ShowWindowFlags = 1;  // SW_SHOWNORMAL
  return peb;
}

nt::TEB* build_teb(nt::PEB* peb) {
  auto* teb = allocate_zeroed<nt::TEB>();
  if (!teb) return nullptr;
  teb->Tib.Self = &teb->Tib;
  teb->ProcessEnvironmentBlock = peb;
  teb->ClientId.UniqueProcess = reinterpret_cast<win::HANDLE>(static_cast<std::uintptr_t>(getpid()));
  teb->ClientId.UniqueThread = reinterpret_cast<win::HANDLE>(static_cast<std::uintptr_t>(gettid()));
  teb->CurrentLocale = 0x409;
  return teb;
}

struct StartContext {
  ModuleState* exe;
  nt::PEB* peb;
  std::vector<ModuleState*> core;  // ntdll, kernel32: initialized first, whatever the program imports
};

// Runs on the program's stack: initializers, then the entry point.
[[noreturn]] void start_on_program_stack(void* arg) {
  auto* ctx = static_cast<StartContext*>(arg);
  for (ModuleState* core : ctx->core)
    if (auto r = initialize_modules(*core, true); !r) {
      std::fprintf(stderr, "sill: %s\n", r.error().message.c_str());
      terminate_process(static_cast<win::UINT>(r.error().status));
    }
  if (auto r = initialize_modules(*ctx->exe, true); !r) {
    std::fprintf(stderr, "sill: %s\n", r.error().message.c_str());
    terminate_process(static_cast<win::UINT>(r.error().status));
  }
  using Entry = win::DWORD(WINAPI*)(nt::PEB*);
  auto entry = reinterpret_cast<Entry>(ctx->exe->entry_point);
  TRACE_(relay, "Call PE entry point %p\n", reinterpret_cast<void*>(entry));
  win::DWORD code = entry(ctx->peb);
  TRACE_(relay, "Ret  PE entry point %p retval=%u\n", reinterpret_cast<void*>(entry), code);
  // Returning from the entry point ends the process with its return value.
  exit_process(code);
}

}  // namespace

LoadError run_program(const std::string& unix_path, const std::vector<std::string>& args) {
  if (!nt::ensure_default_prefix()) std::exit(1);  // it said why
  // Visible to `sill kill` and `sill wait` before any program code runs.
  nt::processes::register_this_process();
  char resolved[PATH_MAX];
  std::string real = realpath(unix_path.c_str(), resolved) ? std::string(resolved) : unix_path;
  std::u16string dos_path = nt::unix_path_to_dos(real);

  nt::PEB* peb = build_peb(dos_path, args);
  nt::TEB* teb = peb ? build_teb(peb) : nullptr;
  if (!teb) return {nt::STATUS_NO_MEMORY, "not enough memory to start a process"};
  if (syscall(SYS_arch_prctl, ARCH_SET_GS, teb) != 0)
    return {nt::STATUS_NO_MEMORY, "cannot set the GS base for the thread environment block"};
  register_thread_teb(teb);
  map_shared_user_data();
  nt::initialize_process_state(peb);
  // Faults in program code become Windows exceptions from the first instruction on.
  nt::install_fault_handlers();

  std::vector<ModuleState*> core;
  for (const char16_t* name : {u"ntdll.dll", u"kernel32.dll"}) {
    auto r = load_dependency(name, nullptr);
    if (!r) return r.error();
    core.push_back(*r);
  }

  auto mapped = map_pe_image(real, dos_path, true);
  if (!mapped) return mapped.error();
  ModuleState* exe = *mapped;
  auto* dos = reinterpret_cast<const pe::DosHeader*>(exe->module.base);
  const auto& opt = reinterpret_cast<const pe::NtHeaders64*>(exe->module.base + dos->e_lfanew)->OptionalHeader;
  switch (opt.Subsystem) {
    case pe::kSubsystemWindowsCui:
    case pe::kSubsystemWindowsGui:
      break;
    default:
      return {nt::STATUS_INVALID_IMAGE_FORMAT, "it is not a Windows program (subsystem " + std::to_string(opt.Subsystem) +
                                             ": drivers, EFI and native programs cannot run)"};
  }
  if (!exe->entry_point) return {nt::STATUS_INVALID_IMAGE_FORMAT, "it has no entry point"};
  peb->ImageBaseAddress = exe->module.base;
  peb->ImageSubsystem = opt.Subsystem;
  peb->ImageSubsystemMajorVersion = opt.MajorSubsystemVersion;
  peb->ImageSubsystemMinorVersion = opt.MinorSubsystemVersion;

  if (auto r = bind_imports(*exe); !r) return r.error();
  setup_tls(*exe);
  protect_sections(*exe);
  // What the program loads with itself stays until it exits.
  for (ModuleState* m : all_modules()) m->module.load_count = -1;

  // The main thread runs on a stack of the size the program asks for, laid out as on Windows.
  nt::set_image_stack_sizes(opt.SizeOfStackReserve, opt.SizeOfStackCommit);
  nt::ThreadStack stack;
  if (!nt::map_thread_stack(nt::new_thread_stack_sizes(0, false).reserve, 0, &stack))
    return {nt::STATUS_NO_MEMORY, "cannot allocate the program's stack"};
  nt::describe_stack(teb, stack);

  // CREATE_SUSPENDED: no program code, DLL initializers included, before the parent says so.
  nt::wait_until_resumed();
  auto* ctx = new StartContext{exe, peb, core};
  sill_call_on_stack(start_on_program_stack, ctx, teb->Tib.StackBase);
}

}  // namespace sill::loader
