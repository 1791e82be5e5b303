// Prints what desktop/shell_link.h reads from a .lnk file, one "field=value" line each, for
// shell_link_test.py to compare with what the conformance program set through shell32.
// With --write OUT TARGET WORKDIR ARGS it writes a shortcut instead (run_shortcut_test.py).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "desktop/shell_link.h"

int main(int argc, char** argv) {
  if (argc == 6 && std::string(argv[1]) == "--write") {
    sill::desktop::ShellLink link;
    link.target_path = argv[3];
    link.working_dir = argv[4];
    link.arguments = argv[5];
    link.id_list = sill::desktop::id_list_for_path(link.target_path, 0x20 /* FILE_ATTRIBUTE_ARCHIVE */);
    auto bytes = sill::desktop::write_shell_link(link);
    std::ofstream out(argv[2], std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return out ? 0 : 1;
  }
  if (argc != 2) {
    std::fprintf(stderr, "usage: shell_link_dump FILE.lnk | --write OUT TARGET WORKDIR ARGS\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "shell_link_dump: cannot open %s\n", argv[1]);
    return 1;
  }
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto link = sill::desktop::parse_shell_link(bytes);
  if (!link) {
    std::fprintf(stderr, "shell_link_dump: %s: %s\n", argv[1], link.error().message.c_str());
    return 1;
  }
  auto id_list_path = sill::desktop::path_from_id_list(link->id_list);
  std::printf("target_path=%s\n", link->target_path.c_str());
  std::printf("id_list_path=%s\n", id_list_path ? id_list_path->c_str() : "");
  std::printf("arguments=%s\n", link->arguments.c_str());
  std::printf("working_dir=%s\n", link->working_dir.c_str());
  std::printf("description=%s\n", link->description.c_str());
  std::printf("icon_location=%s\n", link->icon_location.c_str());
  std::printf("icon_index=%d\n", link->icon_index);
  std::printf("show_command=%d\n", link->show_command);
  std::printf("hotkey=%u\n", link->hotkey);
  std::printf("file_size=%u\n", link->file_size);
  std::printf("file_attributes=%u\n", link->file_attributes);
  return 0;
}
