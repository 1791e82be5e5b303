// The data structures of MSVC's C++ exception model on x64, as the compiler
// emits them and as Microsoft's x64 exception-handling documentation and the
// published write-ups on "ehdata" describe them. Every cross-reference inside
// them is an image-relative address (RVA): of the throwing image for what
// _CxxThrowException describes, of the function's image for the frame tables.
#pragma once
#include <cstddef>
#include <cstdint>

#include "base/wintypes.h"

namespace sill::msvc_eh {

using namespace sill::win;

// ---- The exception record a C++ throw raises ----
inline constexpr DWORD CXX_EXCEPTION_CODE = 0xE06D7363;  // 'msc' | 0xE0000000
inline constexpr ULONG_PTR CXX_MAGIC_1 = 0x19930520;     // ExceptionInformation[0]: EH version
inline constexpr ULONG_PTR CXX_MAGIC_2 = 0x19930521;
inline constexpr ULONG_PTR CXX_MAGIC_3 = 0x19930522;
inline constexpr DWORD CXX_EXCEPTION_PARAMETERS = 4;  // magic, object, ThrowInfo, throw image base

// type_info's layout: a vtable, the undecorated name cache, the decorated name.
struct TypeDescriptor {
  const void* vftable;
  void* spare;
  char name[1];  // ".?AVclass@@", ".H" ...
};
static_assert(offsetof(TypeDescriptor, name) == 16);

// How to find a base class inside an object (this-pointer displacement).
struct PMD {
  int mdisp;  // displacement inside the object
  int pdisp;  // vbtable pointer displacement, -1 when the base is not virtual
  int vdisp;  // displacement inside the vbtable
};
static_assert(sizeof(PMD) == 12);

// CatchableType.properties
inline constexpr DWORD CT_IS_SIMPLE_TYPE = 0x01;
inline constexpr DWORD CT_BY_REFERENCE_ONLY = 0x02;
inline constexpr DWORD CT_HAS_VIRTUAL_BASE = 0x04;

struct CatchableType {
  DWORD properties;
  int type;  // RVA of the TypeDescriptor
  PMD this_displacement;
  int size;
  int copy_function;  // RVA of the copy constructor, 0 for bitwise copies
};
static_assert(sizeof(CatchableType) == 0x1c && offsetof(CatchableType, copy_function) == 0x18);

struct CatchableTypeArray {
  int count;
  int types[1];  // RVAs of CatchableType
};

// ThrowInfo.attributes
inline constexpr DWORD TI_IS_CONST = 0x01;
inline constexpr DWORD TI_IS_VOLATILE = 0x02;
inline constexpr DWORD TI_IS_UNALIGNED = 0x04;

struct ThrowInfo {
  DWORD attributes;
  int destructor;            // RVA of the thrown object's destructor, 0 if trivial
  int forward_compat;        // RVA, unused
  int catchable_type_array;  // RVA of the CatchableTypeArray
};
static_assert(sizeof(ThrowInfo) == 16);

// ---- The tables of a function with try/catch or objects to destroy (FH3) ----
inline constexpr DWORD FUNC_INFO_FLAG_EHS = 0x01;       // /EHs: only C++ exceptions are caught
inline constexpr DWORD FUNC_INFO_FLAG_NOEXCEPT = 0x04;  // noexcept: an exception leaving it terminates

struct FuncInfo3 {
  DWORD magic;  // CXX_MAGIC_1..3
  int max_state;
  int unwind_map;  // RVA of UnwindMapEntry3[max_state]
  DWORD try_block_count;
  int try_block_map;  // RVA of TryBlockMapEntry3[]
  DWORD ip_map_count;
  int ip_to_state_map;  // RVA of IpToStateEntry3[]
  int unwind_help;      // frame offset of the state slot, initialised to -2
  int es_type_list;     // magic >= 0x19930521: exception specifications (unused on x64)
  int flags;            // magic >= 0x19930522: FUNC_INFO_FLAG_*
};
static_assert(sizeof(FuncInfo3) == 40 && offsetof(FuncInfo3, unwind_help) == 28);

struct UnwindMapEntry3 {
  int to_state;  // state reached after this one is unwound (-1: none)
  int action;    // RVA of the unwind funclet (destructor call), 0 for none
};
static_assert(sizeof(UnwindMapEntry3) == 8);

struct TryBlockMapEntry3 {
  int try_low;
  int try_high;
  int catch_high;
  int handler_count;
  int handler_array;  // RVA of HandlerType3[handler_count]
};
static_assert(sizeof(TryBlockMapEntry3) == 20);

// HandlerType.adjectives (the catch clause's declaration)
inline constexpr DWORD HT_IS_CONST = 0x01;
inline constexpr DWORD HT_IS_VOLATILE = 0x02;
inline constexpr DWORD HT_IS_UNALIGNED = 0x04;
inline constexpr DWORD HT_IS_REFERENCE = 0x08;
inline constexpr DWORD HT_IS_STD_DOTDOT = 0x40;  // catch(...) written as such

struct HandlerType3 {
  DWORD adjectives;
  int type;          // RVA of the TypeDescriptor, 0 for catch(...)
  int catch_object;  // offset of the catch parameter in the parent frame, 0 for none
  int handler;       // RVA of the catch funclet
  int parent_frame;  // where the catch funclet keeps its parent's frame, from its own frame
};
static_assert(sizeof(HandlerType3) == 20);

struct IpToStateEntry3 {
  int ip;  // RVA of the first instruction in this state
  int state;
};
static_assert(sizeof(IpToStateEntry3) == 8);

}  // namespace sill::msvc_eh
