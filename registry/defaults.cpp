// The default contents of a new prefix's registry (defaults.h). Paths point into
// the prefix's drive_c layout made by ntdll/prefix.cpp.
#include "registry/defaults.h"

#include <cstring>
#include <vector>

#include "registry/roots.h"
#include "registry/tree.h"

namespace sill::registry {

namespace {

class Writer {
 public:
  explicit Writer(Store& store) : store_(store) {}

  // Selects (creating) the key at a rooted path; later calls set values in it.
  Writer& key(std::u16string_view rooted) {
    if (!ok()) return *this;
    auto p = split_rooted_path(rooted);
    auto k = open_rooted(store_, *p, true);
    if (!k) status_ = k.error();
    else key_ = *k;
    return *this;
  }
  Writer& sz(std::u16string_view name, std::u16string_view text, std::uint32_t type = REG_SZ) {
    std::u16string data(text);
    data.push_back(u'\0');
    return raw(name, type, data.data(), data.size() * 2);
  }
  Writer& expand(std::u16string_view name, std::u16string_view text) { return sz(name, text, REG_EXPAND_SZ); }
  Writer& dword(std::u16string_view name, std::uint32_t v) { return raw(name, REG_DWORD, &v, 4); }
  Writer& binary(std::u16string_view name, const void* p, std::size_t n) { return raw(name, REG_BINARY, p, n); }
  // A symbolic-link key at `rooted` (its parent must exist) pointing at an absolute \REGISTRY path.
  Writer& link(std::u16string_view rooted, std::u16string_view target) {
    if (!ok()) return *this;
    std::size_t sep = rooted.find_last_of(u'\\');
    key(rooted.substr(0, sep));
    if (!ok()) return *this;
    auto made = store_.create_key(key_, rooted.substr(sep + 1), u"", kKeySymbolicLink);
    if (!made) {
      status_ = made.error();
      return *this;
    }
    key_ = made->id;
    return raw(u"SymbolicLinkValue", REG_LINK, target.data(), target.size() * 2);
  }
  bool ok() const { return status_ == 0; }
  Result<void> result() const { return ok() ? Result<void>{} : Unexpected{status_}; }

