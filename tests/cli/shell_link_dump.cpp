// Prints what desktop/shell_link.h reads from a .lnk file, one "field=value" line each, for
// shell_link_test.py to compare with what the conformance program set through shell32.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

#include "desktop/shell_link.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: shell_link_dump FILE.lnk\n");
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
