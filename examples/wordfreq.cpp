// Word frequencies of a text file (or stdin): the most common words, ties in
// alphabetical order. Shows a C++ program (static libstdc++) doing real work:
// iostreams, std::unordered_map, sorting.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

static void count_words(std::istream& in, std::unordered_map<std::string, int>& counts, long& total)
{
    std::string word;
    char c;
    auto flush = [&] {
        if (!word.empty()) {
            ++counts[word];
            ++total;
            word.clear();
        }
    };
    while (in.get(c)) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'')
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else
            flush();
    }
    flush();
}

int main(int argc, char** argv)
{
    std::unordered_map<std::string, int> counts;
    long total = 0;
    if (argc > 1) {
        std::ifstream file(argv[1]);
        if (!file) {
            std::cerr << "wordfreq: cannot open " << argv[1] << '\n';
            return 2;
        }
        count_words(file, counts, total);
    } else {
        count_words(std::cin, counts, total);
    }

    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::cout << total << " words, " << counts.size() << " different\n";
    const std::size_t shown = std::min<std::size_t>(sorted.size(), 10);
    for (std::size_t i = 0; i < shown; ++i)
        std::cout << std::setw(6) << sorted[i].second << "  " << sorted[i].first << '\n';
    return 0;
}
