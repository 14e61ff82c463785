#include "common/csv.h"

namespace common {

Result<std::vector<CsvRow>> ParseCsv(std::string_view text, const std::string& key) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  size_t line = 1;
  row.line = 1;
  bool row_has_content = false;
  auto malformed = [&](size_t at) {
    return Error::Invalid(key, Text::kCsvMalformed, {std::to_string(at)});
  };
  auto end_row = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    if (row_has_content || row.fields.size() > 1 || !row.fields[0].empty()) {
      rows.push_back(std::move(row));
    }
    row = CsvRow{};
    row_has_content = false;
  };
  size_t i = 0;
  while (i < text.size()) {
    char ch = text[i];
    if (ch == '"' && field.empty()) {
      row_has_content = true;
      size_t start_line = line;
      ++i;
      for (;;) {
        if (i >= text.size()) return malformed(start_line);
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        return malformed(line);
      }
      continue;
    }
    if (ch == ',') {
      row.fields.push_back(std::move(field));
      field.clear();
      row_has_content = true;
      ++i;
    } else if (ch == '\r' || ch == '\n') {
      i += (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      end_row();
      row.line = ++line;
    } else {
      field += ch;
      ++i;
    }
  }
  if (!field.empty() || !row.fields.empty() || row_has_content) end_row();
  return rows;
}

std::string FormatCsvRow(const std::vector<std::string>& fields) {
  // A row of one empty value would be a blank line, which readers skip: quote it.
  if (fields.size() == 1 && fields[0].empty()) return "\"\"\r\n";
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
  return out;
}

}  // namespace common
