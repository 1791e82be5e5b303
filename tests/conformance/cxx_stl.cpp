// The C++ runtime a mingw-w64 program carries (static libstdc++) on top of
// msvcrt: iostreams, strings, containers, algorithms, std::function, string
// streams with formatting. Self-checking; std::cout output is a TAP comment.
#include <algorithm>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

int count = 0;
int failed = 0;

void check(bool passed, const std::string& what)
{
    ++count;
    if (!passed) ++failed;
    std::cout << (passed ? "ok " : "not ok ") << count << " - " << what << '\n';
}

template <class T>
void check_eq(const T& got, const T& want, const std::string& what)
{
    std::ostringstream detail;
    if (got != want) detail << " (got " << got << ", expected " << want << ')';
    check(got == want, what + detail.str());
}

struct Person {
    std::string name;
    int age;
};

}  // namespace

int main()
{
    std::cout << "# iostream works: " << 42 << ' ' << 2.5 << ' ' << std::boolalpha << true << std::endl;

    std::string s = "Hello";
    s += ", ";
    s.append("World");
    check_eq(s, std::string("Hello, World"), "std::string concatenation");
    check_eq(s.find("World"), std::string::size_type(7), "std::string::find");
    check_eq(s.substr(0, 5), std::string("Hello"), "std::string::substr");
    std::string big(10000, 'x');
    check_eq(big.size(), std::size_t(10000), "large std::string on the heap");

    std::vector<int> v{5, 3, 9, 1, 7};
    std::sort(v.begin(), v.end());
    check(v == std::vector<int>({1, 3, 5, 7, 9}), "std::sort");
    check_eq(std::accumulate(v.begin(), v.end(), 0), 25, "std::accumulate");
    v.reserve(1000);
    for (int i = 0; i < 1000; ++i) v.push_back(i);
    check_eq(v.size(), std::size_t(1005), "vector growth");

    std::vector<Person> people{{"ann", 30}, {"bob", 25}, {"cid", 30}, {"dan", 25}};
    std::stable_sort(people.begin(), people.end(),
                     [](const Person& a, const Person& b) { return a.age < b.age; });
    std::string order;
    for (const auto& p : people) order += p.name + ' ';
    check_eq(order, std::string("bob dan ann cid "), "std::stable_sort keeps equal elements in order");

    std::map<std::string, int> m{{"pear", 3}, {"apple", 1}, {"fig", 2}};
    std::string keys;
    for (const auto& [k, val] : m) keys += k;
    check_eq(keys, std::string("applefigpear"), "std::map iterates in key order");

    std::unordered_map<std::string, int> freq;
    std::istringstream words("a b a c b a");
    for (std::string w; words >> w;) ++freq[w];
    check(freq["a"] == 3 && freq["b"] == 2 && freq["c"] == 1 && freq.size() == 3, "std::unordered_map counts");

    int captured = 10;
    std::function<int(int)> add = [captured](int x) { return x + captured; };
    check_eq(add(5), 15, "std::function holding a capturing lambda");
    std::function<int(int)> fact = [&fact](int n) { return n <= 1 ? 1 : n * fact(n - 1); };
    check_eq(fact(10), 3628800, "recursive std::function");

    std::ostringstream out;
    out << std::setw(6) << std::setfill('0') << 42 << '|' << std::hex << 255 << '|' << std::dec
        << std::fixed << std::setprecision(3) << 3.14159 << '|' << std::left << std::setw(5)
        << std::setfill('.') << "ab" << '|';
    check_eq(out.str(), std::string("000042|ff|3.142|ab...|"), "std::ostringstream formatting");

    std::ostringstream sci;
    sci << std::scientific << std::setprecision(2) << 12345.678;
    check_eq(sci.str(), std::string("1.23e+04"), "libstdc++ prints two exponent digits");

    int parsed = 0;
    double d = 0;
    std::istringstream("123 4.5") >> parsed >> d;
    check(parsed == 123 && d == 4.5, "std::istringstream parsing");

    check_eq(std::to_string(-17), std::string("-17"), "std::to_string");
    check_eq(std::stoi("  99"), 99, "std::stoi");

    bool caught = false;
    try {
        std::vector<int>().at(3);
    } catch (const std::out_of_range&) {
        caught = true;
    }
    check(caught, "a C++ exception is thrown and caught (SEH unwinding)");

    std::cout << "1.." << count << std::endl;
    return failed ? 1 : 0;
}
