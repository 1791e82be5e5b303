// <stdlib.h> and <malloc.h> outside number conversion: the heap, sorting and searching
// with the program's (ms_abi) comparators, rand, integer helpers, system.
#include <malloc.h>

#include <cstdlib>
#include <cstring>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

thread_local unsigned t_rand_seed = 1;

struct SortContext {
  compare_t cmp;
  compare_ctx_t cmp_ctx;
  void* user;
};

int call_compare(const void* a, const void* b, void* arg) {
  auto* c = static_cast<SortContext*>(arg);
  return c->cmp ? c->cmp(a, b) : c->cmp_ctx(c->user, a, b);
}

// _aligned_malloc keeps the block's true start and size just below the aligned pointer.
struct AlignedHeader {
  void* block;
  std::size_t size;
};

}  // namespace

// ---- Heap ----
// Each block carries its requested size in a 16-byte header (keeping the 16-byte
// alignment Windows guarantees), so _msize reports exactly what was asked for.

namespace {

struct alignas(16) BlockHeader {
  std::size_t size;
  std::size_t magic;
};
constexpr std::size_t kMagic = 0x5349'4C4C'4352'5421ULL;  // "SILLCRT!"

void* finish(void* raw, std::size_t n) {
  if (!raw) {
    set_errno(err::enomem);
    return nullptr;
  }
  auto* h = static_cast<BlockHeader*>(raw);
  h->size = n;
  h->magic = kMagic;
  return h + 1;
}

BlockHeader* header_of(void* p) { return static_cast<BlockHeader*>(p) - 1; }

}  // namespace

void* WINAPI malloc(std::size_t n) noexcept {
  if (n > SIZE_MAX - sizeof(BlockHeader)) {
    set_errno(err::enomem);
    return nullptr;
  }
  return finish(std::malloc(sizeof(BlockHeader) + n), n);
}

void* WINAPI calloc(std::size_t n, std::size_t size) noexcept {
  if (size && n > (SIZE_MAX - sizeof(BlockHeader)) / size) {
    set_errno(err::enomem);
    return nullptr;
  }
  return finish(std::calloc(1, sizeof(BlockHeader) + n * size), n * size);
}

void WINAPI free(void* p) noexcept {
  if (!p) return;
  BlockHeader* h = header_of(p);
  if (h->magic != kMagic) {
    ERR("free(%p): not a block of this heap\n", p);
    return;
  }
  h->magic = 0;
  std::free(h);
}

void* WINAPI realloc(void* p, std::size_t n) noexcept {
  if (!p) return malloc(n);
  if (!n) {
    free(p);
    return nullptr;
  }
  if (n > SIZE_MAX - sizeof(BlockHeader)) {
    set_errno(err::enomem);
    return nullptr;
  }
  void* raw = std::realloc(header_of(p), sizeof(BlockHeader) + n);
  if (!raw) {
    set_errno(err::enomem);
    return nullptr;  // the old block stays valid
  }
  return finish(raw, n);
}

std::size_t WINAPI _msize(void* p) noexcept {
  if (!p) {
    set_errno(err::einval);
    return static_cast<std::size_t>(-1);
  }
  return header_of(p)->size;
}

// Grows or shrinks in place only: the block never moves.
void* WINAPI _expand(void* p, std::size_t n) noexcept {
  if (!p) return nullptr;
  BlockHeader* h = header_of(p);
  if (malloc_usable_size(h) >= sizeof(BlockHeader) + n) {
    h->size = n;
    return p;
  }
  set_errno(err::enomem);
  return nullptr;
}

void* WINAPI _recalloc(void* p, std::size_t n, std::size_t size) noexcept {
  if (size && n > (SIZE_MAX - sizeof(BlockHeader)) / size) {
    set_errno(err::enomem);
    return nullptr;
  }
  std::size_t old = p ? header_of(p)->size : 0;
  std::size_t total = n * size;
  void* q = realloc(p, total);
  if (q && total > old) std::memset(static_cast<char*>(q) + old, 0, total - old);
  return q;
}

void* WINAPI _aligned_offset_malloc(std::size_t n, std::size_t align, std::size_t offset) noexcept {
  if (align & (align - 1) || (n && offset >= n)) {
    set_errno(err::einval);
    return nullptr;
  }
  if (align < sizeof(void*)) align = sizeof(void*);
  std::size_t total = n + align + sizeof(AlignedHeader);
  char* block = static_cast<char*>(std::malloc(total));
  if (!block) {
    set_errno(err::enomem);
    return nullptr;
  }
  auto start = reinterpret_cast<std::uintptr_t>(block) + sizeof(AlignedHeader) + offset;
  auto aligned = ((start + align - 1) & ~(align - 1)) - offset;
  auto* h = reinterpret_cast<AlignedHeader*>(aligned) - 1;
  h->block = block;
  h->size = n;
  return reinterpret_cast<void*>(aligned);
}

void* WINAPI _aligned_malloc(std::size_t n, std::size_t align) noexcept { return _aligned_offset_malloc(n, align, 0); }

