#include "common/csv.h"

#include <gtest/gtest.h>

namespace common {
namespace {

std::vector<std::vector<std::string>> Fields(std::string_view text) {
  auto rows = ParseCsv(text);
  EXPECT_TRUE(rows.ok());
  std::vector<std::vector<std::string>> out;
  if (rows.ok()) {
    for (auto& r : *rows) out.push_back(r.fields);
  }
  return out;
}

TEST(Csv, ParsesQuotedCommasQuotesAndLineBreaks) {
  auto rows = Fields(
      "\xEF\xBB\xBF"
      "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"two\nlines", "", "x"}));
}

TEST(Csv, SkipsBlankLinesAndKeepsLineNumbers) {
  auto rows = ParseCsv("h\n\n\"multi\nline\"\nlast");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[1].line, 3u);
  EXPECT_EQ((*rows)[2].line, 5u);
  EXPECT_EQ((*rows)[2].fields[0], "last");
}

TEST(Csv, RejectsUnclosedQuotes) {
  auto rows = ParseCsv("a\n\"open,b\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().fields()[0].key, "csv");
}

TEST(Csv, RejectsTextAfterAClosingQuote) { EXPECT_FALSE(ParseCsv("\"a\"b,c\n").ok()); }

TEST(Csv, FormatsRoundTrip) {
  std::vector<std::string> row = {"plain", "with,comma", "quote\"d", "new\nline", "日本語"};
  std::string line = FormatCsvRow(row);
  EXPECT_EQ(line, "plain,\"with,comma\",\"quote\"\"d\",\"new\nline\",日本語\r\n");
  EXPECT_EQ(Fields(line)[0], row);
}

// Found by fuzz_csv: a row of one empty value came out as a blank line and was lost.
TEST(Csv, ARowOfOneEmptyValueSurvivesTheRoundTrip) {
  EXPECT_EQ(FormatCsvRow({""}), "\"\"\r\n");
  auto rows = ParseCsv("h\r\n" + FormatCsvRow({""}) + FormatCsvRow({"x"}));
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[1].fields, std::vector<std::string>{""});
  EXPECT_EQ(FormatCsvRow({"", ""}), ",\r\n");
}

}  // namespace
}  // namespace common
