// vcruntime140's std::exception helpers and its std::type_info helpers (msvc_eh's) on the host.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "win32/msvc_eh/msvc_eh.h"
#include "win32/vcruntime140/vcruntime140.h"

namespace v = sill::vcruntime;
namespace eh = sill::msvc_eh;

namespace {

// StdTypeInfoData with room for a name (the real one ends in a flexible array).
struct TypeInfo {
  const char* undecorated = nullptr;
  char decorated[32];
  explicit TypeInfo(const char* name) { std::strncpy(decorated, name, sizeof decorated); }
  eh::StdTypeInfoData* data() { return reinterpret_cast<eh::StdTypeInfoData*>(this); }
};

}  // namespace

TEST(Vcruntime, ExceptionCopyOwnsItsText) {
  v::StdExceptionData literal{"static text", false};
  v::StdExceptionData copy{};
  v::__std_exception_copy(&literal, &copy);
  EXPECT_EQ(copy.what, literal.what);  // not owned: the pointer is shared
  EXPECT_FALSE(copy.do_free);
  v::StdExceptionData owned{"owned text", true};
  v::__std_exception_copy(&owned, &copy);
  EXPECT_NE(copy.what, owned.what);
  EXPECT_STREQ(copy.what, "owned text");
  EXPECT_TRUE(copy.do_free);
  v::__std_exception_destroy(&copy);
  EXPECT_EQ(copy.what, nullptr);
  EXPECT_FALSE(copy.do_free);
}

TEST(Vcruntime, TypeInfoNamesCompareAndHash) {
  TypeInfo widget(".?AVWidget@ui@@"), point(".?AUPoint@@"), integer(".H"), widget2(".?AVWidget@ui@@");
  eh::StdTypeInfoList root{nullptr, nullptr};
  EXPECT_STREQ(eh::__std_type_info_name(widget.data(), &root), "class ui::Widget");
  EXPECT_STREQ(eh::__std_type_info_name(point.data(), &root), "struct Point");
  EXPECT_STREQ(eh::__std_type_info_name(integer.data(), &root), "int");
  const char* first = eh::__std_type_info_name(widget.data(), &root);
  EXPECT_EQ(first, eh::__std_type_info_name(widget.data(), &root));  // cached in the data
  EXPECT_EQ(eh::__std_type_info_compare(widget.data(), widget2.data()), 0);
  EXPECT_NE(eh::__std_type_info_compare(widget.data(), point.data()), 0);
  EXPECT_EQ(eh::__std_type_info_hash(widget.data()), eh::__std_type_info_hash(widget2.data()));
  EXPECT_NE(eh::__std_type_info_hash(widget.data()), eh::__std_type_info_hash(point.data()));
  eh::__std_type_info_destroy_list(&root);
  EXPECT_EQ(root.next, nullptr);
}
