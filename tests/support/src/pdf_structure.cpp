#include "throughline/testing/pdf_structure.hpp"

#include "throughline/testing/files.hpp"

#include <map>
#include <regex>
#include <stdexcept>

namespace throughline::testing {

namespace {

std::string run(const std::string& cmd, const char* needed) {
    auto out = commandOutput(cmd + " 2>/dev/null");
    if (out.empty()) throw std::runtime_error(std::string(needed) + " gave no output: " + cmd);
    return out;
}

std::string quoted(const std::string& file) {
    return "'" + file + "'";
}

std::string xmlText(std::string s) {
    for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}, {"&amp;", "&"}})
        for (auto p = s.find(entity); p != std::string::npos; p = s.find(entity, p + c.size()))
            s.replace(p, entity.size(), c);
    return s;
}

} // namespace

std::string withoutSpace(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
    return out;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto p = text.find(part); p != std::string::npos; p = text.find(part, p + part.size()))
        ++n;
    return n;
}

std::vector<std::string> pdfContentLines(const std::string& pdftotext, const std::string& file, double top,
                                         double bottom) {
    const auto html = run(pdftotext + " -q -bbox-layout " + quoted(file) + " -", "pdftotext (poppler-utils)");
    static const std::regex line(R"re(<line xMin="[^"]*" yMin="([^"]*)"[^>]*>([\s\S]*?)</line>)re"),
        word(R"re(<word xMin="([^"]*)" yMin="([^"]*)" xMax="([^"]*)" yMax="([^"]*)">([^<]*)</word>)re");
    std::vector<std::string> out;
    for (auto l = std::sregex_iterator(html.begin(), html.end(), line); l != std::sregex_iterator(); ++l) {
        const double y = std::stod((*l)[1].str());
        if (y < top || y > bottom) continue;
        std::string words;
        double lastRight = 0;
        const std::string inside = (*l)[2].str();
        for (auto w = std::sregex_iterator(inside.begin(), inside.end(), word); w != std::sregex_iterator();
             ++w) {
            const double left = std::stod((*w)[1].str()), right = std::stod((*w)[3].str()),
                         height = std::stod((*w)[4].str()) - std::stod((*w)[2].str());
            if (!words.empty() && left - lastRight > height / 2) {
                out.push_back(words);
                words.clear();
            }
            words += xmlText((*w)[5].str());
            lastRight = right;
        }
        if (!words.empty()) out.push_back(words);
    }
    return out;
}

std::vector<std::string> pdfPageContents(const std::string& qpdf, const std::string& file,
                                         const std::string& work) {
    run(qpdf + " --qdf --object-streams=disable " + quoted(file) + " " + quoted(work) + " && echo ok",
        "qpdf");
    const auto text = readFile(work);
    std::vector<std::string> pages;
    for (std::size_t at = text.find("%% Contents for page "); at != std::string::npos;
         at = text.find("%% Contents for page ", at + 1))
        pages.push_back(text.substr(at, text.find("endstream", at) - at));
    return pages;
}

std::string pdfStructureText(const std::string& pdfinfo, const std::string& file) {
    const auto tree = run(pdfinfo + " -struct-text " + quoted(file), "pdfinfo (poppler-utils)");
    std::string out;
    std::size_t from = 0;
    while (from < tree.size()) {
        auto end = tree.find('\n', from);
        if (end == std::string::npos) end = tree.size();
        const auto first = tree.find_first_not_of(' ', from);
        // A quoted line is an element's text: "…"
        if (first < end && tree[first] == '"' && end - first >= 2 && tree[end - 1] == '"')
            out += withoutSpace(tree.substr(first + 1, end - first - 2));
        from = end + 1;
    }
    return out;
}

std::vector<std::string> linesNotInStructure(const std::vector<std::string>& lines,
                                             const std::string& structure) {
    std::map<std::string, std::size_t> drawn;
    for (const auto& l : lines)
        ++drawn[withoutSpace(l)];
    std::vector<std::string> missing;
    for (const auto& [line, times] : drawn)
        if (occurrences(structure, line) < times) missing.push_back(line);
    return missing;
}

const nlohmann::json& PdfJson::get(const nlohmann::json& refOrValue) const {
    if (refOrValue.is_string()) {
        const auto key = "obj:" + refOrValue.get<std::string>();
        if (objects.contains(key)) {
            const auto& o = objects[key];
            return o.contains("value") ? o["value"] : o["stream"]["dict"];
        }
    }
    return refOrValue;
}

PdfJson qpdfJson(const std::string& qpdf, const std::string& file) {
    const auto raw = run(qpdf + " --json=2 --json-key=qpdf " + quoted(file), "qpdf");
    return PdfJson{nlohmann::json::parse(raw)["qpdf"][1]};
}

void structElems(const PdfJson& pdf, const nlohmann::json& e, std::vector<nlohmann::json>& out, int depth) {
    if (depth >= 64) throw std::runtime_error("the structure tree is deeper than 64");
    const auto& d = pdf.get(e);
    if (!d.is_object() || !d.contains("/S")) return;
    out.push_back(d);
    if (!d.contains("/K")) return;
    const auto& k = pdf.get(d["/K"]);
    if (k.is_array())
        for (const auto& kid : k)
            structElems(pdf, kid, out, depth + 1);
    else
        structElems(pdf, k, out, depth + 1);
}

} // namespace throughline::testing
