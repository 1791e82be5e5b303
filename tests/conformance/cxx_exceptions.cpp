// C++ exceptions (mingw's SEH-based unwinding, _GCC_specific_handler) crossing
// frames the program did not compile: msvcrt's qsort and bsearch call back
// into the program, the callback throws, and main catches it above the
// runtime's frames, running destructors on the way. Also: allocation failure
// becomes std::bad_alloc.
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>

#include "tap.h"

namespace {

int destroyed = 0;

struct Guard {
    ~Guard() { ++destroyed; }
};

int throwing_compare(const void* a, const void* b)
{
    Guard guard;
    int x = *static_cast<const int*>(a), y = *static_cast<const int*>(b);
    if (x == 13 || y == 13) throw std::runtime_error("unlucky");
    return (x > y) - (x < y);
}

int sorted_calls = 0;
int counting_compare(const void* a, const void* b)
{
    ++sorted_calls;
    int x = *static_cast<const int*>(a), y = *static_cast<const int*>(b);
    return (x > y) - (x < y);
}

int throwing_search(const void* key, const void* element)
{
    if (*static_cast<const int*>(element) == 5) throw 42;
    return *static_cast<const int*>(key) - *static_cast<const int*>(element);
}

}  // namespace

int main()
{
    try {
        throw std::string("plain");
    } catch (const std::string& s) {
        tap_ok(s == "plain", "an exception thrown and caught in one function");
    }

    int values[] = {9, 4, 7, 1, 8, 2};
    std::qsort(values, 6, sizeof(int), counting_compare);
    tap_ok(values[0] == 1 && values[5] == 9 && sorted_calls > 0, "msvcrt's qsort calls back into the program");

    int with_13[] = {5, 13, 3, 8, 1};
    std::string message;
    destroyed = 0;
    try {
        std::qsort(with_13, 5, sizeof(int), throwing_compare);
    } catch (const std::runtime_error& e) {
        message = e.what();
    }
    tap_str(message.c_str(), "unlucky", "an exception thrown in a qsort callback is caught above qsort");
    tap_ok(destroyed > 0, "destructors in the callback ran during unwinding");

    int key = 6, table[] = {1, 3, 5, 7, 9}, caught = 0;
    try {
        std::bsearch(&key, table, 5, sizeof(int), throwing_search);
    } catch (int value) {
        caught = value;
    }
    tap_int(caught, 42, "an exception thrown in a bsearch callback is caught above bsearch");

    bool bad_alloc = false;
    try {
        volatile std::size_t huge = std::size_t(1) << 62;
        char* p = new char[huge];
        p[0] = 1;
        delete[] p;
    } catch (const std::bad_alloc&) {
        bad_alloc = true;
    }
    tap_ok(bad_alloc, "an impossible allocation throws std::bad_alloc");

    int rethrown = 0;
    try {
        try {
            throw std::logic_error("inner");
        } catch (...) {
            rethrown = 1;
            throw;
        }
    } catch (const std::logic_error& e) {
        rethrown += std::string(e.what()) == "inner";
    }
    tap_int(rethrown, 2, "throw; rethrows the current exception");
    return tap_done();
}