 private:
  Writer& raw(std::u16string_view name, std::uint32_t type, const void* p, std::size_t n) {
    if (!ok()) return *this;
    if (auto r = store_.set_value(key_, name, type, p, n); !r) status_ = r.error();
    return *this;
  }
  Store& store_;
  KeyId key_ = kRootKey;
  win::NTSTATUS status_ = 0;
};

// TIME_ZONE_INFORMATION's registry form (TZI): biases and the two transition dates.
struct Tzi {
  std::int32_t bias, standard_bias, daylight_bias;
  std::uint16_t standard_date[8], daylight_date[8];  // SYSTEMTIME
};
static_assert(sizeof(Tzi) == 44);

struct Zone {
  const char16_t* key;
  const char16_t* display;
  const char16_t* std_name;
  const char16_t* dlt_name;
  Tzi tzi;
};

// A handful of common zones; month/week-day/occurrence rules as Windows states them.
const Zone kZones[] = {
    {u"UTC", u"(UTC) Coordinated Universal Time", u"Coordinated Universal Time", u"Coordinated Universal Time",
     {0, 0, 0, {}, {}}},
    {u"GMT Standard Time", u"(UTC+00:00) Dublin, Edinburgh, Lisbon, London", u"GMT Standard Time",
     u"GMT Daylight Time", {0, 0, -60, {0, 10, 0, 5, 2, 0, 0, 0}, {0, 3, 0, 5, 1, 0, 0, 0}}},
    {u"W. Europe Standard Time", u"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
     u"W. Europe Standard Time", u"W. Europe Daylight Time",
     {-60, 0, -60, {0, 10, 0, 5, 3, 0, 0, 0}, {0, 3, 0, 5, 2, 0, 0, 0}}},
    {u"Eastern Standard Time", u"(UTC-05:00) Eastern Time (US & Canada)", u"Eastern Standard Time",
     u"Eastern Daylight Time", {300, 0, -60, {0, 11, 0, 1, 2, 0, 0, 0}, {0, 3, 0, 2, 2, 0, 0, 0}}},
    {u"Pacific Standard Time", u"(UTC-08:00) Pacific Time (US & Canada)", u"Pacific Standard Time",
     u"Pacific Daylight Time", {480, 0, -60, {0, 11, 0, 1, 2, 0, 0, 0}, {0, 3, 0, 2, 2, 0, 0, 0}}},
    {u"Tokyo Standard Time", u"(UTC+09:00) Osaka, Sapporo, Tokyo", u"Tokyo Standard Time", u"Tokyo Daylight Time",
     {-540, 0, -60, {}, {}}},
};

const struct {
  const char16_t* name;
  const char16_t* file;
} kFonts[] = {
    {u"Arial (TrueType)", u"arial.ttf"},
    {u"Arial Bold (TrueType)", u"arialbd.ttf"},
    {u"Courier New (TrueType)", u"cour.ttf"},
    {u"Segoe UI (TrueType)", u"segoeui.ttf"},
    {u"Tahoma (TrueType)", u"tahoma.ttf"},
    {u"Times New Roman (TrueType)", u"times.ttf"},
    {u"Consolas (TrueType)", u"consola.ttf"},
};

// What built-in DLLs register (COM classes: CoCreateInstance reads InprocServer32). Kept apart
// from the rest because update_builtin_defaults() rewrites it in prefixes made by an older Sill;
// raise kBuiltinDefaultsRevision whenever this changes.
constexpr std::uint32_t kBuiltinDefaultsRevision = 1;
constexpr std::u16string_view kRevisionKey = u"HKLM\\Software\\Sill";
constexpr std::u16string_view kRevisionValue = u"BuiltinDefaultsRevision";

void write_builtin_classes(Writer& w) {
  w.key(u"HKLM\\Software\\Classes\\CLSID\\{00021401-0000-0000-C000-000000000046}").sz(u"", u"Shortcut");
  w.key(u"HKLM\\Software\\Classes\\CLSID\\{00021401-0000-0000-C000-000000000046}\\InprocServer32")
      .sz(u"", u"C:\\windows\\system32\\shell32.dll")
      .sz(u"ThreadingModel", u"Both");
  w.key(kRevisionKey).dword(kRevisionValue, kBuiltinDefaultsRevision);
}

}  // namespace

Result<void> populate_defaults(Store& store, const DefaultsContext& ctx) {
  return store.batch([&]() -> Result<void> {
    Writer w(store);
    const std::u16string profile = u"C:\\users\\" + ctx.user_name;
    const std::u16string build = [&] {
      std::string b = std::to_string(ctx.build);
      return std::u16string(b.begin(), b.end());
    }();

    // Control sets: CurrentControlSet is a link, as on Windows.
    w.key(u"HKLM\\System\\ControlSet001\\Control\\Session Manager\\Environment")
        .sz(u"ComSpec", u"C:\\windows\\system32\\cmd.exe")
        .expand(u"Path", u"%SystemRoot%\\system32;%SystemRoot%;%SystemRoot%\\System32\\Wbem")
        .sz(u"PATHEXT", u".COM;.EXE;.BAT;.CMD;.VBS;.JS")
        .sz(u"OS", u"Windows_NT")
        .sz(u"PROCESSOR_ARCHITECTURE", u"AMD64")
        .expand(u"TEMP", u"%SystemRoot%\\TEMP")
        .expand(u"TMP", u"%SystemRoot%\\TEMP")
        .sz(u"windir", u"C:\\windows");
    w.key(u"HKLM\\System\\ControlSet001\\Control\\ComputerName\\ComputerName").sz(u"ComputerName", ctx.computer_name);
    w.key(u"HKLM\\System\\ControlSet001\\Control\\TimeZoneInformation").sz(u"TimeZoneKeyName", u"UTC");
    w.key(u"HKLM\\System\\ControlSet001\\Control\\Nls\\CodePage").sz(u"ACP", u"1252").sz(u"OEMCP", u"437");
    w.key(u"HKLM\\System\\ControlSet001\\Hardware Profiles\\Current");
    w.key(u"HKLM\\System\\Select").dword(u"Current", 1).dword(u"Default", 1).dword(u"LastKnownGood", 1);
    w.link(u"HKLM\\System\\CurrentControlSet", u"\\REGISTRY\\MACHINE\\System\\ControlSet001");

    // Version: what GetVersionEx's callers and installers read.
    w.key(u"HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion")
        .sz(u"CurrentVersion", u"6.3")
        .sz(u"CurrentBuild", build)
        .sz(u"CurrentBuildNumber", build)
        .dword(u"CurrentMajorVersionNumber", 10)
        .dword(u"CurrentMinorVersionNumber", 0)
        .dword(u"UBR", 2006)  // the revision the built-in DLLs' version resources carry
        .sz(u"CurrentType", u"Multiprocessor Free")
        .sz(u"ProductName", u"Windows 10 Pro")
        .sz(u"EditionID", u"Professional")
        .sz(u"InstallationType", u"Client")
        .sz(u"ReleaseId", u"2009")
        .sz(u"DisplayVersion", u"22H2")
        .sz(u"SystemRoot", u"C:\\windows")
        .sz(u"RegisteredOwner", ctx.user_name)
        .sz(u"RegisteredOrganization", u"");
    w.key(std::u16string(u"HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\") + kUserSid)
        .expand(u"ProfileImagePath", profile);
    w.key(u"HKLM\\Software\\Microsoft\\Windows\\CurrentVersion")
        .sz(u"ProgramFilesDir", u"C:\\Program Files")
        .sz(u"ProgramFilesDir (x86)", u"C:\\Program Files (x86)")
        .sz(u"ProgramW6432Dir", u"C:\\Program Files")
        .sz(u"CommonFilesDir", u"C:\\Program Files\\Common Files")
        .sz(u"ProgramFilesPath", u"%ProgramFiles%", REG_EXPAND_SZ);
    w.key(u"HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Shell Folders")
        .sz(u"Common AppData", u"C:\\ProgramData")
        .sz(u"Common Desktop", u"C:\\users\\Public\\Desktop")
        .sz(u"Common Documents", u"C:\\users\\Public\\Documents");

    // Fonts (files under C:\windows\Fonts) and the usual substitutes.
    w.key(u"HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Fonts");
    for (const auto& f : kFonts) w.sz(f.name, f.file);
    w.key(u"HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\FontSubstitutes")
        .sz(u"MS Shell Dlg", u"Tahoma")
        .sz(u"MS Shell Dlg 2", u"Tahoma")
        .sz(u"Helvetica", u"Arial")
        .sz(u"Times", u"Times New Roman");

    // Time zones.
    for (const Zone& z : kZones) {
      w.key(std::u16string(u"HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Time Zones\\") + z.key)
          .sz(u"Display", z.display)
          .sz(u"Std", z.std_name)
          .sz(u"Dlt", z.dlt_name)
          .binary(u"TZI", &z.tzi, sizeof z.tzi);
    }

    // File classes.
    w.key(u"HKLM\\Software\\Classes\\.exe").sz(u"", u"exefile").sz(u"Content Type", u"application/x-msdownload");
    w.key(u"HKLM\\Software\\Classes\\exefile").sz(u"", u"Application");
    w.key(u"HKLM\\Software\\Classes\\exefile\\shell\\open\\command").sz(u"", u"\"%1\" %*");
    w.key(u"HKLM\\Software\\Classes\\.txt").sz(u"", u"txtfile").sz(u"Content Type", u"text/plain")
        .sz(u"PerceivedType", u"text");
    w.key(u"HKLM\\Software\\Classes\\txtfile").sz(u"", u"Text Document");
    w.key(u"HKLM\\Software\\Classes\\txtfile\\shell\\open\\command")
        .expand(u"", u"%SystemRoot%\\system32\\NOTEPAD.EXE %1");
    w.key(u"HKLM\\Software\\Classes\\.bat").sz(u"", u"batfile");
    w.key(u"HKLM\\Software\\Classes\\batfile").sz(u"", u"Windows Batch File");
    w.key(u"HKLM\\Software\\Classes\\batfile\\shell\\open\\command").sz(u"", u"\"%1\" %*");
    w.key(u"HKLM\\Software\\Classes\\.cmd").sz(u"", u"cmdfile");
    w.key(u"HKLM\\Software\\Classes\\cmdfile\\shell\\open\\command").sz(u"", u"\"%1\" %*");

    write_builtin_classes(w);

    // The user: environment and shell folders (absolute and %USERPROFILE% forms).
    w.key(u"HKU\\.DEFAULT\\Software");
    w.key(u"HKCU\\Software\\Classes");
    w.key(u"HKCU\\Environment")
        .expand(u"TEMP", u"%USERPROFILE%\\AppData\\Local\\Temp")
        .expand(u"TMP", u"%USERPROFILE%\\AppData\\Local\\Temp");
    w.key(u"HKCU\\Volatile Environment");
    const struct {
      const char16_t* name;
      const char16_t* sub;  // below the profile
    } kFolders[] = {
        {u"AppData", u"AppData\\Roaming"},
        {u"Local AppData", u"AppData\\Local"},
        {u"Desktop", u"Desktop"},
        {u"Personal", u"Documents"},
        {u"My Music", u"Music"},
        {u"My Pictures", u"Pictures"},
        {u"My Video", u"Videos"},
        {u"{374DE290-123F-4565-9164-39C4925E467B}", u"Downloads"},
        {u"Favorites", u"Favorites"},
        {u"Templates", u"AppData\\Roaming\\Microsoft\\Windows\\Templates"},
        {u"Start Menu", u"AppData\\Roaming\\Microsoft\\Windows\\Start Menu"},
        {u"Programs", u"AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs"},
        {u"Startup", u"AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup"},
        {u"Cache", u"AppData\\Local\\Microsoft\\Windows\\INetCache"},
        {u"Cookies", u"AppData\\Local\\Microsoft\\Windows\\INetCookies"},
        {u"History", u"AppData\\Local\\Microsoft\\Windows\\History"},
    };
    w.key(u"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Shell Folders");
    for (const auto& f : kFolders) w.sz(f.name, profile + u"\\" + f.sub);
    w.key(u"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders");
    for (const auto& f : kFolders) w.expand(f.name, std::u16string(u"%USERPROFILE%\\") + f.sub);
    return w.result();
  });
}

Result<void> update_builtin_defaults(Store& store) {
  // The common case, one read: the prefix is up to date.
  auto path = split_rooted_path(kRevisionKey);
  if (auto key = open_rooted(store, *path, false)) {
    auto v = store.get_value(*key, kRevisionValue);
    std::uint32_t revision = 0;
    if (v && v->type == REG_DWORD && v->data.size() == 4) std::memcpy(&revision, v->data.data(), 4);
    if (revision >= kBuiltinDefaultsRevision) return {};
  }
  return store.batch([&]() -> Result<void> {
    Writer w(store);
    write_builtin_classes(w);
    return w.result();
  });
}

}  // namespace sill::registry