void WINAPI _aligned_free(void* p) noexcept {
  if (p) std::free((static_cast<AlignedHeader*>(p) - 1)->block);
}

void* WINAPI _aligned_offset_realloc(void* p, std::size_t n, std::size_t align, std::size_t offset) noexcept {
  if (!p) return _aligned_offset_malloc(n, align, offset);
  if (!n) {
    _aligned_free(p);
    return nullptr;
  }
  void* q = _aligned_offset_malloc(n, align, offset);
  if (!q) return nullptr;
  std::size_t old = (static_cast<AlignedHeader*>(p) - 1)->size;
  std::memcpy(q, p, old < n ? old : n);
  _aligned_free(p);
  return q;
}

void* WINAPI _aligned_realloc(void* p, std::size_t n, std::size_t align) noexcept {
  return _aligned_offset_realloc(p, n, align, 0);
}

// ---- Sorting and searching ----

void WINAPI qsort(void* base, std::size_t n, std::size_t size, compare_t cmp) noexcept {
  if (!base || !cmp || n < 2) return;
  SortContext c{cmp, nullptr, nullptr};
  ::qsort_r(base, n, size, call_compare, &c);
}

void WINAPI qsort_s(void* base, std::size_t n, std::size_t size, compare_ctx_t cmp, void* user) noexcept {
  if (!base || !cmp || n < 2) return;
  SortContext c{nullptr, cmp, user};
  ::qsort_r(base, n, size, call_compare, &c);
}

void* WINAPI bsearch(const void* key, const void* base, std::size_t n, std::size_t size, compare_t cmp) noexcept {
  auto* lo = static_cast<const char*>(base);
  while (n > 0) {
    const char* mid = lo + (n / 2) * size;
    int r = cmp(key, mid);
    if (r == 0) return const_cast<char*>(mid);
    if (r > 0) {
      lo = mid + size;
      n -= n / 2 + 1;
    } else {
      n /= 2;
    }
  }
  return nullptr;
}

void* WINAPI _lfind(const void* key, const void* base, unsigned* n, unsigned size, compare_t cmp) noexcept {
  auto* p = static_cast<const char*>(base);
  for (unsigned i = 0; i < *n; ++i, p += size) {
    if (cmp(key, p) == 0) return const_cast<char*>(p);
  }
  return nullptr;
}

// ---- Random numbers: Microsoft's linear congruential generator, per thread ----

int WINAPI rand() noexcept {
  t_rand_seed = t_rand_seed * 214013u + 2531011u;
  return static_cast<int>((t_rand_seed >> 16) & 0x7FFF);
}

void WINAPI srand(unsigned seed) noexcept { t_rand_seed = seed; }

// ---- Integers ----

int WINAPI abs(int v) noexcept { return v < 0 ? -v : v; }
crt_long WINAPI labs(crt_long v) noexcept { return v < 0 ? -v : v; }
std::int64_t WINAPI _abs64(std::int64_t v) noexcept { return v < 0 ? -v : v; }
std::int64_t WINAPI llabs(std::int64_t v) noexcept { return v < 0 ? -v : v; }

DIV_T WINAPI div(int a, int b) noexcept { return {a / b, a % b}; }
LDIV_T WINAPI ldiv(crt_long a, crt_long b) noexcept { return {a / b, a % b}; }
LLDIV_T WINAPI lldiv(std::int64_t a, std::int64_t b) noexcept { return {a / b, a % b}; }

unsigned WINAPI _rotl(unsigned v, int s) noexcept {
  s &= 31;
  return s ? (v << s) | (v >> (32 - s)) : v;
}

unsigned WINAPI _rotr(unsigned v, int s) noexcept {
  s &= 31;
  return s ? (v >> s) | (v << (32 - s)) : v;
}

crt_ulong WINAPI _lrotl(crt_ulong v, int s) noexcept { return _rotl(v, s); }
crt_ulong WINAPI _lrotr(crt_ulong v, int s) noexcept { return _rotr(v, s); }

std::uint64_t WINAPI _rotl64(std::uint64_t v, int s) noexcept {
  s &= 63;
  return s ? (v << s) | (v >> (64 - s)) : v;
}

std::uint64_t WINAPI _rotr64(std::uint64_t v, int s) noexcept {
  s &= 63;
  return s ? (v >> s) | (v << (64 - s)) : v;
}

void WINAPI _swab(char* src, char* dst, int n) noexcept {
  for (int i = 0; i + 1 < n; i += 2) {
    char a = src[i], b = src[i + 1];
    dst[i] = b;
    dst[i + 1] = a;
  }
}

// ---- Commands ----

int WINAPI system(const char* command) noexcept {
  if (!command) return 0;  // no command interpreter to run commands with
  FIXME("no command interpreter: %s\n", command);
  set_errno(err::enoent);
  return -1;
}

int WINAPI _wsystem(const wchar* command) noexcept {
  if (!command) return 0;
  FIXME_ONCE("no command interpreter\n");
  set_errno(err::enoent);
  return -1;
}

}  // namespace sill::msvcrt
